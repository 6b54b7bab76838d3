import type { SearchResponse } from 'meilisearch';
import {
  FACET_NAMES,
  facetList,
  type FacetName,
  type FacetValue,
  type QueryWord,
  type SearchHit,
  type SearchResultPage,
} from '../port.js';
import { finite, fromMeiliDocument, isRecord, type MeiliRecord } from './documents.js';

/** Meilisearch's attribute for each facet of the port. */
export const MEILI_FACET: Record<FacetName, string> = {
  type: 'type',
  region: 'region',
  district: 'district',
  targetGroup: 'targetGroups',
  fieldOfAction: 'fieldsOfAction',
  kind: 'kind',
};

/** The attributes whose distribution every search asks for. */
export const MEILI_FACETS = FACET_NAMES.map((f) => MEILI_FACET[f]);

/** Federated queries per search at most. */
const MAX_QUERIES = 12;
/** Meilisearch reads the first ten words of a query and ignores the rest. */
const MAX_QUERY_WORDS = 10;

/**
 * The Meilisearch queries that together answer a query the way the embedded engine does:
 * a document matches when it holds any term of any reading of any of the query's words,
 * and ranks higher the more of them it holds. Meilisearch has no OR within a query, and
 * `matchingStrategy: 'last'` makes a query's first term required, dropping terms from the
 * end while too few documents hold them all. So a federated search ORs several queries,
 * each document counted once with its best score:
 * - first the words as read first, in their order (the last one matched as a prefix, as
 *   it is typed);
 * - then every term of every reading leads a query once, followed by the rest of its
 *   reading and the other words; the last word's terms lead queries of that word alone,
 *   so that they stay last and are matched as prefixes too.
 * Each query keeps Meilisearch's first ten terms; the first twelve queries are sent (a
 * longer query, such as `similar`'s two dozen words, is searched by its first words).
 *
 * Federation compares the queries' ranking scores, in which matching all of a one-term
 * query counts as much as matching all of a three-term one. So each query weighs its share
 * of the first query's terms (the last word alone, of three, a third), and the others a
 * little less than the first, which wins a tie.
 */
export function meilisearchQueries(words: QueryWord[]): { q: string; weight: number }[] {
  const first = words.map((word) => word[0]);
  const all = first.flat().slice(0, MAX_QUERY_WORDS);
  const queries = new Map<string, number>([[all.join(' '), 1]]);
  const add = (terms: string[]) => {
    const q = terms.slice(0, MAX_QUERY_WORDS);
    const key = q.join(' ');
    if (!queries.has(key))
      queries.set(key, Math.min(0.99, Math.round((q.length / Math.max(1, all.length)) * 1000) / 1000));
  };
  for (const [i, word] of words.entries()) {
    const last = i === words.length - 1;
    const others = last ? [] : [...first.slice(i + 1), ...first.slice(0, i)].flat();
    for (const reading of word) {
      for (const [k, lead] of reading.entries()) add([lead, ...reading.filter((_, j) => j !== k), ...others]);
    }
  }
  return [...queries].slice(0, MAX_QUERIES).map(([q, weight]) => ({ q, weight }));
}

function facetValues(distribution: Record<string, number> | undefined): FacetValue[] {
  return facetList(Object.entries(distribution ?? {}));
}

/**
 * A hit's relevance: a federated search orders by the weighted score, so report that one
 * and scores fall as hits do.
 */
function scoreOf(hit: MeiliRecord): number {
  const federated = isRecord(hit._federation) ? hit._federation.weightedRankingScore : undefined;
  if (finite(federated)) return federated;
  return finite(hit._rankingScore) ? hit._rankingScore : 0;
}

/** The port's page from a Meilisearch answer (single or federated). Throws on a hit that is not ours. */
export function toResultPage(response: SearchResponse<MeiliRecord>): SearchResultPage {
  const facets = Object.fromEntries(
    FACET_NAMES.map((name): [FacetName, FacetValue[]] => [
      name,
      facetValues(response.facetDistribution?.[MEILI_FACET[name]]),
    ]),
  ) as Record<FacetName, FacetValue[]>;
  const hits = response.hits.map((hit): SearchHit => ({ document: fromMeiliDocument(hit), score: scoreOf(hit) }));
  return { totalCount: response.totalHits ?? response.estimatedTotalHits ?? hits.length, hits, facets };
}
