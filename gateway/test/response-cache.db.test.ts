import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { devToken, statementCounter } from '@welcome-hub/kit/testing';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { typesChangedByMutation, responseCachePlugins } from '../src/edge/response-cache.js';
import { createGateway } from '../src/gateway.js';
import { startTestHub, type TestHub } from './hub.js';

// The gateway's response cache: anonymous answers are kept and given again without a
// subgraph call (no SQL statement), signed-in callers always reach the subgraphs, and a
// mutation drops the answers holding a type its subgraph serves, before it answers.

const SECRET = 'response-cache-test-secret-of-at-least-32-chars';
const SIEGEN = '05970040';
const statements = statementCounter();
let hub: TestHub;
let coordinator: string;

beforeAll(async () => {
  hub = await startTestHub({
    env: { RESPONSE_CACHE_TTL_SECONDS: '60', GATEWAY_SECRET: SECRET },
    onQuery: statements.onQuery,
  });
  // The search relays poll the outboxes in the background: their statements are no request's.
  for (const relay of hub.hub.relays) await relay.stop();
  coordinator = await devToken({ sub: 'cache-test', role: 'coordinator', ags: [] });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/** The answer and the SQL statements the subgraphs ran for it. */
async function counted(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) {
  const before = statements.count;
  const answer = await hub.gql(query, options);
  return { answer: { data: answer.data, errors: answer.errors }, sql: statements.count - before };
}

/** A coordinator's write; returns once the gateway's second drop (3 s later) has run too. */
async function write(query: string, variables: Record<string, unknown>) {
  const result = await hub.gql(query, { token: coordinator, variables });
  expect(result.errors).toBeUndefined();
  await settled();
  return result.data!;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 3_200));

const PRACTICE = `{ practice(slug: "willkommen-in-siegen") { title contacts { name } municipality { name } } }`;

describe('the response cache', () => {
  it('answers a repeated anonymous query from the cache, without a subgraph call', async () => {
    const first = await counted(PRACTICE);
    expect(first.sql).toBeGreaterThan(0);
    const again = await counted(PRACTICE);
    expect(again).toEqual({ answer: first.answer, sql: 0 });
    // Other variables are another answer.
    const query = 'query($ags: ID!) { municipality(ags: $ags) { name } }';
    const siegen = await counted(query, { variables: { ags: SIEGEN } });
    const olpe = await counted(query, { variables: { ags: '05966024' } });
    expect([siegen.answer.data, olpe.answer.data]).toEqual([
      { municipality: { name: 'Siegen' } },
      { municipality: { name: 'Olpe' } },
    ]);
    expect(olpe.sql).toBeGreaterThan(0);
  });

  it('never serves a signed-in caller from it: private fields come from the subgraph every time', async () => {
    await counted(PRACTICE);
    const anonymous = await counted(PRACTICE);
    expect(anonymous.sql).toBe(0);
    expect(anonymous.answer.data?.practice.contacts).toBeNull();
    for (let i = 0; i < 2; i++) {
      const signedIn = await counted(PRACTICE, { token: coordinator });
      expect(signedIn.sql).toBeGreaterThan(0);
      expect(signedIn.answer.data?.practice.contacts).toEqual(expect.any(Array));
    }
  });

  it("drops an answer when a mutation changes its record, and keeps the other subgraphs' answers", async () => {
    const moduleQuery = `{ module(slug: "quick-check") { id title } }`;
    const moduleId = (await counted(moduleQuery)).answer.data?.module.id;
    const { id } = (await counted('{ practice(slug: "willkommen-in-siegen") { id } }')).answer.data!.practice;
    await counted(PRACTICE);
    // Through a fragment on Mutation: the drop finds the field all the same.
    await write(
      'mutation($input: UpdatePracticeInput!) { ...Change } fragment Change on Mutation { updatePractice(input: $input) { id } }',
      { input: { id, title: 'Willkommen in Siegen – neu' } },
    );
    const after = await counted(PRACTICE);
    expect(after.sql).toBeGreaterThan(0);
    expect(after.answer.data?.practice.title).toBe('Willkommen in Siegen – neu');
    // A write refused as a whole (bad input) drops nothing.
    await counted(PRACTICE);
    const refused = await hub.gql('mutation { updatePractice(input: { id: "no-such-id", title: "x" }) { id } }', {
      token: coordinator,
    });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await counted(PRACTICE)).sql).toBe(0);
    // The modules subgraph serves nothing a practice write changes: its answer stays cached.
    expect(await counted(moduleQuery)).toEqual({
      answer: { data: { module: expect.objectContaining({ id: moduleId }) }, errors: undefined },
      sql: 0,
    });
  });

  it('drops lists and figures a new record changes, answers without any record id included', async () => {
    const list = `{ municipality(ags: "${SIEGEN}") { practices { totalCount } } }`;
    const figures = '{ practiceStatistics { total } }';
    const before = { ...(await counted(list)).answer.data!, ...(await counted(figures)).answer.data! };
    expect([(await counted(list)).sql, (await counted(figures)).sql]).toEqual([0, 0]);
    await write('mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }', {
      input: {
        owner: { ags: SIEGEN },
        slug: 'cache-probe-siegen',
        title: 'Cache-Probe',
        summary: 'Eine neue Praxis, die zwischengespeicherte Listen ändern muss.',
        kind: 'OTHER',
        targetGroups: ['FAMILIES'],
        fieldsOfAction: ['NEW_HOME'],
      },
    });
    const after = { ...(await counted(list)).answer.data!, ...(await counted(figures)).answer.data! };
    expect(after).toEqual({
      municipality: { practices: { totalCount: before.municipality.practices.totalCount + 1 } },
      practiceStatistics: { total: before.practiceStatistics.total + 1 },
    });
  });

  it('knows which types each mutation may change, from the supergraph', () => {
    const changes = typesChangedByMutation(parse(readSupergraph()));
    expect(changes.get('updatePractice')).toEqual(
      expect.arrayContaining(['Practice', 'Municipality', 'PracticeStatistics']),
    );
    expect(changes.get('updatePractice')).not.toContain('Event');
    // A subgraph that only refers to municipalities by their key changes none of their answers.
    expect(changes.get('changePassword')).not.toContain('Municipality');
    // Nor do value types every subgraph declares alike.
    expect(changes.get('changePassword')).not.toContain('PageInfo');
    expect(changes.get('registerForEvent')).toEqual(expect.arrayContaining(['Event', 'Registration']));
    // Every mutation is covered.
    const mutation = parse(readSupergraph()).definitions.find(
      (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
    ) as ObjectTypeDefinitionNode;
    expect(mutation.fields?.length).toBeGreaterThan(20);
    for (const field of mutation.fields ?? [])
      expect([field.name.value, changes.get(field.name.value)?.length]).toEqual([field.name.value, expect.any(Number)]);
    expect(Math.min(...(mutation.fields ?? []).map((f) => changes.get(f.name.value)?.length ?? 0))).toBeGreaterThan(0);
  });
});

// Two gateway replicas sharing one Redis (CI sets REDIS_URL): what one caches the other
// serves, and a mutation through one drops it for both.
(process.env.REDIS_URL ? describe : describe.skip)('the response cache in Redis', () => {
  const redis: Redis[] = [];
  const replicas: GatewayRuntime[] = [];

  beforeAll(() => {
    const subgraphUrls = Object.fromEntries(
      subgraphs.map(({ name }) => [name, `${hub.hub.internalUrl}/${name}/graphql`]),
    );
    for (let i = 0; i < 3; i++) {
      const client = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
      redis.push(client);
      const config = parseConfig(gatewayEnv, { LOG_LEVEL: 'silent' });
      const cache = responseCachePlugins({
        ttlSeconds: 60,
        supergraph: readSupergraph(),
        // The third replica belongs to another deployment (another secret): it shares nothing.
        gatewaySecret: i < 2 ? SECRET : `${SECRET}-other`,
        redis: client,
        log: pino({ level: 'silent' }),
      });
      expect(cache.store).toBe('redis');
      replicas.push(
        createGateway({
          supergraph: readSupergraph(),
          subgraphUrls,
          config,
          gatewaySecret: SECRET,
          trustedDocuments: new Map(),
          responseCache: cache.plugins,
        }),
      );
    }
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.dispose();
    for (const client of redis) client.disconnect();
  });

  async function ask(replica: GatewayRuntime, query: string, token?: string) {
    const before = statements.count;
    const response = await replica.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { body: await response.json(), sql: statements.count - before };
  }

  it('is shared by the replicas and dropped for both by a mutation through either', async () => {
    const query = `{ event(slug: "forum-integration-2019") { id title } }`;
    const first = await ask(replicas[0], query);
    expect(first.sql).toBeGreaterThan(0);
    expect(await ask(replicas[1], query)).toEqual({ body: first.body, sql: 0 });
    expect((await ask(replicas[2], query)).sql).toBeGreaterThan(0);
    const { id } = (first.body as { data: { event: { id: string } } }).data.event;
    const update = `mutation { updateEvent(input: { id: "${id}", title: "Forum Integration 2019 (Redis)" }) { id } }`;
    expect((await ask(replicas[1], update, coordinator)).body).not.toHaveProperty('errors');
    await settled();
    const after = await ask(replicas[0], query);
    expect(after.sql).toBeGreaterThan(0);
    expect(after.body).toEqual({ data: { event: { id, title: 'Forum Integration 2019 (Redis)' } } });
  });
});
