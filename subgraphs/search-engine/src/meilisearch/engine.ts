import { logger, type SearchDocument, type SearchType } from '@welcome-hub/kit';
import { Meilisearch, type EnqueuedTaskPromise, type Index, type SearchParams, type Task } from 'meilisearch';
import {
  SearchUnavailableError,
  emptyFacets,
  type SearchEngine,
  type SearchRequest,
  type SearchResultPage,
  type TextAnalyzer,
} from '../port.js';
import {
  decodeDocumentId,
  encodeDocumentId,
  fromMeiliDocument,
  toMeiliDocument,
  type MeiliRecord,
} from './documents.js';
import { FILTER_BUG_CODES, apiErrorCode, guarded, mappedResponse, type MeilisearchLog } from './failures.js';
import { buildFilter } from './filters.js';
import { MEILI_FACETS, meilisearchQueries, toResultPage } from './queries.js';
import { meilisearchSettings } from './settings.js';

/**
 * The Meilisearch adapter of the search port. Meilisearch never sees raw German text as
 * the thing it matches on: the hub's analyzer turns title, places, summary and text into
 * `*_terms` fields at index time and the query into the same terms at search time, so this
 * adapter ranks like the embedded one.
 */

const TASK_POLL_MS = 50;
/** Documents per page when listing ids. */
const ID_PAGE = 1000;

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
  /** Where bugs of ours show (rejected filters, unreadable answers); kit's logger by default. */
  log?: MeilisearchLog;
}

/** A Meilisearch query of a request and its weight in a federated search. */
type WeightedQuery = { q: string; weight: number };

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
  private readonly log: MeilisearchLog;

  constructor(options: MeilisearchEngineOptions) {
    const { url, apiKey, indexUid = 'welcome-hub', analyzer, timeoutMs = 5000, taskTimeoutMs = 30_000 } = options;
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
    this.log = options.log ?? logger.child({ component: 'meilisearch', index: indexUid });
  }

  async applySettings(): Promise<void> {
    await this.guard('applying settings', async () => {
      if (!(await this.indexExists())) {
        // Another process may create it meanwhile; that is as good as our own creation.
        const create = () => this.client.createIndex(this.indexUid, { primaryKey: 'id' });
        await this.runTask('creating the index', create, ['index_already_exists']);
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
    const remove = () => this.index.deleteDocuments(ids.map(encodeDocumentId));
    await this.guard('deleting', () => this.runTask('deleting', remove, ['index_not_found']));
  }

  async deleteByType(types: SearchType[]): Promise<void> {
    if (types.length === 0) return;
    const filter = buildFilter({ types });
    const remove = () => this.index.deleteDocuments({ filter });
    await this.guard('deleting by type', () => this.runTask('deleting by type', remove, ['index_not_found']));
  }

  async search(request: SearchRequest): Promise<SearchResultPage> {
    const queries = this.queriesOf(request);
    if (queries === null) return this.nothingFound(request);
    if (queries.length > 1) return this.federatedSearch(request, queries);
    const { q, ...params } = this.searchParams(request, queries[0].q);
    const response = await this.guard('searching', () => this.index.search<MeiliRecord>(q, params), params.filter);
    return mappedResponse(this.log, () => toResultPage(response));
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
    return raw === null ? null : mappedResponse(this.log, () => fromMeiliDocument(raw));
  }

  async ids(type: SearchType): Promise<string[]> {
    const filter = buildFilter({ types: [type] });
    return this.guard('listing documents', async () => {
      const ids: string[] = [];
      try {
        for (let offset = 0; ; offset += ID_PAGE) {
          const page = await this.index.getDocuments<MeiliRecord>({ filter, fields: ['id'], limit: ID_PAGE, offset });
          ids.push(...page.results.map((d) => decodeDocumentId(String(d.id))));
          if (page.results.length < ID_PAGE) return ids;
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
  private queriesOf(request: SearchRequest): WeightedQuery[] | null {
    const words = this.analyzer.queryWords(request.query);
    if (words.length === 0 && request.query.trim() !== '') return null;
    return meilisearchQueries(words);
  }

  /** The answer to a query that cannot match: validated like any other (a bad filter is still refused). */
  private nothingFound(request: SearchRequest): SearchResultPage {
    buildFilter(request.filter);
    return { totalCount: 0, hits: [], facets: emptyFacets() };
  }

  /** One request as a federated search over its readings: pages, totals and facets over their union. */
  private async federatedSearch(request: SearchRequest, queries: WeightedQuery[]): Promise<SearchResultPage> {
    const filter = buildFilter(request.filter);
    const params = {
      federation: {
        offset: request.offset,
        limit: request.limit,
        facetsByIndex: { [this.indexUid]: MEILI_FACETS },
        mergeFacets: {},
      },
      queries: queries.map(({ q, weight }) => ({
        indexUid: this.indexUid,
        q,
        filter,
        matchingStrategy: 'last' as const,
        showRankingScore: true,
        federationOptions: { weight },
      })),
    };
    const search = () => this.client.multiSearch<typeof params, MeiliRecord>(params);
    const response = await this.guard('searching', search, filter);
    return mappedResponse(this.log, () => toResultPage(response));
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
      facets: MEILI_FACETS,
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
    if (code && FILTER_BUG_CODES.has(code)) {
      const reason = task.error?.message ?? '';
      this.log.error({ action, task: task.uid, code, reason }, 'Meilisearch rejected a filter the hub built (a bug)');
    }
    throw new SearchUnavailableError(`${action}: task ${task.uid} ${task.status}${code ? ` with ${code}` : ''}`);
  }

  private guard<T>(action: string, work: () => Promise<T>, filter?: unknown): Promise<T> {
    return guarded(this.log, action, work, filter);
  }
}
