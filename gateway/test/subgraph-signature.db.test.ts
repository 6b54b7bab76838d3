import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listen, router, type RunningServer } from '@welcome-hub/kit';
import { columnLengthMismatches, devToken } from '@welcome-hub/kit/testing';
import { startTestHub, type TestHub } from './hub.js';

// The embedded hub's subgraphs answer the gateway only: it signs every subgraph request
// with the secret drawn at start; anyone else reaching a subgraph's port gets 403.
let test: TestHub;
let direct: RunningServer;

beforeAll(async () => {
  test = await startTestHub();
  // The subgraphs' own handlers, as the hub's loopback port serves them.
  direct = await listen(
    router(Object.fromEntries(test.hub.runtimes.map((r) => [`/${r.name}/graphql`, r.handle]))),
    '127.0.0.1',
    0,
  );
});
afterAll(async () => {
  await direct?.close();
  await test?.close();
});

async function callSubgraph(name: string, query: string) {
  const response = await fetch(`${direct.url}/${name}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] },
  };
}

describe('subgraphs behind the gateway', () => {
  it('answers through the gateway, entity references included', async () => {
    const { data, errors } = await test.gql(
      `{ practice(slug: "willkommen-in-siegen") { title municipality { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.practice.municipality).toEqual({ name: 'Siegen' });
  });

  it('refuses _service, _entities and introspection sent to a subgraph directly', async () => {
    const calls = [
      ['municipalities', `{ _service { sdl } }`],
      [
        'municipalities',
        `{ _entities(representations: [{ __typename: "Municipality", ags: "05970040" }]) { ... on Municipality { name } } }`,
      ],
      ['events', `{ __schema { types { name } } }`],
    ] as const;
    for (const [name, query] of calls) {
      const { status, body } = await callSubgraph(name, query);
      expect(status).toBe(403);
      expect(body.errors?.[0].extensions?.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
    }
  });

  it('names a too-long text after the argument the client sent, through the gateway', async () => {
    const token = await devToken({ sub: 'editor-olpe', role: 'editor', ags: ['05966024'] });
    const input = {
      slug: 'x-long-series',
      title: 'Runder Tisch',
      kind: 'ROUND_TABLE',
      host: '05966024',
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      series: 's'.repeat(121),
    };
    const { errors } = await test.gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      token,
      variables: { input },
    });
    expect(errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.series', message: 'must have at most 120 characters' }],
    });
  });
});

describe('column lengths', () => {
  it("declares every subgraph's varchar lengths in the entity metadata the ORM checks", async () => {
    const mismatches = await Promise.all(test.hub.runtimes.map((r) => columnLengthMismatches(r.orm, r.name)));
    expect(mismatches.flat()).toEqual([]);
  });
});
