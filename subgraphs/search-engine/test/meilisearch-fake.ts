import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeDocumentId, toMeiliDocument } from '../src/index.js';
import { analyzer, MODULE, PRACTICE, UID } from './meilisearch-fixtures.js';

/**
 * A local HTTP server speaking enough of Meilisearch's protocol for the adapter's tests:
 * it records every request and answers with canned documents, tasks and refusals.
 */

export interface Recorded {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization: string | undefined;
  acceptEncoding: string | undefined;
}
export type Reply = { status: number; body: unknown } | 'hang';
export type Route = (req: Recorded) => Reply | undefined;

export interface FakeMeili {
  url: string;
  requests: Recorded[];
  /** Tried before the default routes; reset after each test. */
  override: Route | null;
  taskStatus: 'succeeded' | 'failed';
  close(): Promise<void>;
}

export const apiError = (status: number, code: string): Reply => ({
  status,
  body: {
    message: `${code} happened`,
    code,
    type: 'invalid_request',
    link: `https://docs.meilisearch.com/errors#${code}`,
  },
});

function searchResponse(offset: number, limit: number, page?: number) {
  return {
    ...(page !== undefined
      ? { page, hitsPerPage: limit, totalHits: 41, totalPages: 21 }
      : { offset, estimatedTotalHits: 42 }),
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
    return {
      status: 202,
      body: { taskUid, indexUid: UID, status: 'enqueued', type, enqueuedAt: '2026-01-01T00:00:00Z' },
    };
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
      error:
        fake.taskStatus === 'failed'
          ? { message: 'The document is broken', code: 'invalid_document_fields', type: 'invalid_request', link: '' }
          : null,
      duration: 'PT0.001S',
      enqueuedAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:01Z',
    },
  });
  return ({ method, path, body }) => {
    const b = (body ?? {}) as {
      federation?: { offset: number; limit: number };
      offset?: number;
      limit?: number;
      page?: number;
      hitsPerPage?: number;
      queries?: { offset: number; limit: number; page?: number; hitsPerPage?: number }[];
    };
    const key = `${method} ${path}`;
    if (key === 'GET /health') return { status: 200, body: { status: 'available' } };
    if (key === `GET /indexes/${UID}`) return apiError(404, 'index_not_found');
    if (key === 'POST /indexes') return enqueue('indexCreation');
    if (key === `PATCH /indexes/${UID}/settings`) return enqueue('settingsUpdate');
    if (key === `POST /indexes/${UID}/documents`) return enqueue('documentAdditionOrUpdate');
    if (key === `POST /indexes/${UID}/documents/delete-batch` || key === `POST /indexes/${UID}/documents/delete`)
      return enqueue('documentDeletion');
    if (key === `GET /indexes/${UID}/documents/${encodeDocumentId(PRACTICE.id)}`)
      return { status: 200, body: toMeiliDocument(PRACTICE, analyzer) };
    if (method === 'GET' && path.startsWith(`/indexes/${UID}/documents/`)) return apiError(404, 'document_not_found');
    if (key === `GET /indexes/${UID}/stats`)
      return {
        status: 200,
        body: { numberOfDocuments: 5, indexSize: 1, usedIndexSize: 1, isIndexing: false, fieldDistribution: {} },
      };
    if (key === `POST /indexes/${UID}/search`)
      return { status: 200, body: searchResponse(b.offset ?? 0, b.hitsPerPage ?? b.limit ?? 20, b.page) };
    if (key === 'POST /multi-search' && b.federation)
      return { status: 200, body: searchResponse(b.federation.offset, b.federation.limit) };
    if (key === 'POST /multi-search') {
      return {
        status: 200,
        body: {
          results: (b.queries ?? []).map((q) => ({
            indexUid: UID,
            ...searchResponse(q.offset, q.hitsPerPage ?? q.limit, q.page),
          })),
        },
      };
    }
    const taskMatch = /^GET \/tasks\/(\d+)$/.exec(key);
    if (taskMatch) return task(Number(taskMatch[1]));
    return undefined;
  };
}

export async function startFakeMeili(): Promise<FakeMeili> {
  const fake: FakeMeili = { url: '', requests: [], override: null, taskStatus: 'succeeded', close: async () => {} };
  const routes = defaultRoutes(fake);
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const recorded: Recorded = {
      method: req.method ?? '',
      path,
      query,
      body: raw === '' ? undefined : JSON.parse(raw),
      authorization: req.headers.authorization,
      acceptEncoding: req.headers['accept-encoding'],
    };
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
