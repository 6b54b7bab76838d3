import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  buildFilter,
  decodeDocumentId,
  encodeDocumentId,
  fromMeiliDocument,
  meilisearchQueries,
  meilisearchSettings,
  MeilisearchEngine,
  quoteFilterValue,
  toMeiliDocument,
} from '../src/search/meilisearch.js';
import { SearchUnavailableError, type SearchDocument, type SearchFilter, type SearchType, type TextAnalyzer } from '../src/search/port.js';

// A stand-in for the German analyzer: lower-case, split on anything but letters and digits.
const analyzer: TextAnalyzer = {
  terms: (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '' && t !== 'und'),
  // "mappe" reads also as "ordner" (as a German compound reads also as its parts).
  queryWords: (text) => analyzer.terms(text).map((term) => (term === 'mappe' ? [['mappe'], ['ordner', 'heft']] : [[term]])),
  fold: (text) => text.toLowerCase(),
  synonymGroups: () => [
    ['mappe', 'ordner', 'heft'],
    ['empfang', 'begruessung'],
    ['heft', 'broschuere'],
  ],
  stopWords: () => ['und', 'der'],
};

const API_KEY = 'test-master-key-123';
const UID = 'test-index';

const PRACTICE: SearchDocument = {
  id: 'PRACTICE:1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
  type: 'PRACTICE',
  key: '1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
  title: 'Neubürger-Empfang im Rathaus',
  summary: 'Die Gemeinde lädt Zugezogene ein.',
  text: 'Musik und Führung',
  places: ['Testdorf', 'Kreis Test'],
  region: 'SUEDWESTFALEN',
  district: '05974',
  targetGroups: ['NEWCOMERS'],
  fieldsOfAction: ['NEW_HOME'],
  kind: 'EVENT_FORMAT',
  location: { lat: 51.58, lon: 8.17 },
};
const MODULE: SearchDocument = {
  ...PRACTICE,
  id: 'MODULE:00000000-0000-4000-8000-000000000002',
  type: 'MODULE',
  key: '00000000-0000-4000-8000-000000000002',
  title: 'Willkommensmappe',
  places: [],
  region: null,
  district: null,
  targetGroups: [],
  fieldsOfAction: [],
  kind: null,
  location: null,
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('meilisearchSettings', () => {
  const settings = meilisearchSettings(analyzer);

  it('searches the analyzed terms in priority order and filters, sorts and facets on the facts', () => {
    expect(settings.searchableAttributes).toEqual(['title_terms', 'places_terms', 'summary_terms', 'text_terms']);
    expect(settings.displayedAttributes).toEqual(['*']);
    expect(settings.filterableAttributes).toEqual(['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind', '_geo']);
    expect(settings.sortableAttributes).toEqual(['title_sort', '_geo']);
    expect(settings.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness']);
    expect(settings.faceting).toEqual({ maxValuesPerFacet: 100 });
    expect(settings.pagination).toEqual({ maxTotalHits: 10000 });
  });

  it('maps every synonym to the other words of its groups', () => {
    const synonyms = Object.fromEntries(Object.entries(settings.synonyms).map(([w, others]) => [w, [...others].sort()]));
    expect(synonyms).toEqual({
      mappe: ['heft', 'ordner'],
      ordner: ['heft', 'mappe'],
      heft: ['broschuere', 'mappe', 'ordner'],
      broschuere: ['heft'],
      empfang: ['begruessung'],
      begruessung: ['empfang'],
    });
  });

  it('leaves stop words and segmentation to the analyzer and tolerates typos from five letters', () => {
    // The analyzer dropped stop words already; Meilisearch's list would drop stems that equal one ("Seiten" → "seit").
    expect(settings.stopWords).toEqual([]);
    // A German locale would split the analysed terms again ("willkommensmapp" → "wi", "ll", …).
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['*_terms'], locales: ['eng'] }]);
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });
});

describe('meilisearchQueries', () => {
  const qs = (words: string[][][]) => meilisearchQueries(words).map((x) => x.q);

  it('sends the words as read first, then every term of every reading leading once; the last word alone, as a prefix', () => {
    expect(qs([[['a']], [['b'], ['c', 'd']], [['e'], ['f']]])).toEqual(['a b e', 'b e a', 'c d e a', 'd c e a', 'e', 'f']);
    expect(qs([[['a'], ['b']]])).toEqual(['a', 'b']);
    expect(qs([[['a', 'b']]])).toEqual(['a b', 'b a']);
    expect(qs([[['a']]])).toEqual(['a']);
    expect(qs([])).toEqual(['']);
  });

  it('weighs each query by its share of the first query’s terms, the first query highest', () => {
    expect(meilisearchQueries([[['a']], [['b']], [['e'], ['f', 'g']]])).toEqual([
      { q: 'a b e', weight: 1 },
      { q: 'b e a', weight: 0.99 },
      { q: 'e', weight: 0.333 },
      { q: 'f g', weight: 0.667 },
      { q: 'g f', weight: 0.667 },
    ]);
  });

  it('keeps Meilisearch’s ten-term window in every query and sends twelve queries at most, the first words leading first', () => {
    const many = Array.from({ length: 14 }, (_, i) => [[`w${i}`], [`x${i}`]]);
    const queries = qs(many);
    expect(queries).toHaveLength(12);
    expect(queries[0]).toBe('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9');
    expect(queries[1]).toBe('x0 w1 w2 w3 w4 w5 w6 w7 w8 w9');
    // Rotated, then cut: the second word leads, the first comes after the rest.
    expect(queries[2]).toBe('w1 w2 w3 w4 w5 w6 w7 w8 w9 w10');
    expect(queries[11]).toBe('x5 w6 w7 w8 w9 w10 w11 w12 w13 w0');
    expect(queries.every((q) => q.split(' ').length <= 10)).toBe(true);
  });
});

describe('buildFilter', () => {
  it('is empty without a filter', () => {
    expect(buildFilter(undefined)).toEqual([]);
    expect(buildFilter({})).toEqual([]);
    expect(buildFilter({ types: [], district: '' })).toEqual([]);
  });

  it('turns every field into a quoted expression', () => {
    const filter: SearchFilter = {
      types: ['PRACTICE', 'MODULE'],
      region: 'RUHR',
      district: '05913',
      kind: 'SERVICE',
      targetGroup: 'REFUGEES',
      fieldOfAction: 'COUNSELLING',
      near: { lat: 50.87, lon: 8.02, radiusKm: 30 },
    };
    expect(buildFilter(filter)).toEqual([
      'type IN ["PRACTICE", "MODULE"]',
      'region = "RUHR"',
      'district = "05913"',
      'kind = "SERVICE"',
      'targetGroups = "REFUGEES"',
      'fieldsOfAction = "COUNSELLING"',
      '_geoRadius(50.87, 8.02, 30000)',
    ]);
  });

  it('writes coordinates without exponents', () => {
    expect(buildFilter({ near: { lat: -0.00000002, lon: 1e-8, radiusKm: 0.0005 } })).toEqual(['_geoRadius(-0, 0, 0.5)']);
    expect(buildFilter({ near: { lat: -90, lon: 180, radiusKm: 1.25 } })).toEqual(['_geoRadius(-90, 180, 1250)']);
  });

  it('keeps a value with quotes or backslashes one quoted value', () => {
    expect(buildFilter({ district: '05970" OR type = "EVENT' })).toEqual([String.raw`district = "05970\" OR type = \"EVENT"`]);
    expect(buildFilter({ kind: 'x\\" OR kind = "MATERIAL' })).toEqual([String.raw`kind = "x\\\" OR kind = \"MATERIAL"`]);
    expect(buildFilter({ targetGroup: 'C:\\' })).toEqual([String.raw`targetGroups = "C:\\"`]);
  });

  it('quotes so that the value reads back unchanged as exactly one string token', () => {
    const oneToken = /^"(?:[^"\\]|\\.)*"$/;
    const unquote = (quoted: string) => quoted.slice(1, -1).replace(/\\(.)/g, '$1');
    for (const value of ['plain', '"', '\\', '\\"', 'a\\\\" OR x = "y', "it's", '" OR _geoRadius(0, 0, 1) OR "', 'ü\nß']) {
      const quoted = quoteFilterValue(value);
      expect(quoted).toMatch(oneToken);
      expect(unquote(quoted)).toBe(value);
    }
  });

  it.each([
    ['latitude beyond 90', { lat: 91, lon: 8, radiusKm: 1 }],
    ['longitude beyond -180', { lat: 50, lon: -181, radiusKm: 1 }],
    ['zero radius', { lat: 50, lon: 8, radiusKm: 0 }],
    ['negative radius', { lat: 50, lon: 8, radiusKm: -5 }],
    ['NaN', { lat: Number.NaN, lon: 8, radiusKm: 1 }],
    ['infinite radius', { lat: 50, lon: 8, radiusKm: Number.POSITIVE_INFINITY }],
  ])('rejects a near filter with %s', (_label, near) => {
    const error = (() => {
      try {
        buildFilter({ near });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toMatchObject({ name: 'BadUserInputError', extensions: { code: 'BAD_USER_INPUT' } });
    expect((error as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['filter.near']);
  });

  it('rejects an unknown type', () => {
    expect(() => buildFilter({ types: ['PRACTICE', 'USER" OR type != "x' as SearchType] })).toThrow(
      expect.objectContaining({ name: 'BadUserInputError', fields: [expect.objectContaining({ field: 'filter.types' })] }),
    );
  });
});

describe('document mapping', () => {
  it('encodes ids to Meilisearch’s alphabet and back', () => {
    expect(encodeDocumentId(PRACTICE.id)).toBe('PRACTICE__1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e');
    expect(encodeDocumentId('MUNICIPALITY:05970040')).toBe('MUNICIPALITY__05970040');
    expect(encodeDocumentId('a_b')).toBe('a_5fb');
    for (const id of [PRACTICE.id, 'MUNICIPALITY:05970040', 'EVENT:a_b:c', 'X:_:__:', 'X:ä/ß 😀', '']) {
      const encoded = encodeDocumentId(id);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeDocumentId(encoded)).toBe(id);
    }
    expect(() => decodeDocumentId('PRACTICE_zz')).toThrow();
  });

  it('adds analyzed terms and _geo with lng, keeping the original fields', () => {
    const meili = toMeiliDocument(PRACTICE, analyzer);
    expect(meili).toEqual({
      ...PRACTICE,
      id: 'PRACTICE__1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
      title_terms: 'neubürger empfang im rathaus',
      places_terms: 'testdorf kreis test',
      summary_terms: 'die gemeinde lädt zugezogene ein',
      text_terms: 'musik führung',
      title_sort: 'neubürger-empfang im rathaus',
      _geo: { lat: 51.58, lng: 8.17 },
    });
    expect(toMeiliDocument(MODULE, analyzer)).not.toHaveProperty('_geo');
  });

  it('rebuilds the port’s document from a stored one or a hit', () => {
    expect(fromMeiliDocument(toMeiliDocument(PRACTICE, analyzer))).toEqual(PRACTICE);
    expect(fromMeiliDocument({ ...toMeiliDocument(MODULE, analyzer), _rankingScore: 0.5 })).toEqual(MODULE);
  });
});

// ---------------------------------------------------------------------------------------
// Against a local HTTP server speaking Meilisearch's protocol
// ---------------------------------------------------------------------------------------

interface Recorded {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization: string | undefined;
  acceptEncoding: string | undefined;
}
type Reply = { status: number; body: unknown } | 'hang';
type Route = (req: Recorded) => Reply | undefined;

interface FakeMeili {
  url: string;
  requests: Recorded[];
  /** Tried before the default routes; reset after each test. */
  override: Route | null;
  taskStatus: 'succeeded' | 'failed';
  close(): Promise<void>;
}

const apiError = (status: number, code: string): Reply => ({ status, body: { message: `${code} happened`, code, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${code}` } });

function searchResponse(offset: number, limit: number, page?: number) {
  return {
    ...(page !== undefined ? { page, hitsPerPage: limit, totalHits: 41, totalPages: 21 } : { offset, estimatedTotalHits: 42 }),
    hits: [
      { ...toMeiliDocument(PRACTICE, analyzer), _rankingScore: 0.87 },
      { ...toMeiliDocument(MODULE, analyzer), _rankingScore: 0.5 },
    ],
    query: 'x',
    processingTimeMs: 1,
    limit,
    facetDistribution: {
      type: { MODULE: 5, PRACTICE: 7 },
      region: { SUEDWESTFALEN: 9 },
      district: {},
      targetGroups: { NEWCOMERS: 2, REFUGEES: 2 },
      fieldsOfAction: { NEW_HOME: 1 },
      kind: { EVENT_FORMAT: 1 },
    },
  };
}

function defaultRoutes(fake: FakeMeili): Route {
  let nextTask = 1;
  const tasks = new Map<number, string>();
  const enqueue = (type: string): Reply => {
    const taskUid = nextTask++;
    tasks.set(taskUid, type);
    return { status: 202, body: { taskUid, indexUid: UID, status: 'enqueued', type, enqueuedAt: '2026-01-01T00:00:00Z' } };
  };
  const task = (uid: number): Reply => ({
    status: 200,
    body: {
      uid,
      batchUid: uid,
      indexUid: UID,
      status: fake.taskStatus,
      type: tasks.get(uid),
      canceledBy: null,
      details: {},
      error: fake.taskStatus === 'failed' ? { message: 'The document is broken', code: 'invalid_document_fields', type: 'invalid_request', link: '' } : null,
      duration: 'PT0.001S',
      enqueuedAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:01Z',
    },
  });
  return ({ method, path, body }) => {
    const b = (body ?? {}) as { federation?: { offset: number; limit: number }; offset?: number; limit?: number; page?: number; hitsPerPage?: number; queries?: { offset: number; limit: number; page?: number; hitsPerPage?: number }[] };
    const key = `${method} ${path}`;
    if (key === 'GET /health') return { status: 200, body: { status: 'available' } };
    if (key === `GET /indexes/${UID}`) return apiError(404, 'index_not_found');
    if (key === 'POST /indexes') return enqueue('indexCreation');
    if (key === `PATCH /indexes/${UID}/settings`) return enqueue('settingsUpdate');
    if (key === `POST /indexes/${UID}/documents`) return enqueue('documentAdditionOrUpdate');
    if (key === `POST /indexes/${UID}/documents/delete-batch` || key === `POST /indexes/${UID}/documents/delete`) return enqueue('documentDeletion');
    if (key === `GET /indexes/${UID}/documents/${encodeDocumentId(PRACTICE.id)}`) return { status: 200, body: toMeiliDocument(PRACTICE, analyzer) };
    if (method === 'GET' && path.startsWith(`/indexes/${UID}/documents/`)) return apiError(404, 'document_not_found');
    if (key === `GET /indexes/${UID}/stats`) return { status: 200, body: { numberOfDocuments: 5, indexSize: 1, usedIndexSize: 1, isIndexing: false, fieldDistribution: {} } };
    if (key === `POST /indexes/${UID}/search`) return { status: 200, body: searchResponse(b.offset ?? 0, b.hitsPerPage ?? b.limit ?? 20, b.page) };
    if (key === 'POST /multi-search' && b.federation) return { status: 200, body: searchResponse(b.federation.offset, b.federation.limit) };
    if (key === 'POST /multi-search') {
      return { status: 200, body: { results: (b.queries ?? []).map((q) => ({ indexUid: UID, ...searchResponse(q.offset, q.hitsPerPage ?? q.limit, q.page) })) } };
    }
    const taskMatch = /^GET \/tasks\/(\d+)$/.exec(key);
    if (taskMatch) return task(Number(taskMatch[1]));
    return undefined;
  };
}

async function startFakeMeili(): Promise<FakeMeili> {
  const fake: FakeMeili = { url: '', requests: [], override: null, taskStatus: 'succeeded', close: async () => {} };
  const routes = defaultRoutes(fake);
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const recorded: Recorded = { method: req.method ?? '', path, query, body: raw === '' ? undefined : JSON.parse(raw), authorization: req.headers.authorization, acceptEncoding: req.headers['accept-encoding'] };
    fake.requests.push(recorded);
    const reply = fake.override?.(recorded) ?? routes(recorded) ?? apiError(404, 'not_found');
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return fake;
}

describe('MeilisearchEngine against a local Meilisearch-shaped server', () => {
  let fake: FakeMeili;
  let engine: MeilisearchEngine;

  beforeAll(async () => {
    fake = await startFakeMeili();
    engine = new MeilisearchEngine({ url: fake.url, apiKey: API_KEY, indexUid: UID, analyzer, timeoutMs: 1000, taskTimeoutMs: 2000 });
  });
  afterEach(() => {
    fake.requests.length = 0;
    fake.override = null;
    fake.taskStatus = 'succeeded';
    jest.restoreAllMocks();
  });
  afterAll(() => fake.close());

  it('asks by offset (and takes the estimate) where the offset is not on a page boundary', async () => {
    const page = await engine.search({ query: 'Empfang', offset: 3, limit: 2 });
    expect(fake.requests[0]?.body).toMatchObject({ offset: 3, limit: 2 });
    expect(fake.requests[0]?.body).not.toHaveProperty('page');
    expect(page.totalCount).toBe(42);
  });

  it('searches with analyzed terms, quoted filters, facets and scores, and maps the answer back', async () => {
    const page = await engine.search({ query: 'Neubürger', filter: { types: ['PRACTICE'], district: '05974' }, offset: 10, limit: 2 });

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    // Uncompressed: Meilisearch's chunked brotli costs ~48 ms a search on loopback.
    expect(req).toMatchObject({ method: 'POST', path: `/indexes/${UID}/search`, authorization: `Bearer ${API_KEY}`, acceptEncoding: 'identity' });
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
      type: [{ value: 'PRACTICE', count: 7 }, { value: 'MODULE', count: 5 }],
      region: [{ value: 'SUEDWESTFALEN', count: 9 }],
      district: [],
      targetGroup: [{ value: 'NEWCOMERS', count: 2 }, { value: 'REFUGEES', count: 2 }],
      fieldOfAction: [{ value: 'NEW_HOME', count: 1 }],
      kind: [{ value: 'EVENT_FORMAT', count: 1 }],
    });
  });

  it('ORs the words and their readings through one federated search: as read first, then each term leading once', async () => {
    const page = await engine.search({ query: 'Empfang Mappe Rathaus', filter: { region: 'RUHR' }, offset: 4, limit: 2 });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /multi-search']);
    const common = { indexUid: UID, filter: ['region = "RUHR"'], matchingStrategy: 'last', showRankingScore: true };
    expect(fake.requests[0]?.body).toEqual({
      federation: { offset: 4, limit: 2, facetsByIndex: { [UID]: ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind'] }, mergeFacets: {} },
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
    expect(page.facets.type).toEqual([{ value: 'PRACTICE', count: 7 }, { value: 'MODULE', count: 5 }]);
    // Several requests, one of them with readings: each is answered by a search of its own, in order.
    fake.requests.length = 0;
    const pages = await engine.multiSearch([{ query: 'Mappe', offset: 0, limit: 1 }, { query: 'Empfang', offset: 0, limit: 1 }]);
    // In order: the federated answer estimates (42), the single search in page mode counts (41).
    expect(pages.map((p) => p.totalCount)).toEqual([42, 41]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['POST /indexes/test-index/search', 'POST /multi-search']);
  });

  it('lists everything by title when the query is empty', async () => {
    await engine.search({ query: '  ', offset: 0, limit: 5 });
    expect(fake.requests[0]?.body).toMatchObject({ q: '', filter: [], sort: ['title_sort:asc'] });
  });

  it('finds nothing, without asking, for a query of stop words only (not everything, as an empty query would)', async () => {
    const page = await engine.search({ query: 'und', offset: 0, limit: 5 });
    expect(page).toEqual({ totalCount: 0, hits: [], facets: { type: [], region: [], district: [], targetGroup: [], fieldOfAction: [], kind: [] } });
    expect(fake.requests).toHaveLength(0);
    const error = await rejection(engine.search({ query: 'und', filter: { near: { lat: 100, lon: 0, radiusKm: 1 } }, offset: 0, limit: 5 }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects invalid filters before asking Meilisearch', async () => {
    const error = await rejection(engine.search({ query: 'x', filter: { near: { lat: 100, lon: 0, radiusKm: 1 } }, offset: 0, limit: 5 }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('sends several searches as one multi-search and answers in order', async () => {
    const pages = await engine.multiSearch([
      { query: 'Heft', offset: 0, limit: 1 },
      { query: 'Empfang', filter: { region: 'RUHR' }, offset: 5, limit: 3 },
    ]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /multi-search']);
    expect(fake.requests[0]?.body).toMatchObject({
      queries: [
        { indexUid: UID, q: 'heft', filter: [], page: 1, hitsPerPage: 1, showRankingScore: true, matchingStrategy: 'last' },
        { indexUid: UID, q: 'empfang', filter: ['region = "RUHR"'], offset: 5, limit: 3 },
      ],
    });
    expect(pages).toHaveLength(2);
    expect(pages[1]?.hits[0]).toEqual({ document: PRACTICE, score: 0.87 });
    expect(pages[1]?.facets.targetGroup).toHaveLength(2);
  });

  it('upserts encoded, analyzed documents and waits for the task', async () => {
    await engine.upsert([PRACTICE, MODULE]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /indexes/${UID}/documents`, 'GET /tasks/1']);
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
    const log = jest.spyOn(console, 'error').mockImplementation(() => {});
    fake.override = (req) => (req.path.endsWith('/search') ? apiError(400, 'invalid_search_filter') : undefined);
    const error = await rejection(engine.search({ query: 'x', filter: { kind: 'A' }, offset: 0, limit: 5 }));
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toContain('400 invalid_search_filter');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('kind = \\"A\\"'), expect.any(String));
  });

  it('turns other API errors into SearchUnavailableError without logging', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => {});
    fake.override = (req) => (req.path.endsWith('/search') ? apiError(503, 'service_unavailable') : undefined);
    const error = await rejection(engine.search({ query: 'x', offset: 0, limit: 5 }));
    expect(error).toMatchObject({ extensions: { code: 'SEARCH_UNAVAILABLE' } });
    expect(log).not.toHaveBeenCalled();
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
    ['multiSearch', () => engine.multiSearch([{ query: 'Mappe', offset: 0, limit: 5 }])],
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
    expect(JSON.stringify({ message: (error as Error).message, extensions: (error as SearchUnavailableError).extensions })).not.toContain(API_KEY);
  });

  it('is not healthy', async () => {
    expect(await engine.healthy()).toBe(false);
  });
});
