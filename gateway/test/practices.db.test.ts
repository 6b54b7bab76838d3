import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import {
  devToken,
  graphqlClient,
  openTestDatabase,
  statementCounter,
  type TestDatabase,
} from '@welcome-hub/kit/testing';
import { startEmbedded, type EmbeddedHub } from '../src/embedded.js';
import { expectEveryWriteAudited, watchAuditing } from '../src/testing/index.js';
import { testPlannerEnv } from '../src/testing/planner.js';

// Practices through the gateway: entities of two subgraphs joined by federation.
let db: TestDatabase;
let hub: EmbeddedHub;
const statements = statementCounter();

beforeAll(async () => {
  db = await openTestDatabase();
  const config = parseConfig(gatewayEnv, {
    ...testPlannerEnv(),
    PORT: '0',
    LOG_LEVEL: 'silent',
    RESPONSE_CACHE_TTL_SECONDS: '0',
  });
  hub = await startEmbedded({ config, database: db.database, log: () => undefined, onQuery: statements.onQuery });
  await watchAuditing(hub); // from here on every write is logged, for the check at the end
  // The search relays poll the outboxes in the background; their statements are not the request's.
  for (const relay of hub.relays) await relay.stop();
});
afterAll(async () => {
  try {
    if (hub) await expectEveryWriteAudited(hub);
  } finally {
    await hub?.close();
    await db?.close();
  }
});

const gql = () => graphqlClient(`${hub.url}/graphql`);

describe('practices through the gateway', () => {
  it('answers a practice with its municipality from the other subgraph', async () => {
    const { data, errors } = await gql()(
      `{ practice(slug: "willkommen-in-siegen") { title municipality { name district { name } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.practice).toEqual({
      title: 'Willkommen in Siegen',
      municipality: { name: 'Siegen', district: { name: 'Kreis Siegen-Wittgenstein' } },
    });
  });

  it("lists Dortmund's practices on the municipality and the Ruhr cooperation's on the cooperation", async () => {
    const { data, errors } = await gql()(`{
      municipality(ags: "05913000") { practices { totalCount edges { node { slug } } } }
      cooperation(slug: "integration-interkommunal") { practices { totalCount edges { node { slug cooperation { name } } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.municipality.practices.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain(
      'lokal-willkommen-dortmund',
    );
    expect(data!.cooperation.practices.totalCount).toBe(2);
    expect(data!.cooperation.practices.edges[0].node.cooperation.name).toBe(
      'Städtekooperation Integration.Interkommunal',
    );
  });

  it('finds practices in Kreis Olpe for families, and Bad Sassendorf in Kreis Soest for newcomers', async () => {
    const { data } = await gql()(`{
      olpe: practices(filter: { district: "05966", targetGroup: FAMILIES }) { totalCount }
      soest: practices(filter: { district: "05974", targetGroup: NEWCOMERS }) { edges { node { slug municipality { name } } } }
    }`);
    expect(data!.olpe.totalCount).toBe(0);
    expect(data!.soest.edges).toEqual([
      { node: { slug: 'neubuerger-empfaenge-ungewoehnliche-orte', municipality: { name: 'Bad Sassendorf' } } },
    ]);
  });

  it('lets an editor of Olpe adapt the receptions: lineage, reuse count, FORBIDDEN for others, no e-mail for anonymous', async () => {
    const source = (await gql()(`{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { id } }`)).data!
      .practice;
    const olpe = await devToken({ sub: 'editor-olpe', role: 'editor', ags: ['05966024'] });
    const adapted = await gql()(
      `mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { id municipality { name } lineage { slug municipality { name } } } }`,
      {
        token: olpe,
        variables: { input: { sourceId: source.id, ags: '05966024', changes: 'Empfang auf dem Biggesee.' } },
      },
    );
    expect(adapted.errors).toBeUndefined();
    expect(adapted.data!.adaptPractice.municipality.name).toBe('Olpe');
    expect(adapted.data!.adaptPractice.lineage).toEqual([
      { slug: 'neubuerger-empfaenge-ungewoehnliche-orte', municipality: { name: 'Bad Sassendorf' } },
    ]);
    expect(
      (await gql()(`{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { reuseCount } }`)).data!.practice
        .reuseCount,
    ).toBe(1);

    const update = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { title } }`;
    const withContact = {
      id: adapted.data!.adaptPractice.id,
      draft: false,
      contacts: [{ name: 'Fritz Test', role: 'Bürgerbüro', email: 'fritz@example.org' }],
    };
    const foreign = await gql()(update, {
      token: await devToken({ sub: 'e', role: 'editor', ags: ['05913000'] }),
      variables: { input: withContact },
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql()(update, { token: olpe, variables: { input: withContact } })).errors).toBeUndefined();

    const read = `{ municipality(ags: "05966024") { adaptedPractices { contacts { email } adaptedFrom { slug } } } }`;
    const anonymous = await gql()(read);
    expect(anonymous.data!.municipality.adaptedPractices).toEqual([
      { contacts: null, adaptedFrom: { slug: 'neubuerger-empfaenge-ungewoehnliche-orte' } },
    ]);
    expect(JSON.stringify(anonymous.data)).not.toContain('fritz@example.org');
    expect(JSON.stringify((await gql()(read, { token: olpe })).data)).toContain('fritz@example.org');
  });

  it('lists all 112 municipalities with their practices in a fixed number of SQL statements', async () => {
    const listing = (first: number) =>
      `{ municipalities(first: ${first}) { edges { node { name district { name } practices { totalCount edges { node { slug reuseCount } } } } } } }`;
    statements.reset();
    // The first 40 in AGS order include Dortmund, so both listings resolve practices and reuse counts.
    expect((await gql()(listing(40))).errors).toBeUndefined();
    const few = statements.count;
    statements.reset();
    const all = await gql()(listing(200));
    expect(all.errors).toBeUndefined();
    expect(all.data!.municipalities.edges).toHaveLength(112);
    expect(statements.count).toBe(few);
  });
});
