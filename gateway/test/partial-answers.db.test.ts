import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, type RunningServer, type SubgraphRuntime } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';
import { startTestHub, type TestHub } from './hub.js';

// One subgraph down, too slow or answering something other than GraphQL fails only the
// fields it serves. The gateway reaches each subgraph through a stand-in that forwards
// to the real one until a test breaks it: closed (connection refused), holding the
// request past the upstream timeout, or answering a proxy's 502 page.
type Mode = 'up' | 'refused' | 'slow' | 'broken';

class StandIn {
  private server!: RunningServer;
  private port = 0;
  private mode: Mode = 'up';
  /** Requests held while slow whose connection the gateway then closed (it aborted the call). */
  abandoned = 0;

  constructor(private readonly runtime: () => SubgraphRuntime) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<void> {
    this.server = await listen((req, res) => this.handle(req, res), '127.0.0.1', this.port);
    this.port = Number(new URL(this.server.url).port);
  }

  async set(mode: Mode): Promise<void> {
    if (mode === 'refused' && this.mode !== 'refused') await this.server.close();
    if (mode !== 'refused' && this.mode === 'refused') await this.start(); // the same port again
    this.mode = mode;
  }

  async close(): Promise<void> {
    if (this.mode !== 'refused') await this.server.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    if (this.mode === 'slow') {
      // Never answers; the gateway's upstream timeout ends the wait and aborts the call.
      res.on('close', () => this.abandoned++);
      return;
    }
    if (this.mode === 'broken') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    return this.runtime().handle(req, res);
  }
}

let hub: TestHub;
const standIns = new Map<string, StandIn>();
const standIn = (name: string) => standIns.get(name)!;

beforeAll(async () => {
  for (const { name } of subgraphs) {
    const s = new StandIn(() => hub.hub.runtimes.find((r) => r.name === name)!);
    await s.start();
    standIns.set(name, s);
  }
  hub = await startTestHub({
    subgraphUrls: Object.fromEntries([...standIns].map(([name, s]) => [name, s.url])),
    // Short enough to wait for in a test, long enough for a healthy subgraph on a busy machine.
    // Set per subgraph, over a default longer than the test's own timeout: the slow case
    // below passes only if the per-subgraph value applies.
    env: { UPSTREAM_TIMEOUT_MS: '600000', UPSTREAM_TIMEOUTS: subgraphs.map((s) => `${s.name}=3000`).join(',') },
  });
}, 120_000);

afterEach(async () => {
  for (const s of standIns.values()) await s.set('up');
});

afterAll(async () => {
  await hub?.close();
  for (const s of standIns.values()) await s.close();
});

interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Waits until `done` holds; the test's own timeout bounds the wait. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** POSTs a query; `locations` are left out of the errors, they only point into the query text. */
async function post(query: string, token?: string): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const response = await fetch(`${hub.hub.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  type Located = NonNullable<Answer['errors']>[number] & { locations?: unknown };
  const body = (await response.json()) as Omit<Answer, 'errors' | 'status'> & { errors?: Located[] };
  const errors = body.errors?.map(({ locations: _, ...error }) => error);
  return { status: response.status, ...body, ...(errors ? { errors } : {}) };
}

const unavailable = (serviceName: string, path: (string | number)[], code = 'SUBGRAPH_UNAVAILABLE') => ({
  message: expect.stringMatching(
    serviceName === 'search' ? /^Search is unavailable/ : new RegExp(`^The ${serviceName} subgraph is unavailable`),
  ),
  path,
  // Exactly these: no internal URL, signed request body or HTTP status of the failed call.
  extensions: { code, serviceName },
});

describe('one subgraph down', () => {
  const SIEGEN = '{ municipality(ags: "05970040") { name } practices { totalCount } }';

  it('answers everything while every subgraph is up', async () => {
    const answer = await post(SIEGEN);
    expect(answer).toEqual({ status: 200, data: { municipality: { name: 'Siegen' }, practices: { totalCount: 5 } } });
  });

  it("keeps the other subgraphs' data when one refuses connections", async () => {
    await standIn('practices').set('refused');
    expect(await post(SIEGEN)).toEqual({
      status: 200,
      data: { municipality: { name: 'Siegen' }, practices: null },
      errors: [unavailable('practices', ['practices'])],
    });
  });

  it("nulls only the fields a down subgraph adds to another subgraph's entity", async () => {
    await standIn('practices').set('refused');
    const answer = await post(
      '{ municipality(ags: "05970040") { name practices { totalCount } hostedEvents { slug } } cooperation(slug: "integration-interkommunal") { name practices { totalCount } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      municipality: { name: 'Siegen', practices: null, hostedEvents: expect.any(Array) },
      cooperation: { name: 'Städtekooperation Integration.Interkommunal', practices: null },
    });
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        unavailable('practices', ['municipality', 'practices']),
        unavailable('practices', ['cooperation', 'practices']),
      ]),
    );
    expect(answer.errors!.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
  });

  it('nulls a reference whose fields come from a down subgraph, not the record that holds it', async () => {
    await standIn('municipalities').set('refused');
    const answer = await post('{ practice(slug: "willkommen-in-siegen") { title municipality { ags name } } }');
    expect(answer.data).toEqual({ practice: { title: 'Willkommen in Siegen', municipality: null } });
    // The gateway reports the failed entity fetch on the first field it asked for.
    expect(answer.errors).toEqual([unavailable('municipalities', ['practice', 'municipality', 'name'])]);
  });

  it('answers a slow subgraph with SUBGRAPH_UNAVAILABLE after the upstream timeout, not HTTP 504', async () => {
    await standIn('events').set('slow');
    const abandoned = standIn('events').abandoned;
    const answer = await post('{ municipality(ags: "05970040") { name hostedEvents { slug } } events { totalCount } }');
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ municipality: { name: 'Siegen', hostedEvents: null }, events: null });
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        unavailable('events', ['municipality', 'hostedEvents']),
        unavailable('events', ['events']),
      ]),
    );
    // The calls were aborted, not left waiting on the subgraph.
    await until(() => standIn('events').abandoned >= abandoned + 2);
  });

  it("treats an answer that is not GraphQL (a proxy's 502 page) as unavailable", async () => {
    await standIn('modules').set('broken');
    const answer = await post(
      '{ module(slug: "quick-check") { title } municipality(ags: "05970040") { name modules { status } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ module: null, municipality: { name: 'Siegen', modules: null } });
    expect(answer.errors).toEqual(
      expect.arrayContaining([unavailable('modules', ['module']), unavailable('modules', ['municipality', 'modules'])]),
    );
  });

  it('answers SEARCH_UNAVAILABLE when the search subgraph is down, and everything else', async () => {
    await standIn('search').set('refused');
    const answer = await post(
      '{ search(query: "Empfang") { totalCount } suggest(prefix: "Willk") { text } municipality(ags: "05970040") { name } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ search: null, suggest: null, municipality: { name: 'Siegen' } });
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        unavailable('search', ['search'], 'SEARCH_UNAVAILABLE'),
        unavailable('search', ['suggest'], 'SEARCH_UNAVAILABLE'),
      ]),
    );
  });

  it('recovers as soon as the subgraph is back', async () => {
    await standIn('practices').set('refused');
    expect((await post(SIEGEN)).data?.practices).toBeNull();
    await standIn('practices').set('up');
    expect(await post(SIEGEN)).toEqual({
      status: 200,
      data: { municipality: { name: 'Siegen' }, practices: { totalCount: 5 } },
    });
  });
});

describe('errors the subgraphs answer themselves', () => {
  it("keeps a valid alias's data beside a sibling alias with a bad argument on the same subgraph", async () => {
    const answer = await post(
      '{ a: municipalities(first: 1) { totalCount } b: municipalities(first: 500) { totalCount } }',
    );
    expect(answer.data).toEqual({ a: { totalCount: 112 }, b: null });
    expect(answer.errors).toEqual([
      {
        message: 'Invalid input. first: must be between 1 and 200',
        path: ['b'],
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'first', message: 'must be between 1 and 200' }],
          serviceName: 'municipalities',
        },
      },
    ]);
  });

  it("does the same for aliases of a field one subgraph adds to another's entity", async () => {
    const answer = await post(
      '{ municipality(ags: "05970040") { name a: practices(first: 1) { totalCount } b: practices(first: 500) { totalCount } } }',
    );
    expect(answer.data).toEqual({ municipality: { name: 'Siegen', a: { totalCount: 1 }, b: null } });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({
      path: ['municipality', 'b'],
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'must be between 1 and 200' }] },
    });
  });

  it('passes UNAUTHENTICATED and NOT_FOUND through unchanged and keeps the rest of the answer', async () => {
    const query =
      '{ assessment(id: "00000000-0000-4000-8000-000000000000") { id } municipality(ags: "05970040") { name } }';
    const anonymous = await post(query);
    expect(anonymous.data).toEqual({ assessment: null, municipality: { name: 'Siegen' } });
    expect(anonymous.errors).toEqual([
      {
        message: 'This operation requires a valid bearer token.',
        path: ['assessment'],
        extensions: { code: 'UNAUTHENTICATED', serviceName: 'modules' },
      },
    ]);
    const coordinator = await post(query, await devToken({ sub: 'partial-answers', role: 'coordinator', ags: [] }));
    expect(coordinator.data).toEqual({ assessment: null, municipality: { name: 'Siegen' } });
    expect(coordinator.errors).toEqual([
      {
        message: 'Assessment "00000000-0000-4000-8000-000000000000" was not found.',
        path: ['assessment'],
        extensions: {
          code: 'NOT_FOUND',
          entity: 'Assessment',
          key: '00000000-0000-4000-8000-000000000000',
          serviceName: 'modules',
        },
      },
    ]);
  });
});

describe('request deadline', () => {
  it('ends a request that outlives REQUEST_DEADLINE_MS with a coded 503', async () => {
    // A second hub over the same stand-ins, whose upstream timeout is longer than its deadline.
    const strict = await startTestHub({
      subgraphUrls: Object.fromEntries([...standIns].map(([name, s]) => [name, s.url])),
      env: { REQUEST_DEADLINE_MS: '1500', UPSTREAM_TIMEOUT_MS: '600000' },
    });
    try {
      await standIn('events').set('slow');
      const abandoned = standIn('events').abandoned;
      const response = await fetch(`${strict.hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ events { totalCount } }' }),
      });
      expect(response.status).toBe(503);
      expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
      // The deadline aborted the subgraph call too.
      await until(() => standIn('events').abandoned > abandoned);
    } finally {
      await strict.close();
    }
  }, 60_000);
});
