import { SEARCH_TYPES, type SearchDocument } from '@welcome-hub/kit';
import type { TextAnalyzer } from '../port.js';

/**
 * A document as stored in Meilisearch: the port's fields plus analyzed terms and `_geo`.
 * The port's fields are re-mapped (not intersected with the interface) so the type has the
 * implicit index signature the client's `Record<string, …>` parameters require.
 */
export type MeiliDocument = { [K in keyof SearchDocument]: SearchDocument[K] } & {
  title_terms: string;
  places_terms: string;
  summary_terms: string;
  text_terms: string;
  /** The title folded, for sorting. */
  title_sort: string;
  /** Meilisearch's geo field; note `lng`, where the port says `lon`. */
  _geo?: { lat: number; lng: number };
};

/** A record as Meilisearch returns it: read field by field, never trusted to be ours. */
export type MeiliRecord = Record<string, unknown>;

const ID_SAFE = /^[A-Za-z0-9-]$/;

/**
 * Meilisearch ids allow only `a-z A-Z 0-9 - _`. Encoding: letters, digits and `-` stay;
 * `:` becomes `__`; every other character (including `_` itself) becomes `_` plus two
 * lower-case hex digits per UTF-8 byte. So "PRACTICE:1b4e-…" → "PRACTICE__1b4e-…" and
 * "a_b" → "a_5fb". Since hex digits are never `_`, `__` always means `:` and decoding is
 * unambiguous.
 */
export function encodeDocumentId(id: string): string {
  let out = '';
  for (const char of id) {
    if (ID_SAFE.test(char)) out += char;
    else if (char === ':') out += '__';
    else for (const byte of Buffer.from(char, 'utf8')) out += `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Reverses {@link encodeDocumentId}. Throws on a string it cannot have produced. */
export function decodeDocumentId(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; ) {
    if (encoded[i] !== '_') {
      bytes.push(encoded.charCodeAt(i));
      i += 1;
    } else if (encoded[i + 1] === '_') {
      bytes.push(0x3a); // ':'
      i += 2;
    } else {
      const hex = encoded.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`Not an encoded document id: ${encoded}`);
      bytes.push(parseInt(hex, 16));
      i += 3;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The document as Meilisearch stores it: encoded id, original fields, analyzed `*_terms`, `_geo`. */
export function toMeiliDocument(doc: SearchDocument, analyzer: TextAnalyzer): MeiliDocument {
  const terms = (text: string) => analyzer.terms(text).join(' ');
  return {
    ...doc,
    id: encodeDocumentId(doc.id),
    title_terms: terms(doc.title),
    places_terms: terms(doc.places.join(' ')),
    summary_terms: terms(doc.summary),
    text_terms: terms(doc.text),
    title_sort: analyzer.fold(doc.title),
    ...(doc.location ? { _geo: { lat: doc.location.lat, lng: doc.location.lon } } : {}),
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const isRecord = (v: unknown): v is MeiliRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function locationOf(raw: MeiliRecord): SearchDocument['location'] {
  const { location, _geo: geo } = raw;
  if (isRecord(location) && finite(location.lat) && finite(location.lon))
    return { lat: location.lat, lon: location.lon };
  if (isRecord(geo) && finite(geo.lat) && finite(geo.lng)) return { lat: geo.lat, lon: geo.lng };
  return null;
}

function regionOf(v: unknown): SearchDocument['region'] {
  return v === 'SUEDWESTFALEN' || v === 'RUHR' ? v : null;
}

/**
 * The port's document from a stored one (or a hit): original id, no `*_terms`, no `_geo`,
 * no ranking fields. Throws when the record has no valid id or type, i.e. was not written
 * by this adapter.
 */
export function fromMeiliDocument(raw: MeiliRecord): SearchDocument {
  const id = decodeDocumentId(str(raw.id));
  const type = SEARCH_TYPES.find((t) => t === raw.type);
  if (!type) throw new Error(`Stored document ${id} has no known type`);
  return {
    id,
    type,
    key: str(raw.key),
    title: str(raw.title),
    summary: str(raw.summary),
    text: str(raw.text),
    places: strings(raw.places),
    region: regionOf(raw.region),
    district: strOrNull(raw.district),
    targetGroups: strings(raw.targetGroups),
    fieldsOfAction: strings(raw.fieldsOfAction),
    kind: strOrNull(raw.kind),
    location: locationOf(raw),
  };
}
