import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { buildSchema } from 'graphql';
import { devToken } from '@welcome-hub/kit/testing';
import { startTestHub, type TestHub } from './hub.js';
import { probes, render, type FuzzRequest } from './fuzz/cases.js';
import { Random } from './fuzz/random.js';
import type { Pools } from './fuzz/values.js';

// Introspection-driven fuzzing of the public API: every argument of every query and
// mutation, down to the input fields and list elements, gets boundary, malformed and
// wrongly typed values, inline and as variables, signed in and anonymous. Whatever comes
// back must be the client's fault, said with a code: never a 5xx, never
// INTERNAL_SERVER_ERROR, never an error without `extensions.code`.
// FUZZ_REPORT=<file> writes every offending request (with its full body) there as JSON.

const SEED = 20_250_301;
const REQUESTS = 8000;
const CONCURRENCY = 4;

let hub: TestHub;
let url: string;
let coordinator: string;

beforeAll(async () => {
  // The edge counts every request against one client: the fuzzer.
  hub = await startTestHub({
    env: { RATE_LIMIT_POINTS: '100000000', RATE_LIMIT_COST_POINTS: '1000000000', LIMIT_BODY_BYTES: '1000000' },
  });
  url = `${hub.hub.url}/graphql`;
  coordinator = await devToken({ sub: 'fuzzer', role: 'coordinator', ags: [] });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/**
 * Valid-looking values from the reference data: keys, slugs, ids and cursors that exist,
 * plus a participation, a registration and an assessment of the fuzzer's own (the seed has none).
 */
async function referencePools(): Promise<Pools> {
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const result = await hub.gql<any>(query, { token: coordinator, variables });
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const edges = 'edges { cursor node { id slug } }';
  const d = await gql(
    `{ practices(first: 50, filter: { includeArchived: true }) { ${edges} } modules(first: 50) { ${edges} } events(first: 50) { edges { cursor node { id slug series { slug } } } }
       cooperations { id slug members { municipality { ags } } } qualityAreas { key criteria { key } } districts { code }
       municipalities(first: 200) { edges { cursor node { ags } } } }`,
  );
  const nodes = (connection: { edges: { cursor: string; node: any }[] }) => connection.edges.map((e) => e.node);
  const memberships = d.cooperations.flatMap((c: any) =>
    c.members.map((m: any) => ({ ags: m.municipality.ags, cooperation: c.slug })),
  );
  const [member] = memberships;
  const participation = await gql(
    `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`,
    {
      input: {
        ...member,
        declaredOn: '2025-03-01',
        contact: { name: 'Vorname Nachname', role: 'Projektverantwortliche', email: 'fuzz@example.org' },
      },
    },
  );
  const event = await gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id slug } }`, {
    input: {
      slug: 'fuzz-forum',
      title: 'Fuzz-Forum',
      kind: 'FORUM',
      startsAt: '2027-03-01T13:00:00Z',
      capacity: 10,
      organizer: member.cooperation,
    },
  });
  const registration = await gql(`mutation($input: RegisterInput!) { registerForEvent(input: $input) { id } }`, {
    input: { eventId: event.createEvent.id, ags: member.ags, participants: 2 },
  });
  const assessment = await gql(`mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`, {
    input: {
      ags: member.ags,
      answers: d.qualityAreas.flatMap((a: any) => a.criteria.map((c: any) => ({ criterion: c.key, score: 1 }))),
    },
  });
  const events = [...nodes(d.events), event.createEvent];
  return {
    ags: nodes(d.municipalities).map((m) => m.ags),
    districts: d.districts.map((x: { code: string }) => x.code),
    cooperations: d.cooperations.map((c: { slug: string }) => c.slug),
    series: [...new Set<string>(events.flatMap((e) => (e.series ? [e.series.slug] : [])))],
    criteria: d.qualityAreas.flatMap((a: { criteria: { key: string }[] }) => a.criteria.map((c) => c.key)),
    areas: d.qualityAreas.map((a: { key: string }) => a.key),
    cursors: [d.practices, d.modules, d.events, d.municipalities].flatMap((c) =>
      c.edges.slice(0, 3).map((e: { cursor: string }) => e.cursor),
    ),
    slugs: {
      Practice: nodes(d.practices).map((p) => p.slug),
      Module: nodes(d.modules).map((m) => m.slug),
      Event: events.map((e) => e.slug),
      Cooperation: d.cooperations.map((c: { slug: string }) => c.slug),
    },
    ids: {
      Practice: nodes(d.practices).map((p) => p.id),
      Module: nodes(d.modules).map((m) => m.id),
      Event: events.map((e) => e.id),
      Cooperation: d.cooperations.map((c: { id: string }) => c.id),
      Participation: [participation.declareParticipation.id],
      Registration: [registration.registerForEvent.id],
      Assessment: [assessment.submitAssessment.id],
    },
    memberships,
  };
}

/** What is wrong with one answer: a 5xx, INTERNAL_SERVER_ERROR, an uncoded error or no JSON at all. */
function problems(status: number, text: string): { code: string; message: string }[] {
  let body: { errors?: { message?: string; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return [{ code: '(body is not JSON)', message: text.slice(0, 160) }];
  }
  const errors = (Array.isArray(body?.errors) ? body.errors : []).map((e) => ({
    code: typeof e?.extensions?.code === 'string' ? e.extensions.code : '(no code)',
    message: String(e?.message).slice(0, 160),
  }));
  if (status >= 500) return errors.length > 0 ? errors : [{ code: '(no errors)', message: text.slice(0, 160) }];
  return errors.filter((e) => e.code === '(no code)' || e.code === 'INTERNAL_SERVER_ERROR');
}

/** The first error's code, or "data" for an answer without errors. */
function answerCode(text: string): string {
  try {
    const body = JSON.parse(text);
    return body.errors?.length ? String(body.errors[0].extensions?.code ?? '(no code)') : 'data';
  } catch {
    return '(not JSON)';
  }
}

interface Offence extends FuzzRequest {
  status: number;
  code: string;
  message: string;
}

/**
 * Sends one fuzz request on a connection of its own. Reusing connections let an idle one
 * that the hub's keep-alive timer was closing carry the next request, which then met a
 * reset (ECONNRESET, twice in 8 000 on a loaded machine): the hub and the fuzzer share one
 * event loop here, so the timer can fire between the fuzzer choosing the socket and writing.
 */
function send(fuzz: FuzzRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (fuzz.signedIn) headers.authorization = `Bearer ${coordinator}`;
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false, timeout: 60_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', (error) => resolve({ status: 0, text: `(request failed: ${error.message})` }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, text: `(request failed: ${error.code ?? error.message})` }),
    );
    req.end(fuzz.body);
  });
}

/** A failure's message with the values taken out, so one defect is one class however many inputs hit it. */
function failureClass(o: Offence): string {
  // graphql-js's variable coercion messages all come from one place, whatever the value.
  if (/^Variable "\$\w+" (got invalid value|of (non-null|required) type)/.test(o.message))
    return `${o.status} ${o.code}: Variable "$…" (coercion failure)`;
  const message = o.message.replace(/"[^"]*"/g, '"…"').replace(/-?\d[\d.e+]*/g, 'N');
  return `${o.status} ${o.code}: ${message}`;
}

/**
 * One entry per failure class: how many requests, the distinct operation, argument and
 * value kind that hit it (a few), and one request to reproduce it.
 */
function report(offences: Offence[]): string[] {
  const classes = new Map<string, Offence[]>();
  for (const o of offences) {
    const failure = failureClass(o);
    if (!classes.has(failure)) classes.set(failure, []);
    classes.get(failure)!.push(o);
  }
  const entries = [...classes].map(([failure, hits]) => {
    const inputs = [
      ...new Set(
        hits.map(
          (o) =>
            `${o.operation} ${o.argument} <${o.kind}> (${o.encoding}, ${o.signedIn ? 'coordinator' : 'anonymous'})`,
        ),
      ),
    ];
    const example = hits[0];
    const body = example.body.length > 400 ? `${example.body.slice(0, 400)}…` : example.body;
    return [
      `${failure}: ${hits.length} requests, ${inputs.length} distinct inputs, e.g.`,
      ...inputs.slice(0, 6).map((input) => `  ${input}`),
      `  reproduce${example.signedIn ? ' (coordinator token)' : ''}: ${body}`,
      `  answered: ${example.message}`,
    ].join('\n');
  });
  return entries.length > 0 ? [...entries, 'Every offending request in full: run with FUZZ_REPORT=<file>.'] : [];
}

describe('fuzzing every query and mutation argument', () => {
  it(
    `answers ${REQUESTS} malformed and boundary requests without a 5xx, INTERNAL_SERVER_ERROR or an uncoded error`,
    async () => {
      const schema = buildSchema(readFileSync(new URL('../../schema/public.graphql', import.meta.url), 'utf8'));
      const random = new Random(SEED);
      const pools = await referencePools();
      const planned = probes(schema, pools, random);
      // Rendered as they are sent, in order (so the same requests every run): rendering all
      // first would block the event loop the hub shares for longer than its keep-alive timeout.
      const requestAt = (i: number) =>
        render(
          schema,
          planned[i % planned.length],
          i % 2 === 0 ? 'literal' : 'variables',
          Math.floor(i / 2) % 2 === 1,
          pools,
          random,
        );

      const offences: Offence[] = [];
      const outcomes = new Map<string, number>();
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            const fuzz = requestAt(next++);
            const { status, text } = await send(fuzz);
            const outcome = `${status} ${answerCode(text)}`;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            for (const problem of problems(status, text)) offences.push({ ...fuzz, status, ...problem });
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz: ${REQUESTS} requests (${planned.length} probes planned) in ${seconds.toFixed(1)} s; ` +
          `${offences.length} offences; answers by status and first error code:\n${[...outcomes]
            .sort(([, a], [, b]) => b - a)
            .map(([o, n]) => `  ${o}: ${n}`)
            .join('\n')}`,
      );
      if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(offences, null, 1));
      expect(report(offences)).toEqual([]);
    },
    30 * 60_000,
  );

  it('left an audit entry for every record the fuzzed writes (and the pools) changed', async () => {
    expect(await hub.unaudited()).toEqual([]);
  });
});

/** A refusal as the client must see it: 4xx, JSON, every error coded and none internal. */
async function expectCodedClientError(response: { status: number; text: string }): Promise<void> {
  const { status, text } = response;
  const answer = { status: status >= 400 && status < 500 ? '4xx' : status, problems: problems(status, text) };
  expect(answer).toEqual({ status: '4xx', problems: [] });
  expect(JSON.parse(text).errors?.length).toBeGreaterThan(0);
}

async function post(body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

describe('malformed HTTP requests', () => {
  it('refuses a GET whose variables are not JSON', async () => {
    const query = encodeURIComponent('query($a: ID!) { municipality(ags: $a) { name } }');
    for (const variables of ['{"a":', 'nope', '{a:1}']) {
      const response = await fetch(`${url}?query=${query}&variables=${encodeURIComponent(variables)}`, {
        headers: { 'x-graphql-csrf': '1' },
      });
      await expectCodedClientError({ status: response.status, text: await response.text() });
    }
  });

  it('refuses a POST whose body is not JSON', async () => {
    for (const body of ['{"query":', '{query: "{ __typename }"}', 'NaN', '\u0000'])
      await expectCodedClientError(await post(body));
  });

  it.each([
    ['a JSON array', '[{"query":"{ __typename }"}]'],
    ['a JSON number', '42'],
    ['a JSON string', '"{ __typename }"'],
    ['JSON null', 'null'],
  ])('refuses a POST body that is %s', async (_what, body) => {
    await expectCodedClientError(await post(body));
  });

  it.each([
    ['a number', 42],
    ['an object', { kind: 'Document' }],
    ['a list', ['{ __typename }']],
    ['a boolean', true],
  ])('refuses a query that is %s', async (_what, query) => {
    await expectCodedClientError(await post(JSON.stringify({ query })));
  });

  it.each([
    ['a list', [1]],
    ['a string', '{"a":1}'],
    ['a number', 1],
  ])('refuses variables that are %s', async (_what, variables) => {
    await expectCodedClientError(
      await post(JSON.stringify({ query: 'query($a: ID!) { municipality(ags: $a) { name } }', variables })),
    );
  });

  it('refuses an operationName that names no operation', async () => {
    await expectCodedClientError(
      await post(JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'C' })),
    );
    await expectCodedClientError(await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })));
    await expectCodedClientError(await post(JSON.stringify({ query: 'query A { __typename }', operationName: 42 })));
  });

  it('refuses an empty body', async () => {
    await expectCodedClientError(await post(''));
    // Content-Length: 0 sent explicitly, as curl -d '' does.
    const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '0' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    await expectCodedClientError(response);
  });
});
