import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import {
  createLogger,
  listen,
  metricsHandler,
  router,
  setupTracing,
  type RunningServer,
  type Tracing,
} from '@welcome-hub/kit';
import { startTestHub, type TestHub } from './hub.js';

// Issue 15: one request followed through the hub by its id (logs), its trace (spans) and
// its numbers (/metrics). The logger writes into `lines`, spans into `exporter`.
const lines: string[] = [];
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let hub: TestHub;

/** Touches three subgraphs: municipalities, then practices and events for the municipality. */
const QUERY =
  'query SiegenOverview { municipality(ags: "05970040") { name practices { totalCount } hostedEvents { slug } } }';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogRecord = Record<string, unknown>;
const records = (): LogRecord[] => lines.map((line) => JSON.parse(line) as LogRecord);

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function post(headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${hub.hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
}

/** Sends the query with `requestId` and waits until the edge wrote the request's access line. */
async function query(requestId: string): Promise<Response> {
  const response = await post({ 'x-request-id': requestId });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: { municipality?: { name: string } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.municipality?.name).toBe('Siegen');
  await eventually(() => records().some((r) => r.requestId === requestId && r.msg === 'request'), 'the access line');
  return response;
}

beforeAll(async () => {
  tracing = setupTracing({ serviceName: 'welcome-hub-test', exporter, env: {} });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  hub = await startTestHub({ logger: createLogger({ level: 'debug', destination }) });
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await tracing?.shutdown();
});

describe('request ids', () => {
  it('echoes a given id and writes it into JSON lines of the gateway and of the subgraphs', async () => {
    const requestId = 'obs-test-0001';
    const response = await query(requestId);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const mine = records().filter((r) => r.requestId === requestId);
    const access = mine.find((r) => r.component === 'edge' && r.msg === 'request');
    expect(access).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      operation: 'SiegenOverview',
      status: 200,
    });
    expect(typeof access?.durationMs).toBe('number');
    // The gateway runtime's own lines (the runtime names the subgraph it calls in some)…
    expect(mine.some((r) => r.component === 'gateway')).toBe(true);
    // …and the lines the subgraphs wrote while serving it.
    const fromSubgraphs = mine.filter((r) => r.component === 'subgraph');
    const subgraphs = new Set(fromSubgraphs.map((r) => r.subgraph));
    expect([...subgraphs]).toEqual(expect.arrayContaining(['municipalities', 'practices', 'events']));
    const operations = fromSubgraphs.filter((r) => r.msg === 'graphql operation');
    expect(operations.length).toBeGreaterThanOrEqual(3);
    for (const line of operations)
      expect(line).toMatchObject({ level: 'debug', operation: 'SiegenOverview', outcome: 'success' });
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'not an id'],
    ['with a path', '../../etc/passwd'],
    ['with markup', '<script>'],
  ])('replaces an incoming id %s by a fresh one, used all the way down', async (_case, bad) => {
    const response = await post({ 'x-request-id': bad });
    expect(response.status).toBe(200);
    const echoed = response.headers.get('x-request-id') ?? '';
    expect(echoed).toMatch(UUID);
    await eventually(() => records().some((r) => r.requestId === echoed && r.msg === 'request'), 'the access line');
    expect(records().some((r) => r.requestId === bad)).toBe(false);
    expect(
      records().some((r) => r.requestId === echoed && r.component === 'subgraph' && r.subgraph === 'practices'),
    ).toBe(true);
  });

  it('gives a request without an id a fresh one', async () => {
    const response = await post();
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('/metrics', () => {
  it('answers on the gateway in Prometheus text format, per operation and per subgraph', async () => {
    await query('obs-test-metrics');
    const response = await fetch(`${hub.hub.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^# HELP /m);
    expect(text).toMatch(/^graphql_envelop_request\{[^}]*operationName="SiegenOverview"[^}]*\} \d+/m);
    expect(text).toMatch(/^graphql_envelop_request_duration_bucket\{[^}]*operationName="SiegenOverview"/m);
    expect(text).toMatch(/^graphql_gateway_subgraph_execute_duration_bucket\{[^}]*subgraphName="practices"/m);
    // The in-process subgraphs' own metrics, labelled by subgraph, and Node's.
    expect(text).toMatch(/^hub_subgraph_operations_total\{subgraph="events",operation="\w+",outcome="success"\} \d+/m);
    expect(text).toMatch(/^hub_search_outbox_backlog\{subgraph="municipalities"\} \d+/m);
  });

  it("answers on the subgraphs' side with operations, latency, outbox backlog and index lag", async () => {
    const response = await fetch(`${hub.hub.internalUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(
      /^hub_subgraph_operations_total\{subgraph="municipalities",operation="\w+",outcome="success"\} [1-9]/m,
    );
    expect(text).toMatch(/^hub_subgraph_operation_duration_seconds_bucket\{[^}]*subgraph="practices"/m);
    for (const subgraph of ['municipalities', 'practices', 'modules', 'events']) {
      expect(text).toMatch(new RegExp(`^hub_search_outbox_backlog\\{subgraph="${subgraph}"\\} \\d+`, 'm'));
      expect(text).toMatch(new RegExp(`^hub_search_index_lag_seconds\\{subgraph="${subgraph}"\\} [\\d.e+-]+`, 'm'));
    }
    // No gateway metrics here: they are the gateway's.
    expect(text).not.toMatch(/^graphql_envelop_request/m);
  });

  it('reports a waiting change as backlog, and its age as index lag', async () => {
    const connection = hub.hub.runtimes.find((r) => r.name === 'events')?.orm.em.getConnection();
    // Due in an hour, so the relay leaves it waiting; written 90 s ago.
    await connection?.execute(
      `insert into "events"."search_outbox" (entity_key, created_at, available_at)
       values ('observability-test', now() - interval '90 seconds', now() + interval '1 hour')`,
    );
    try {
      const text = await (await fetch(`${hub.hub.internalUrl}/metrics`)).text();
      expect(Number(/^hub_search_outbox_backlog\{subgraph="events"\} (\d+)/m.exec(text)?.[1])).toBeGreaterThanOrEqual(
        1,
      );
      const lag = Number(/^hub_search_index_lag_seconds\{subgraph="events"\} ([\d.e+-]+)/m.exec(text)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(600);
    } finally {
      await connection?.execute(`delete from "events"."search_outbox" where entity_key = 'observability-test'`);
    }
  });

  it('is no GraphQL route: a bearer that is no JWT is left to the guard (open outside production)', async () => {
    const response = await fetch(`${hub.hub.url}/metrics`, {
      headers: { authorization: 'Bearer not-a-jwt-but-a-metrics-token' },
    });
    expect(response.status).toBe(200);
  });
});

describe('the production guard of /metrics', () => {
  let server: RunningServer;
  const token = 'm'.repeat(40);
  const scrape = (path: string, authorization?: string) =>
    fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    const registry = new Registry();
    server = await listen(
      router({
        '/unset/metrics': metricsHandler(() => [registry], { NODE_ENV: 'production', METRICS_TOKEN: undefined }),
        '/set/metrics': metricsHandler(() => [registry], { NODE_ENV: 'production', METRICS_TOKEN: token }),
      }),
      '127.0.0.1',
      0,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 404 while METRICS_TOKEN is unset, even to a bearer', async () => {
    expect((await scrape('/unset/metrics')).status).toBe(404);
    expect((await scrape('/unset/metrics', `Bearer ${token}`)).status).toBe(404);
  });

  it('answers 401 without the token or with a wrong one, and the metrics with it', async () => {
    expect((await scrape('/set/metrics')).status).toBe(401);
    const wrong = await scrape('/set/metrics', `Bearer ${'n'.repeat(40)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect((await scrape('/set/metrics', `Bearer ${token}x`)).status).toBe(401);
    const right = await scrape('/set/metrics', `Bearer ${token}`);
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('traces', () => {
  it('joins the gateway and the subgraphs in one trace, subgraph spans under the gateway', async () => {
    const requestId = 'obs-test-trace';
    await query(requestId);
    const subgraphSpans = await eventually(() => {
      const found = exporter.getFinishedSpans().filter((s) => s.attributes['hub.request_id'] === requestId);
      return new Set(found.map((s) => s.attributes['hub.subgraph'])).size >= 3 && found;
    }, 'the subgraph spans');
    const [traceId] = new Set(subgraphSpans.map((s) => s.spanContext().traceId));
    expect(subgraphSpans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    expect(subgraphSpans.map((s) => s.name)).toContain('graphql.operation SiegenOverview');

    // The gateway's root (HTTP) span ends with the response: wait for it, then walk up.
    const gatewayRoot = await eventually(
      () => exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId && !s.parentSpanContext),
      "the gateway's root span",
    );
    expect(gatewayRoot.instrumentationScope.name).toBe('gateway');
    // A gateway span between a subgraph call and the root may end after the root: wait until
    // every subgraph span's chain of ancestors is exported up to the root.
    const ancestors = (span: ReadableSpan, byId: Map<string, ReadableSpan>) => {
      const chain: ReadableSpan[] = [];
      for (let at = span.parentSpanContext; at; at = chain.at(-1)?.parentSpanContext) {
        const parent = byId.get(at.spanId);
        if (!parent) break;
        chain.push(parent);
      }
      return chain;
    };
    const chains = await eventually(() => {
      const byId = new Map<string, ReadableSpan>(exporter.getFinishedSpans().map((s) => [s.spanContext().spanId, s]));
      const all = subgraphSpans.map((span) => ancestors(span, byId));
      return all.every((chain) => chain.at(-1) === gatewayRoot) && all;
    }, "every subgraph span's ancestors up to the gateway's root");
    for (const [i, span] of subgraphSpans.entries()) {
      expect(span.parentSpanContext?.traceId).toBe(traceId);
      expect(chains[i][0].instrumentationScope.name).toBe('gateway');
      expect(chains[i].at(-1)).toBe(gatewayRoot);
    }
    const subgraphs = new Set(subgraphSpans.map((s) => s.attributes['hub.subgraph']));
    expect([...subgraphs]).toEqual(expect.arrayContaining(['municipalities', 'practices', 'events']));
  });

  it("writes the trace id into the subgraphs' log lines of the request", async () => {
    const requestId = 'obs-test-trace';
    const traced = records().filter((r) => r.requestId === requestId && r.component === 'subgraph' && r.traceId);
    expect(traced.length).toBeGreaterThanOrEqual(3);
    const traceIds = new Set(traced.map((r) => r.traceId));
    expect(traceIds.size).toBe(1);
    expect(exporter.getFinishedSpans().some((s) => s.spanContext().traceId === [...traceIds][0])).toBe(true);
  });
});

describe('what the logs and traces keep to themselves', () => {
  it("writes an invitation link's token into no log line", async () => {
    const token = 'invitation-secret-0123456789abcdef';
    const response = await fetch(`${hub.hub.url}/oidc/invitation/${token}`, {
      headers: { 'x-request-id': 'obs-invite' },
    });
    await response.arrayBuffer();
    const access = await eventually(
      () => records().find((r) => r.requestId === 'obs-invite' && r.msg === 'request'),
      'the access line',
    );
    expect(access.path).toBe('/oidc/invitation/:secret');
    expect(lines.some((line) => line.includes(token))).toBe(false);
  });

  it('starts its own trace whatever traceparent a client sends, unsampled ones included', async () => {
    const foreign = '0af7651916cd43dd8448eb211c80319c';
    const response = await post({
      'x-request-id': 'obs-foreign-trace',
      traceparent: `00-${foreign}-b7ad6b7169203331-00`,
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const spans = await eventually(() => {
      const found = exporter.getFinishedSpans().filter((s) => s.attributes['hub.request_id'] === 'obs-foreign-trace');
      return found.length >= 3 && found;
    }, 'the subgraph spans of the request');
    expect(spans.every((s) => s.spanContext().traceId !== foreign)).toBe(true);
    expect(exporter.getFinishedSpans().some((s) => s.spanContext().traceId === foreign)).toBe(false);
  });

  it('exports no query strings, client addresses or browsers', async () => {
    const url = `${hub.hub.url}/graphql?query=${encodeURIComponent('{ municipality(ags: "05970040") { name } }')}`;
    const response = await fetch(url, {
      headers: { 'x-graphql-csrf': '1', 'user-agent': 'obs-test-browser', 'x-forwarded-for': '203.0.113.7' },
    });
    await response.arrayBuffer();
    await eventually(() => exporter.getFinishedSpans().some((s) => !s.parentSpanContext), 'a root span');
    for (const span of exporter.getFinishedSpans()) {
      const text = JSON.stringify(span.attributes);
      expect(text).not.toContain('05970040');
      expect(text).not.toContain('obs-test-browser');
      expect(text).not.toContain('203.0.113.7');
    }
  });
});
