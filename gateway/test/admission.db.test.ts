import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from './hub.js';

// Expensive operations wait for one of few slots, and past a short queue they are turned
// away; an answer that grows past the response cap is cut off with its own code.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({
    env: {
      RATE_LIMIT_POINTS: '100000',
      LIMIT_HEAVY_COST: '100',
      LIMIT_HEAVY_CONCURRENCY: '1',
      LIMIT_HEAVY_QUEUE: '1',
      LIMIT_RESPONSE_BYTES: '30000',
    },
  });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const HEAVY = '{ districts { name municipalities { ags name } } }'; // estimated 420
// Six different heavy operations (identical ones executing at once run once: shared-executions.ts).
const heavyOnes = Array.from(
  { length: 6 },
  (_, i) => `{ districts { name municipalities { ags name } } n${i}: __typename }`,
);

describe('admission control', () => {
  it('runs one heavy operation, queues one and turns the rest away with SERVER_BUSY', async () => {
    const results = await Promise.all(heavyOnes.map((query) => hub.gql(query)));
    const busy = results.filter((r) => r.errors?.[0]?.extensions?.code === 'SERVER_BUSY');
    const answered = results.filter((r) => !r.errors && r.data?.districts?.length > 0);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy.length + answered.length).toBe(6);
    expect(busy[0].status).toBe(503);
  });

  it('lets identical heavy operations asked at once share one execution instead of queueing', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => hub.gql(HEAVY)));
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(results.every((r) => r.data?.districts?.length > 0)).toBe(true);
  });

  it('never queues cheap operations, and frees its slots for the next heavy one', async () => {
    const [cheap, heavy] = await Promise.all([hub.gql('{ municipality(ags: "05970040") { name } }'), hub.gql(HEAVY)]);
    expect(cheap.data).toEqual({ municipality: { name: 'Siegen' } });
    expect(heavy.errors).toBeUndefined();
  });
});

describe('response size cap', () => {
  it('cuts off an answer past LIMIT_RESPONSE_BYTES with RESPONSE_TOO_LARGE', async () => {
    const result = await hub.gql('{ municipalities(first: 200) { edges { node { ags name attribution { text } } } } }');
    const error = result.errors?.find((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE');
    expect(error?.extensions?.limit).toMatchObject({ allowed: 30000 });
    expect((error!.extensions!.limit as { measured: number }).measured).toBeGreaterThan(30000);
  });

  it('lets answers under the cap through', async () => {
    const result = await hub.gql('{ municipalities(first: 20) { edges { node { ags name } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.municipalities.edges).toHaveLength(20);
  });
});
