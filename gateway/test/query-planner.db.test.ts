import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, isNonNullType } from 'graphql';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { createGateway, queryPlanner } from '../src/gateway.js';
import { sharedHub, type SharedHub } from './shared-hub.js';
import { Random } from './fuzz/random.js';
import { selection } from './fuzz/selection.js';

// QUERY_PLANNER switches between the stitching runtime's JavaScript planner and Hive
// Router's Rust planner. Both gateways here run over the same subgraphs with the same
// plugins and are asked the same generated documents (every root query field without
// required arguments, random selections three levels deep, anonymous and signed in):
// the answers must be equal, data and errors alike.

const DOCUMENTS = 120;

let hub: SharedHub;
let javascript: GatewayRuntime;
let rust: GatewayRuntime;
let coordinator: string;

beforeAll(async () => {
  // Both gateways read the subgraphs of the run's shared hub: the documents only read.
  hub = await sharedHub();
  const subgraphUrls = Object.fromEntries(subgraphs.map(({ name }) => [name, `${hub.internalUrl}/${name}/graphql`]));
  const gateway = async (planner: 'javascript' | 'rust') => {
    const config = parseConfig(gatewayEnv, { LOG_LEVEL: 'silent', QUERY_PLANNER: planner });
    return createGateway({
      supergraph: readSupergraph(),
      subgraphUrls,
      config,
      gatewaySecret: hub.gatewaySecret,
      trustedDocuments: new Map(),
      planner: await queryPlanner(config),
    });
  };
  javascript = await gateway('javascript');
  rust = await gateway('rust');
  coordinator = await devToken({ sub: 'planner-test', role: 'coordinator', ags: [] });
}, 120_000);

afterAll(async () => {
  await javascript?.dispose();
  await rust?.dispose();
  await hub?.close();
});

async function ask(
  gateway: GatewayRuntime,
  query: string,
  token?: string,
  request: { variables?: Record<string, unknown>; operationName?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, ...request }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

/** Documents over every root query field that needs no argument, with seeded random selections. */
function documents(): string[] {
  const schema = buildSchema(readFileSync(new URL('../../schema/public.graphql', import.meta.url), 'utf8'));
  const random = new Random(20_261_203);
  const fields = Object.values(schema.getQueryType()!.getFields()).filter(
    (f) => !f.args.some((a) => isNonNullType(a.type)) && !f.name.endsWith('AuditTrail'),
  );
  return Array.from({ length: DOCUMENTS }, () => {
    const picked = random.shuffle(fields).slice(0, 1 + random.int(3));
    const parts = picked.map((f) => `${f.name} ${selection(schema, f.type, random, 1, 3)}`);
    return `{ ${parts.join(' ')} }`;
  });
}

describe('the Rust query planner (QUERY_PLANNER=rust)', () => {
  it('is loaded only when chosen', async () => {
    expect(await queryPlanner({ QUERY_PLANNER: 'javascript' })).toBeUndefined();
    expect(typeof (await queryPlanner({ QUERY_PLANNER: 'rust' }))).toBe('function');
  });

  it('answers every generated document as the JavaScript planner does, anonymous and signed in', async () => {
    let withData = 0;
    for (const query of documents()) {
      for (const token of [undefined, coordinator]) {
        const [expected, actual] = [await ask(javascript, query, token), await ask(rust, query, token)];
        expect({ query, signedIn: Boolean(token), ...actual }).toEqual({
          query,
          signedIn: Boolean(token),
          ...expected,
        });
        if (expected.body.data) withData++;
      }
    }
    // The documents reach the data, not only validation errors.
    expect(withData).toBeGreaterThan(DOCUMENTS);
  });

  it('gives the same error for bad input and for a private field read anonymously', async () => {
    for (const query of [
      '{ municipality(ags: "123") { name } }',
      '{ practices(first: 2) { edges { node { title contacts { name email } } } } }',
      '{ accounts { id } }',
    ]) {
      expect(await ask(rust, query)).toEqual(await ask(javascript, query));
    }
  });

  it('answers introspection and a root __typename beside data as the JavaScript planner does, in its key order', async () => {
    const cases: [string, { variables?: Record<string, unknown>; operationName?: string }?][] = [
      ['{ __type(name: "Municipality") { name } municipality(ags: "05970040") { name } }'],
      ['{ municipality(ags: "05970040") { name __typename } __typename __schema { queryType { name } } }'],
      [
        'query Q { ...F } fragment F on Query { m: municipality(ags: "05970040") { name } __type(name: "Event") { kind } }',
      ],
      ['{ ... on Query { __typename __schema { mutationType { name } } } }'],
      ['{ __type(name: "Municipality") { name } municipality(ags: "nope") { name } }'],
      ['{ __typename ... on Query { municipality(ags: "05970040") { name } } }'],
      ['{ __type(name: "Event") { name } municipality(ags: "05970040") @skip(if: true) { name } }'],
      [
        'query($s: Boolean!) { __type(name: "Event") { name } municipality(ags: "05970040") @skip(if: $s) { name } }',
        { variables: { s: true } },
      ],
      [
        'query($s: Boolean!) { __type(name: "Event") { name } municipality(ags: "05970040") @skip(if: $s) { name } }',
        { variables: { s: false } },
      ],
      ['query($t: String!) { __type(name: $t) { name } municipality(ags: "05970040") { name } }', { variables: {} }],
      [
        'query B { __type(name: "Event") { name } } query A { municipality(ags: "05970040") { name } }',
        { operationName: 'A' },
      ],
      [
        'query B { __type(name: "Event") { name } } query A { municipality(ags: "05970040") { name } }',
        { operationName: 'B' },
      ],
      ['{ __schema { queryType { name } } }'],
    ];
    for (const [query, request] of cases) {
      const [expected, actual] = [
        await ask(javascript, query, undefined, request),
        await ask(rust, query, undefined, request),
      ];
      expect({ query, ...actual }).toEqual({ query, ...expected });
      // toEqual ignores key order; clients (and response caches) see it.
      expect({ query, keys: Object.keys(actual.body.data ?? {}) }).toEqual({
        query,
        keys: Object.keys(expected.body.data ?? {}),
      });
    }
    // The JavaScript planner's answers are the reference; they hold the data.
    expect((await ask(javascript, cases[0]![0])).body).toEqual({
      data: { __type: { name: 'Municipality' }, municipality: { name: 'Siegen' } },
    });
    expect((await ask(javascript, cases[5]![0])).body).toEqual({
      data: { __typename: 'Query', municipality: { name: 'Siegen' } },
    });
    expect((await ask(javascript, cases[10]![0], undefined, cases[10]![1])).body).toEqual({
      data: { municipality: { name: 'Siegen' } },
    });
  });
});
