import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type SearchResponse,
  type Settings,
  type Task,
} from 'meilisearch';
import { BadUserInputError, HubError } from '../errors/errors.js';
import {
  FACET_NAMES,
  SEARCH_TYPES,
  SearchUnavailableError,
  facetList,
  type FacetName,
  type FacetValue,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchHit,
  type SearchRequest,
  type SearchResultPage,
  type SearchType,
  type QueryWord,
  type TextAnalyzer,
} from './port.js';

/**
 * The Meilisearch adapter of the search port. Meilisearch never sees raw German text as
 * the thing it matches on: the hub's analyzer turns title, places, summary and text into
 * `*_terms` fields at index time and the query into the same terms at search time, so this
 * adapter ranks like the embedded one.
 */

/** Meilisearch's attribute for each facet of the port. */
const MEILI_FACET: Record<FacetName, string> = {
  type: 'type',
  region: 'region',
  district: 'district',
  targetGroup: 'targetGroups',
  fieldOfAction: 'fieldsOfAction',
  kind: 'kind',
};

/** Half the Earth's circumference: every point lies within it, so larger radii mean nothing. */
const MAX_RADIUS_KM = 20_040;
const TASK_POLL_MS = 50;
/** Error codes meaning the filter we built was rejected: a bug of ours, not an outage. */
const FILTER_BUG_CODES = new Set(['invalid_search_filter', 'invalid_document_filter']);

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

type MeiliRecord = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

/** Meilisearch wants synonyms as "word → every other word of its group"; a word in several groups gets all of them. */
function synonymMap(groups: string[][]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const words = [...new Set(group)];
    for (const word of words) {
      const others = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) others.add(other);
      map.set(word, others);
    }
  }
  return Object.fromEntries([...map].filter(([, others]) => others.size > 0).map(([word, others]) => [word, [...others]]));
}

/**
 * The index settings. Searchable attributes are the analyzed `*_terms` in priority order
 * (the attribute ranking rule weighs earlier ones higher); ranking rules are Meilisearch's
 * defaults. Typos start at five letters so short German words and codes stay exact.
 */
export function meilisearchSettings(analyzer: TextAnalyzer) {
  return {
    searchableAttributes: ['title_terms', 'places_terms', 'summary_terms', 'text_terms'],
    displayedAttributes: ['*'],
    filterableAttributes: ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind', '_geo'],
    // Titles sort folded ("Bönen" as "bonen"), as German readers and the embedded engine's collator order them.
    sortableAttributes: ['title_sort', '_geo'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    // The *_terms fields hold stems, so the synonyms must be stems too (the analyzer also
    // adds each group's canonical term itself; this keeps Meilisearch's own matching in line).
    synonyms: synonymMap(analyzer.synonymGroups().map((group) => [...new Set(group.map((word) => analyzer.terms(word)[0]).filter((t): t is string => !!t))]).filter((g) => g.length > 1)),
    // None: the analyzer drops stop words before Meilisearch sees a word, and some of its
    // stems are stop words themselves ("Seiten" → "seit", "Waren" → "war"), which
    // Meilisearch would then neither index nor search.
    stopWords: [],
    // The *_terms fields hold the hub's analysed terms, separated by spaces. A German
    // locale would make Meilisearch segment them again into fragments ("wi", "ll", "ko"
    // of "willkommensmapp"), and without a locale it guesses one per document; English
    // tokenizes Latin text by separators only, which is what analysed terms need.
    localizedAttributes: [{ attributePatterns: ['*_terms'], locales: ['eng'] }],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  } satisfies Settings;
}

// ---------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------

/**
 * A user-supplied string as a Meilisearch filter value: always double-quoted, with `\` and
 * `"` backslash-escaped (Meilisearch ≥ 1.4 unescapes both inside quotes), so no value can
 * close the quotes and add filter syntax of its own.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Fixed-point notation: Meilisearch's filter parser does not read exponents such as `1e-7`. */
function decimal(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

function typesFilter(types: SearchType[]): string {
  const unknown = types.filter((t) => !SEARCH_TYPES.includes(t));
  if (unknown.length > 0) {
    throw new BadUserInputError([{ field: 'filter.types', message: `Unknown type ${unknown.map(String).join(', ')}; expected one of ${SEARCH_TYPES.join(', ')}.` }]);
  }
  return `type IN [${types.map(quoteFilterValue).join(', ')}]`;
}

function inRange(n: number, min: number, max: number): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max;
}

function nearFilter(near: NonNullable<SearchFilter['near']>): string {
  const valid = inRange(near.lat, -90, 90) && inRange(near.lon, -180, 180) && inRange(near.radiusKm, 0, MAX_RADIUS_KM) && near.radiusKm > 0;
  if (!valid) {
    throw new BadUserInputError([
      { field: 'filter.near', message: `lat must lie in −90…90, lon in −180…180 and radiusKm in (0, ${MAX_RADIUS_KM}].` },
    ]);
  }
  return `_geoRadius(${decimal(near.lat, 7)}, ${decimal(near.lon, 7)}, ${decimal(near.radiusKm * 1000, 3)})`;
}

/**
 * The filter as Meilisearch expressions, AND-ed as an array. Empty values are ignored, as
 * in the embedded engine. Throws BadUserInputError for an unknown type or an invalid `near`.
 */
export function buildFilter(filter: SearchFilter | undefined): string[] {
  if (!filter) return [];
  const parts: string[] = [];
  if (filter.types?.length) parts.push(typesFilter(filter.types));
  const equalities: [string, string | undefined][] = [
    ['region', filter.region],
    ['district', filter.district],
    ['kind', filter.kind],
    ['targetGroups', filter.targetGroup],
    ['fieldsOfAction', filter.fieldOfAction],
  ];
  for (const [field, value] of equalities) if (value) parts.push(`${field} = ${quoteFilterValue(value)}`);
  if (filter.near) parts.push(nearFilter(filter.near));
  return parts;
}

// ---------------------------------------------------------------------------------------
// Documents and ids
// ---------------------------------------------------------------------------------------

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
const isRecord = (v: unknown): v is MeiliRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function locationOf(raw: MeiliRecord): SearchDocument['location'] {
  const { location, _geo: geo } = raw;
  if (isRecord(location) && finite(location.lat) && finite(location.lon)) return { lat: location.lat, lon: location.lon };
  if (isRecord(geo) && finite(geo.lat) && finite(geo.lng)) return { lat: geo.lat, lon: geo.lng };
  return null;
}

function regionOf(v: unknown): SearchDocument['region'] {
  return v === 'SUEDWESTFALEN' || v === 'RUHR' ? v : null;
}

/**
 * The port's document from a stored one (or a hit): original id, no `*_terms`, no `_geo`,
 * no ranking fields. Throws when the record has no valid id or type, i.e. was not written by this adapter.
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

// ---------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------

function facetValues(distribution: Record<string, number> | undefined): FacetValue[] {
  return facetList(Object.entries(distribution ?? {}));
}

function toResultPage(response: SearchResponse<MeiliRecord>): SearchResultPage {
  const facets = Object.fromEntries(
    FACET_NAMES.map((name): [FacetName, FacetValue[]] => [name, facetValues(response.facetDistribution?.[MEILI_FACET[name]])]),
  ) as Record<FacetName, FacetValue[]>;
  // A federated search orders by the weighted score: report that one, so scores fall as hits do.
  const scoreOf = (hit: MeiliRecord) => {
    const federated = isRecord(hit._federation) ? hit._federation.weightedRankingScore : undefined;
    return finite(federated) ? federated : finite(hit._rankingScore) ? hit._rankingScore : 0;
  };
  const hits = response.hits.map((hit): SearchHit => ({ document: fromMeiliDocument(hit), score: scoreOf(hit) }));
  return { totalCount: response.totalHits ?? response.estimatedTotalHits ?? hits.length, hits, facets };
}

/** Why a call failed, short and without secrets (no URL, key or request details). */
function failureReason(error: unknown): string {
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    return `Meilisearch answered ${error.response.status}${code ? ` ${code}` : ''}`;
  }
  if (error instanceof MeilisearchTaskTimeOutError) return `task ${error.cause.taskUid} unfinished after ${error.cause.timeout} ms`;
  if (error instanceof MeilisearchRequestError) {
    return error.cause instanceof MeilisearchRequestTimeOutError ? `no answer within ${error.cause.cause.timeout} ms` : 'Meilisearch unreachable';
  }
  return 'unexpected failure';
}

function apiErrorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}

// ---------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------

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
    if (!queries.has(key)) queries.set(key, Math.min(0.99, Math.round((q.length / Math.max(1, all.length)) * 1000) / 1000));
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

// ---------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------

export interface MeilisearchEngineOptions {
  /** Base URL, e.g. http://meilisearch:7700. */
  url: string;
  /** Sent as `Authorization: Bearer …`; omit for an instance without a master key. */
  apiKey?: string;
  indexUid?: string;
  analyzer: TextAnalyzer;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** How long a write may wait for Meilisearch to process its task (indexing takes longer than a request). */
  taskTimeoutMs?: number;
}

/**
 * The search port on Meilisearch. Writes wait until Meilisearch has processed their task
 * and throw if it failed, so the outbox relay deletes its rows only once the change is
 * really searchable. Every failure surfaces as SearchUnavailableError.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliRecord>;
  private readonly indexUid: string;
  private readonly analyzer: TextAnalyzer;
  private readonly taskTimeoutMs: number;

  constructor({ url, apiKey, indexUid = 'welcome-hub', analyzer, timeoutMs = 5000, taskTimeoutMs = 30_000 }: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: url,
      apiKey,
      timeout: timeoutMs,
      defaultWaitOptions: { timeout: taskTimeoutMs, interval: TASK_POLL_MS },
      // Offered compression, Meilisearch answers with chunked brotli, which costs about
      // 48 ms a search on loopback whatever the index size (3–7 ms uncompressed).
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.index = this.client.index<MeiliRecord>(indexUid);
    this.indexUid = indexUid;
    this.analyzer = analyzer;
    this.taskTimeoutMs = taskTimeoutMs;
  }

  async applySettings(): Promise<void> {
    await this.guard('applying settings', async () => {
      if (!(await this.indexExists())) {
        // Another process may create it meanwhile; that is as good as our own creation.
        await this.runTask('creating the index', () => this.client.createIndex(this.indexUid, { primaryKey: 'id' }), ['index_already_exists']);
      }
      await this.runTask('applying settings', () => this.index.updateSettings(meilisearchSettings(this.analyzer)));
    });
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // Within one batch the last version of an id wins, as in the embedded engine.
    const latest = [...new Map(documents.map((d) => [d.id, d])).values()];
    const payload = latest.map((d) => toMeiliDocument(d, this.analyzer));
    await this.guard('indexing', () => this.runTask('indexing', () => this.index.addDocuments(payload)));
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // Without an index there is nothing to delete: that is success, not an outage.
    await this.guard('deleting', () => this.runTask('deleting', () => this.index.deleteDocuments(ids.map(encodeDocumentId)), ['index_not_found']));
  }

  async deleteByType(types: SearchType[]): Promise<void> {
    if (types.length === 0) return;
    const filter = buildFilter({ types });
    await this.guard('deleting by type', () => this.runTask('deleting by type', () => this.index.deleteDocuments({ filter }), ['index_not_found']));
  }

  async search(request: SearchRequest): Promise<SearchResultPage> {
    const queries = this.queriesOf(request);
    if (queries === null) return this.nothingFound(request);
    if (queries.length > 1) return this.federatedSearch(request, queries);
    const { q, ...params } = this.searchParams(request, queries[0].q);
    const response = await this.guard('searching', () => this.index.search<MeiliRecord>(q, params), params.filter);
    return this.mapResponse(() => toResultPage(response));
  }

  async multiSearch(requests: SearchRequest[]): Promise<SearchResultPage[]> {
    if (requests.length === 0) return [];
    // A search of several readings is a federated search of its own.
    if (requests.some((r) => (this.queriesOf(r) ?? []).length !== 1)) return Promise.all(requests.map((r) => this.search(r)));
    const queries = requests.map((r) => ({ indexUid: this.indexUid, ...this.searchParams(r, this.queriesOf(r)![0].q) }));
    const response = await this.guard('searching', () => this.client.multiSearch<{ queries: typeof queries }, MeiliRecord>({ queries }), queries.map((q) => q.filter));
    return this.mapResponse(() => response.results.map(toResultPage));
  }

  async get(id: string): Promise<SearchDocument | null> {
    const raw = await this.guard('reading a document', async () => {
      try {
        return await this.index.getDocument<MeiliRecord>(encodeDocumentId(id));
      } catch (error) {
        const code = apiErrorCode(error);
        if (code === 'document_not_found' || code === 'index_not_found') return null;
        throw error;
      }
    });
    return raw === null ? null : this.mapResponse(() => fromMeiliDocument(raw));
  }

  async ids(type: SearchType): Promise<string[]> {
    const filter = buildFilter({ types: [type] });
    return this.guard('listing documents', async () => {
      const ids: string[] = [];
      try {
        for (let offset = 0; ; offset += 1000) {
          const page = await this.index.getDocuments<MeiliRecord>({ filter, fields: ['id'], limit: 1000, offset });
          ids.push(...page.results.map((d) => decodeDocumentId(String(d.id))));
          if (page.results.length < 1000) return ids;
        }
      } catch (error) {
        if (apiErrorCode(error) === 'index_not_found') return ids;
        throw error;
      }
    });
  }

  async count(): Promise<number> {
    return this.guard('counting', async () => {
      try {
        return (await this.index.getStats()).numberOfDocuments;
      } catch (error) {
        if (apiErrorCode(error) === 'index_not_found') return 0;
        throw error;
      }
    });
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // The client keeps no connections of its own; fetch's pool closes idle sockets itself.
  }

  /**
   * The Meilisearch queries of a request: one, or one per reading (see
   * {@link meilisearchQueries}); null when the query has words but none to search for
   * (only stop words), which matches nothing, as in the embedded engine.
   */
  private queriesOf(request: SearchRequest): { q: string; weight: number }[] | null {
    const words = this.analyzer.queryWords(request.query);
    if (words.length === 0 && request.query.trim() !== '') return null;
    return meilisearchQueries(words);
  }

  /** The answer to a query that cannot match: validated like any other (a bad filter is still refused). */
  private nothingFound(request: SearchRequest): SearchResultPage {
    buildFilter(request.filter);
    return { totalCount: 0, hits: [], facets: Object.fromEntries(FACET_NAMES.map((f) => [f, []])) as unknown as SearchResultPage['facets'] };
  }

  /** One request as a federated search over its readings: pages, totals and facets over their union. */
  private async federatedSearch(request: SearchRequest, queries: { q: string; weight: number }[]): Promise<SearchResultPage> {
    const filter = buildFilter(request.filter);
    const params = {
      federation: {
        offset: request.offset,
        limit: request.limit,
        facetsByIndex: { [this.indexUid]: FACET_NAMES.map((f) => MEILI_FACET[f]) },
        mergeFacets: {},
      },
      queries: queries.map(({ q, weight }) => ({ indexUid: this.indexUid, q, filter, matchingStrategy: 'last' as const, showRankingScore: true, federationOptions: { weight } })),
    };
    const response = await this.guard('searching', () => this.client.multiSearch<typeof params, MeiliRecord>(params), filter);
    return this.mapResponse(() => toResultPage(response));
  }

  /** Without a query the port wants everything matching the filter, by title. */
  private searchParams(request: SearchRequest, q: string): SearchParams & { q: string; filter: string[] } {
    return {
      q,
      filter: buildFilter(request.filter),
      // Page mode makes Meilisearch count every hit (totalHits) instead of estimating;
      // cursors of pages of one size always land on a page boundary.
      ...(request.limit > 0 && request.offset % request.limit === 0
        ? { page: request.offset / request.limit + 1, hitsPerPage: request.limit }
        : { offset: request.offset, limit: request.limit }),
      facets: FACET_NAMES.map((f) => MEILI_FACET[f]),
      showRankingScore: true,
      matchingStrategy: 'last',
      ...(q === '' ? { sort: ['title_sort:asc'] } : {}),
    };
  }

  private async indexExists(): Promise<boolean> {
    try {
      await this.client.getRawIndex(this.indexUid);
      return true;
    } catch (error) {
      if (apiErrorCode(error) === 'index_not_found') return false;
      throw error;
    }
  }

  /** Enqueues, waits for the task and throws unless it succeeded (or failed with one of `okCodes`). */
  private async runTask(action: string, enqueue: () => EnqueuedTaskPromise, okCodes: string[] = []): Promise<void> {
    let task: Task;
    try {
      task = await enqueue().waitTask({ timeout: this.taskTimeoutMs, interval: TASK_POLL_MS });
    } catch (error) {
      // Some versions refuse such a request at once instead of failing its task.
      const refused = apiErrorCode(error);
      if (refused && okCodes.includes(refused)) return;
      throw error;
    }
    if (task.status === 'succeeded') return;
    const code = task.error?.code;
    if (code && okCodes.includes(code)) return;
    if (code && FILTER_BUG_CODES.has(code)) console.error(`[search] Meilisearch rejected a filter the hub built (a bug): ${task.error?.message ?? ''}`);
    throw new SearchUnavailableError(`${action}: task ${task.uid} ${task.status}${code ? ` with ${code}` : ''}`);
  }

  /** Runs a Meilisearch call; any failure becomes SearchUnavailableError, the hub's own errors pass. */
  private async guard<T>(action: string, work: () => Promise<T>, filter?: unknown): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HubError) throw error;
      const code = apiErrorCode(error);
      if (code && FILTER_BUG_CODES.has(code)) {
        console.error(`[search] Meilisearch rejected a filter the hub built (a bug): ${JSON.stringify(filter)}`, error instanceof Error ? error.message : '');
      } else if (!(error instanceof Error && error.name.startsWith('Meilisearch'))) {
        console.error(`[search] unexpected failure while ${action}`, error);
      }
      throw new SearchUnavailableError(`${action}: ${failureReason(error)}`);
    }
  }

  /** A response we cannot read means Meilisearch (or the index) is not what we expect: unavailable, and worth a log. */
  private mapResponse<T>(map: () => T): T {
    try {
      return map();
    } catch (error) {
      console.error('[search] unexpected Meilisearch response', error instanceof Error ? error.message : error);
      throw new SearchUnavailableError('unexpected Meilisearch response');
    }
  }
}
