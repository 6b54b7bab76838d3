import { HubError } from '../errors/errors.js';

/**
 * The search port: what the hub asks of a search engine. Two adapters implement it,
 * Meilisearch (production) and an embedded in-process index (embedded mode). German text
 * analysis happens in the hub before either sees a word, so both rank alike.
 */

/** The kinds of record the hub indexes; one index holds them all. */
export type SearchType = 'MUNICIPALITY' | 'PRACTICE' | 'MODULE' | 'EVENT';
export const SEARCH_TYPES: readonly SearchType[] = ['MUNICIPALITY', 'PRACTICE', 'MODULE', 'EVENT'];

/** One searchable record, as the owning subgraph describes it. Facts only; no ranking hints beyond `weight`. */
export interface SearchDocument {
  /** Unique across types: `<type>:<key>`, e.g. "PRACTICE:1b4e…" or "MUNICIPALITY:05970040". */
  id: string;
  type: SearchType;
  /** The entity key: an AGS for municipalities, the UUID otherwise. */
  key: string;
  /** Human-readable title (German). Weighted highest. */
  title: string;
  /** A short summary (German), used for highlights. */
  summary: string;
  /** Further searchable text: description, tags, lessons, agenda … */
  text: string;
  /** Names of places the record belongs to (municipality, district, cooperation). */
  places: string[];
  region: 'SUEDWESTFALEN' | 'RUHR' | null;
  /** Kreisschlüssel (5 digits) of the owning or hosting municipality, if any. */
  district: string | null;
  targetGroups: string[];
  fieldsOfAction: string[];
  /** Kind code of the record, e.g. "EVENT_FORMAT", "ANALYSIS_TOOL", "RUNDER_TISCH", "STADT". */
  kind: string | null;
  location: { lat: number; lon: number } | null;
}

export interface SearchFilter {
  types?: SearchType[];
  region?: 'SUEDWESTFALEN' | 'RUHR';
  district?: string;
  targetGroup?: string;
  fieldOfAction?: string;
  kind?: string;
  near?: { lat: number; lon: number; radiusKm: number };
}

export interface SearchRequest {
  /** What the user typed; may be empty (then everything matching the filter, by title). */
  query: string;
  filter?: SearchFilter;
  offset: number;
  limit: number;
}

export type FacetName = 'type' | 'region' | 'district' | 'targetGroup' | 'fieldOfAction' | 'kind';
export const FACET_NAMES: readonly FacetName[] = ['type', 'region', 'district', 'targetGroup', 'fieldOfAction', 'kind'];

export interface FacetValue {
  value: string;
  count: number;
}

/** Facet values as every adapter answers them: values with hits only, most hits first, then by value. */
export function facetList(counts: Iterable<[string, number]>): FacetValue[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export interface SearchHit {
  document: SearchDocument;
  /** Relevance in [0, 1], higher is better; comparable within one result only. */
  score: number;
}

export interface SearchResultPage {
  totalCount: number;
  hits: SearchHit[];
  /** Counts over every match of the query and filter, not just this page. */
  facets: Record<FacetName, FacetValue[]>;
}

/** What an adapter must do. Every method may throw SearchUnavailableError. */
export interface SearchEngine {
  /** "meilisearch" or "embedded", for logs and health. */
  readonly name: string;
  /** Creates the index and applies its settings (idempotent). */
  applySettings(): Promise<void>;
  /** Inserts or replaces documents by id (idempotent). */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>;
  /** Removes every document of the given types (before a reindex of them). */
  deleteByType(types: SearchType[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResultPage>;
  /** Several searches at once, answered in order. */
  multiSearch(requests: SearchRequest[]): Promise<SearchResultPage[]>;
  /** The document with this id, or null. */
  get(id: string): Promise<SearchDocument | null>;
  /** The ids of every document of one type (a reindex removes those no longer in the database). */
  ids(type: SearchType): Promise<string[]>;
  /** Number of documents in the index. */
  count(): Promise<number>;
  /** True when the engine answers. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** The engine cannot be reached or failed; the rest of the hub keeps working. */
export class SearchUnavailableError extends HubError {
  constructor(reason: string) {
    super('SEARCH_UNAVAILABLE', `Search is unavailable right now (${reason}). Everything else works; try the search again shortly.`);
  }
}

/** The document id of an entity: `<type>:<key>`. */
export function documentId(type: SearchType, key: string): string {
  return `${type}:${key}`;
}

/** One word of a query: its alternative readings, each a list of terms that together stand for the word. */
export type QueryWord = string[][];

/**
 * German text analysis, engine-independent. The same `terms` run at index and at query
 * time, so "Neubürgerempfang", "Neubürger-Empfang" and "neubuerger empfang" meet.
 */
export interface TextAnalyzer {
  /** Searchable terms of a text, in text order (a word may yield several: its stem, its compound parts, a synonym's canonical term). */
  terms(text: string): string[];
  /**
   * The words of a query, each as its alternative readings ("variants"), each reading the
   * most general terms that stand for the word, all held by any document holding the word:
   * "Neubürgerempfang" → [["neuburg", "empfang"]] (a document holding the compound holds its
   * parts); "Begrüßungsmappe" → [["willkommensmapp"], ["begruss", "mapp"]] (its synonym
   * group's term, or its parts). For engines without an OR of their own, which build one
   * query per term from them (see meilisearchQueries).
   */
  queryWords(text: string): QueryWord[];
  /** Lower-cases and folds umlauts, ß and diacritics ("Begrüßung" → "begrussung"). */
  fold(text: string): string;
  /** The synonym groups of the data files, folded, for engines that take synonyms as settings. */
  synonymGroups(): string[][];
  /** The stop words of the data files, folded. */
  stopWords(): string[];
}
