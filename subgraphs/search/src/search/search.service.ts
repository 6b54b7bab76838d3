import {
  BadUserInputError,
  InputValidator,
  SEARCH_TYPES,
  districtCodeSchema,
  documentId,
  isAgs,
  isUuid,
  nearSchema,
  pageWindow,
  toConnection,
  type FieldProblem,
  type SearchDocument,
} from '@welcome-hub/kit';
import {
  FACET_NAMES,
  SearchUnavailableError,
  highlight,
  type FacetName,
  type FacetValue,
  type SearchEngine,
  type SearchFilter as EngineFilter,
  type SearchHit as EngineHit,
  type TextAnalyzer,
} from '@welcome-hub/search-engine';
import type { EntityReference } from '../federation/references.js';
import type { SearchArgs, SearchFilter, SearchHit } from './search.type.js';

const MAX_QUERY = 200;
const TYPENAME = { MUNICIPALITY: 'Municipality', PRACTICE: 'Practice', MODULE: 'Module', EVENT: 'Event' } as const;

function engineOf(engine: SearchEngine | null): SearchEngine {
  if (!engine) throw new SearchUnavailableError('no search engine is configured');
  return engine;
}

export function entityOf(doc: SearchDocument): EntityReference {
  return doc.type === 'MUNICIPALITY'
    ? { __typename: 'Municipality', ags: doc.key }
    : { __typename: TYPENAME[doc.type], id: doc.key };
}

/** Checks the filter, naming each bad field; returns it in the engine's terms. */
export function toEngineFilter(filter: SearchFilter | null | undefined, v: InputValidator): EngineFilter | undefined {
  if (!filter) return undefined;
  const code = /^[A-Z][A-Z0-9_]{0,39}$/;
  if (filter.district != null) v.rule(districtCodeSchema, filter.district, 'filter.district');
  for (const field of ['targetGroup', 'fieldOfAction', 'kind'] as const) {
    const value = filter[field];
    if (value != null) v.check(code.test(value), `filter.${field}`, 'must be an upper-case code such as "FAMILIES"');
  }
  const near = filter.near;
  if (near) v.rule(nearSchema, near, 'filter.near');
  return {
    ...(filter.types?.length ? { types: filter.types.filter((t) => SEARCH_TYPES.includes(t)) } : {}),
    ...(filter.region ? { region: filter.region } : {}),
    ...(filter.district ? { district: filter.district } : {}),
    ...(filter.targetGroup ? { targetGroup: filter.targetGroup } : {}),
    ...(filter.fieldOfAction ? { fieldOfAction: filter.fieldOfAction } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(near ? { near: { lat: near.lat, lon: near.lon, radiusKm: near.radiusKm } } : {}),
  };
}

function checkedText(v: InputValidator, value: string, field: string, { required }: { required: boolean }): string {
  const trimmed = value.trim();
  if (required) v.check(trimmed.length > 0, field, 'must not be empty');
  v.check(trimmed.length <= MAX_QUERY, field, `must have at most ${MAX_QUERY} characters`);
  return trimmed;
}

function toHit(hit: EngineHit, queryTerms: string[], analyzer: TextAnalyzer): SearchHit {
  const doc = hit.document;
  const highlights = (['title', 'summary', 'text'] as const)
    .map((field) => ({ field, snippet: highlight(doc[field], queryTerms, analyzer) }))
    .filter((h): h is { field: 'title' | 'summary' | 'text'; snippet: string } => h.snippet !== null);
  return {
    score: Math.round(hit.score * 1000) / 1000,
    type: doc.type as SearchHit['type'],
    title: doc.title,
    highlights,
    entity: entityOf(doc),
  };
}

/** `search`: validates, asks the engine, marks the matching words. */
export async function searchRecords(engine: SearchEngine | null, analyzer: TextAnalyzer, args: SearchArgs) {
  const v = new InputValidator();
  const query = checkedText(v, args.query, 'query', { required: false });
  const filter = toEngineFilter(args.filter, v);
  let window = { offset: 0, limit: 20 };
  try {
    window = pageWindow(args);
  } catch (error) {
    if (error instanceof BadUserInputError)
      for (const f of error.fields as FieldProblem[]) v.check(false, f.field, f.message);
  }
  v.throwIfInvalid();
  const queryTerms = analyzer.terms(query);
  // Only stop words or punctuation: nothing to look for (an empty query lists everything instead).
  if (query !== '' && queryTerms.length === 0) {
    engineOf(engine); // still SEARCH_UNAVAILABLE without an engine, as for any other query
    return {
      ...toConnection([], 0, window),
      facets: Object.fromEntries(FACET_NAMES.map((f): [FacetName, FacetValue[]] => [f, []])) as Record<
        FacetName,
        FacetValue[]
      >,
    };
  }
  const page = await engineOf(engine).search({ query, filter, offset: window.offset, limit: window.limit });
  const connection = toConnection(
    page.hits.map((h) => toHit(h, queryTerms, analyzer)),
    page.totalCount,
    window,
  );
  return { ...connection, facets: page.facets };
}

/** `suggest`: titles starting like what was typed so far. */
export async function suggestTitles(engine: SearchEngine | null, prefix: string, first: number | null | undefined) {
  const v = new InputValidator();
  const text = checkedText(v, prefix, 'prefix', { required: true });
  const limit = first ?? 8;
  v.between(limit, 'first', 1, 20);
  v.throwIfInvalid();
  const page = await engineOf(engine).search({ query: text, offset: 0, limit: limit * 2 });
  const seen = new Set<string>();
  return page.hits
    .filter((h) => !seen.has(h.document.title) && seen.add(h.document.title))
    .slice(0, limit)
    .map((h) => ({ text: h.document.title, type: h.document.type, entity: entityOf(h.document) }));
}

/** `similar`: records that share the most terms with the given one, itself left out. */
export async function similarRecords(
  engine: SearchEngine | null,
  analyzer: TextAnalyzer,
  id: string,
  first: number | null | undefined,
) {
  const v = new InputValidator();
  const limit = first ?? 5;
  v.check(isAgs(id) || isUuid(id), 'id', 'must be an AGS (8 digits) or a record id (UUID)');
  v.between(limit, 'first', 1, 20);
  v.throwIfInvalid();
  const search = engineOf(engine);
  const types = isAgs(id) ? (['MUNICIPALITY'] as const) : (['PRACTICE', 'MODULE', 'EVENT'] as const);
  const found = await Promise.all(types.map((t) => search.get(documentId(t, id))));
  const doc = found.find((d): d is SearchDocument => d !== null);
  if (!doc) return [];
  // The record's own title and summary are the query; a few dozen terms describe it well enough.
  const query = [...new Set(analyzer.terms(`${doc.title} ${doc.summary}`))].slice(0, 24).join(' ');
  const page = await search.search({ query, offset: 0, limit: limit + 1 });
  const queryTerms = analyzer.terms(query);
  return page.hits
    .filter((h) => h.document.id !== doc.id)
    .slice(0, limit)
    .map((h) => toHit(h, queryTerms, analyzer));
}
