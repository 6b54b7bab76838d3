import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  encodeDocumentId,
  MeilisearchEngine,
  meilisearchSettings,
  toMeiliDocument,
  type MeilisearchLog,
} from '../src/index.js';
import { SearchUnavailableError } from '../src/port.js';
import { apiError, startFakeMeili, type FakeMeili } from './meilisearch-fake.js';
import { analyzer, API_KEY, MODULE, PRACTICE, rejection, UID } from './meilisearch-fixtures.js';

// The adapter against a local HTTP server speaking Meilisearch's protocol (see meilisearch-fake.ts).

describe('MeilisearchEngine against a local Meilisearch-shaped server', () => {
  let fake: FakeMeili;
  let engine: MeilisearchEngine;
  /** Stands in for kit's logger: what the adapter reports as bugs of ours. */
  const log = { error: jest.fn() };

  beforeAll(async () => {
    fake = await startFakeMeili();
    const options = { url: fake.url, apiKey: API_KEY, indexUid: UID, analyzer, timeoutMs: 1000, taskTimeoutMs: 2000 };
    engine = new MeilisearchEngine({ ...options, log: log as unknown as MeilisearchLog });
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.override = null;
    fake.taskStatus = 'succeeded';
    log.error.mockClear();
  });
  afterAll(() => fake.close());

  it('asks by offset (and takes the estimate) where the offset is not on a page boundary', async () => {
    const page = await engine.search({ query: 'Empfang', offset: 3, limit: 2 });
    expect(fake.requests[0]?.body).toMatchObject({ offset: 3, limit: 2 });
    expect(fake.requests[0]?.body).not.toHaveProperty('page');
    expect(page.totalCount).toBe(42);
  });

  it('searches with analyzed terms, quoted filters, facets and scores, and maps the answer back', async () => {
    const page = await engine.search({
      query: 'Neubürger',
      filter: { types: ['PRACTICE'], district: '05974' },
      offset: 10,
      limit: 2,
    });

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    // Uncompressed: Meilisearch's chunked brotli costs ~48 ms a search on loopback.
    expect(req).toMatchObject({
      method: 'POST',
      path: `/indexes/${UID}/search`,
      authorization: `Bearer ${API_KEY}`,
      acceptEncoding: 'identity',
    });
    expect(req?.body).toEqual({
      q: 'neubürger',
      filter: ['type IN ["PRACTICE"]', 'district = "05974"'],
      page: 6,
      hitsPerPage: 2,
      facets: ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind'],
      showRankingScore: true,
      matchingStrategy: 'last',
    });

    expect(page.totalCount).toBe(41); // exact: totalHits of page mode
    expect(page.hits).toEqual([
      { document: PRACTICE, score: 0.87 },
      { document: MODULE, score: 0.5 },
    ]);
    expect(page.hits[0]?.document).not.toHaveProperty('title_terms');
    expect(page.hits[0]?.document).not.toHaveProperty('_geo');
    expect(page.facets).toEqual({
      type: [
        { value: 'PRACTICE', count: 7 },
        { value: 'MODULE', count: 5 },
      ],
      region: [{ value: 'SUEDWESTFALEN', count: 9 }],
      district: [],
      targetGroup: [
        { value: 'NEWCOMERS', count: 2 },
        { value: 'REFUGEES', count: 2 },
      ],
      fieldOfAction: [{ value: 'NEW_HOME', count: 1 }],
      kind: [{ value: 'EVENT_FORMAT', count: 1 }],
    });
  });

  it('ORs the words and their readings through one federated search: as read first, then each term leading once', async () => {
    const page = await engine.search({
      query: 'Empfang Mappe Rathaus',
      filter: { region: 'RUHR' },
      offset: 4,
      limit: 2,
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /multi-search']);
    const common = { indexUid: UID, filter: ['region = "RUHR"'], matchingStrategy: 'last', showRankingScore: true };
    expect(fake.requests[0]?.body).toEqual({
      federation: {
        offset: 4,
        limit: 2,
        facetsByIndex: { [UID]: ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind'] },
        mergeFacets: {},
      },
      queries: [
        { ...common, q: 'empfang mappe rathaus', federationOptions: { weight: 1 } },
        { ...common, q: 'mappe rathaus empfang', federationOptions: { weight: 0.99 } },
        { ...common, q: 'ordner heft rathaus empfang', federationOptions: { weight: 0.99 } },
        { ...common, q: 'heft ordner rathaus empfang', federationOptions: { weight: 0.99 } },
        { ...common, q: 'rathaus', federationOptions: { weight: 0.333 } },
      ],
    });
    expect(page.totalCount).toBe(42);
    expect(page.hits[0]).toEqual({ document: PRACTICE, score: 0.87 });
    expect(page.facets.type).toEqual([
      { value: 'PRACTICE', count: 7 },
      { value: 'MODULE', count: 5 },
    ]);
  });

  it('lists everything by title when the query is empty', async () => {
    await engine.search({ query: '  ', offset: 0, limit: 5 });
    expect(fake.requests[0]?.body).toMatchObject({ q: '', filter: [], sort: ['title_sort:asc'] });
  });

  it('finds nothing, without asking, for a query of stop words only (not everything, as an empty query would)', async () => {
    const page = await engine.search({ query: 'und', offset: 0, limit: 5 });
    expect(page).toEqual({
      totalCount: 0,
      hits: [],
      facets: { type: [], region: [], district: [], targetGroup: [], fieldOfAction: [], kind: [] },
    });
    expect(fake.requests).toHaveLength(0);
    const error = await rejection(
      engine.search({ query: 'und', filter: { near: { lat: 100, lon: 0, radiusKm: 1 } }, offset: 0, limit: 5 }),
    );
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects invalid filters before asking Meilisearch', async () => {
    const error = await rejection(
      engine.search({ query: 'x', filter: { near: { lat: 100, lon: 0, radiusKm: 1 } }, offset: 0, limit: 5 }),
    );
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('upserts encoded, analyzed documents and waits for the task', async () => {
    await engine.upsert([PRACTICE, MODULE]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /indexes/${UID}/documents`,
      'GET /tasks/1',
    ]);
    expect(fake.requests[0]?.body).toEqual([toMeiliDocument(PRACTICE, analyzer), toMeiliDocument(MODULE, analyzer)]);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it('rejects an upsert whose task failed, so the outbox keeps its rows', async () => {
    fake.taskStatus = 'failed';
    const error = await rejection(engine.upsert([PRACTICE]));
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as SearchUnavailableError).extensions.code).toBe('SEARCH_UNAVAILABLE');
    expect((error as Error).message).toContain('failed with invalid_document_fields');
  });

  it('creates a missing index with primary key id and applies the settings', async () => {
    await engine.applySettings();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /indexes/${UID}`,
      'POST /indexes',
      expect.stringMatching(/^GET \/tasks\/\d+$/),
      `PATCH /indexes/${UID}/settings`,
      expect.stringMatching(/^GET \/tasks\/\d+$/),
    ]);
    expect(fake.requests[1]?.body).toEqual({ uid: UID, primaryKey: 'id' });
    expect(fake.requests[3]?.body).toEqual(meilisearchSettings(analyzer));
  });

  it('deletes by encoded id and by type filter', async () => {
    await engine.delete([PRACTICE.id, 'EVENT:unknown']);
    await engine.deleteByType(['MUNICIPALITY', 'EVENT']);
    const writes = fake.requests.filter((r) => r.method === 'POST');
    expect(writes.map((r) => [r.path, r.body])).toEqual([
      [`/indexes/${UID}/documents/delete-batch`, [encodeDocumentId(PRACTICE.id), 'EVENT__unknown']],
      [`/indexes/${UID}/documents/delete`, { filter: ['type IN ["MUNICIPALITY", "EVENT"]'] }],
    ]);
  });

  it('treats deleting from a missing index as done, and other refusals as failures', async () => {
    fake.override = (req) => (req.path.includes('/documents/delete') ? apiError(404, 'index_not_found') : undefined);
    await expect(engine.delete([PRACTICE.id])).resolves.toBeUndefined();
    await expect(engine.deleteByType(['EVENT'])).resolves.toBeUndefined();
    fake.override = (req) => (req.path.includes('/documents/delete') ? apiError(403, 'invalid_api_key') : undefined);
    await expect(engine.delete([PRACTICE.id])).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it('gets a document by id, null when unknown, counts and reports health', async () => {
    expect(await engine.get(PRACTICE.id)).toEqual(PRACTICE);
    expect(await engine.get('PRACTICE:missing')).toBeNull();
    expect(await engine.count()).toBe(5);
    expect(await engine.healthy()).toBe(true);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /indexes/${UID}/documents/${encodeDocumentId(PRACTICE.id)}`,
      `GET /indexes/${UID}/documents/PRACTICE__missing`,
      `GET /indexes/${UID}/stats`,
      'GET /health',
    ]);
  });

  it('logs a filter Meilisearch rejects as our bug and reports search unavailable', async () => {
    fake.override = (req) => (req.path.endsWith('/search') ? apiError(400, 'invalid_search_filter') : undefined);
    const error = await rejection(engine.search({ query: 'x', filter: { kind: 'A' }, offset: 0, limit: 5 }));
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toContain('400 invalid_search_filter');
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ filter: ['kind = "A"'] }),
      expect.stringContaining('a bug'),
    );
  });

  it('turns other API errors into SearchUnavailableError without logging', async () => {
    fake.override = (req) => (req.path.endsWith('/search') ? apiError(503, 'service_unavailable') : undefined);
    const error = await rejection(engine.search({ query: 'x', offset: 0, limit: 5 }));
    expect(error).toMatchObject({ extensions: { code: 'SEARCH_UNAVAILABLE' } });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('gives up after timeoutMs when Meilisearch does not answer', async () => {
    fake.override = () => 'hang';
    const quick = new MeilisearchEngine({ url: fake.url, apiKey: API_KEY, indexUid: UID, analyzer, timeoutMs: 150 });
    const error = await rejection(quick.search({ query: 'x', offset: 0, limit: 5 }));
    expect(error).toBeInstanceOf(SearchUnavailableError);
    // The client's own timeout ended it (a hanging server never answers).
    expect((error as Error).message).toContain('no answer within 150 ms');
    expect(await quick.healthy()).toBe(false);
  });
});

describe('MeilisearchEngine when Meilisearch is unreachable', () => {
  const engine = new MeilisearchEngine({ url: 'http://127.0.0.1:1', apiKey: API_KEY, analyzer, timeoutMs: 500 });

  it.each([
    ['search', () => engine.search({ query: 'Mappe', offset: 0, limit: 5 })],
    ['upsert', () => engine.upsert([PRACTICE])],
    ['delete', () => engine.delete([PRACTICE.id])],
    ['applySettings', () => engine.applySettings()],
    ['get', () => engine.get(PRACTICE.id)],
    ['count', () => engine.count()],
  ])('%s throws SearchUnavailableError without the API key', async (_name, call) => {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as SearchUnavailableError).extensions.code).toBe('SEARCH_UNAVAILABLE');
    expect((error as Error).message).toContain('Meilisearch unreachable');
    expect(
      JSON.stringify({ message: (error as Error).message, extensions: (error as SearchUnavailableError).extensions }),
    ).not.toContain(API_KEY);
  });

  it('is not healthy', async () => {
    expect(await engine.healthy()).toBe(false);
  });
});
