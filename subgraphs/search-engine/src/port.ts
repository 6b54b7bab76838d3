import { HubError, type SearchDocument, type SearchIndexWriter, type SearchType } from '@welcome-hub/kit';

/**
 * The search port: what the hub asks of a search engine. Two adapters implement it,
 * Meilisearch (production) and an embedded in-process index (embedded mode). German text
 * analysis happens in the hub before either sees a word, so both rank alike. The document,
 * its id and the writes the outbox relay makes are kit's contract (`SearchIndexWriter`),
 * which every subgraph may import without loading an engine.
 */

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

/** No facet values at all: the answer of a search that cannot match. */
export function emptyFacets(): Record<FacetName, FacetValue[]> {
  return Object.fromEntries(FACET_NAMES.map((f): [FacetName, FacetValue[]] => [f, []])) as Record<
    FacetName,
    FacetValue[]
  >;
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

/**
 * What an adapter must do: kit's writes, plus reading and searching. Every method may
 * throw SearchUnavailableError.
 */
export interface SearchEngine extends SearchIndexWriter {
  /** Removes every document of the given types (before a reindex of them). */
  deleteByType(types: SearchType[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResultPage>;
  /** The document with this id, or null. */
  get(id: string): Promise<SearchDocument | null>;
  /** Number of documents in the index. */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The engine cannot be reached or failed; the rest of the hub keeps working. */
export class SearchUnavailableError extends HubError {
  constructor(reason: string) {
    super(
      'SEARCH_UNAVAILABLE',
      `Search is unavailable right now (${reason}). Everything else works; try the search again shortly.`,
    );
  }
}

/** One word of a query: its alternative readings, each a list of terms that together stand for the word. */
export type QueryWord = string[][];

/**
 * German text analysis, engine-independent. The same `terms` run at index and at query
 * time, so "Neubürgerempfang", "Neubürger-Empfang" and "neubuerger empfang" meet.
 */
export interface TextAnalyzer {
  /**
   * Searchable terms of a text, in text order (a word may yield several: its stem, its
   * compound parts, a synonym's canonical term).
   */
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
