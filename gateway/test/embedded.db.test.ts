import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, gatewayEnv } from '@welcome-hub/kit';
import { devToken, graphqlClient, openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { startEmbedded, type EmbeddedHub } from '../src/embedded.js';
import { expectEveryWriteAudited, watchAuditing } from '../src/testing/index.js';
import { testPlannerEnv } from '../src/testing/planner.js';

// Embedded mode end to end: gateway → HTTP → subgraph → PGlite persisted in a temp
// folder (or, with DATABASE_URL, a database of its own on the PostgreSQL server).
let dataDir: string;
let serverDb: TestDatabase | null = null;
let hub: EmbeddedHub;
const lines: string[] = [];

async function start(): Promise<EmbeddedHub> {
  const config = parseConfig(gatewayEnv, {
    ...testPlannerEnv(),
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CORS_ORIGINS: 'https://www.siegen.de',
  });
  return startEmbedded({ config, database: serverDb?.database, log: (line) => lines.push(line) });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-embedded-'));
  if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
  hub = await start();
  await watchAuditing(hub); // from here on every write is logged, for the check at the end
});
afterAll(async () => {
  try {
    if (hub) await expectEveryWriteAudited(hub);
  } finally {
    await hub?.close();
    await serverDb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const gql = () => graphqlClient(`${hub.url}/graphql`);

describe('embedded mode through the gateway', () => {
  it('seeds an empty database on first start', () => {
    expect(lines.join('\n')).toMatch(/municipality\s+112 inserted/);
  });

  it('answers the walking-skeleton queries', async () => {
    const { data, errors } = await gql()(`{
      swf: municipalities(filter: { region: SUEDWESTFALEN }) { totalCount }
      ruhr: municipalities(filter: { region: RUHR }) { totalCount }
      municipality(ags: "05970040") { name population district { name } }
      cooperation(slug: "integration-interkommunal") { members { municipality { ags } since } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.swf.totalCount).toBe(59);
    expect(data!.ruhr.totalCount).toBe(53);
    expect(data!.municipality).toEqual({
      name: 'Siegen',
      population: 102685,
      district: { name: 'Kreis Siegen-Wittgenstein' },
    });
    expect(data!.cooperation.members).toHaveLength(10);
  });

  it('passes subgraph errors through with their codes', async () => {
    const { errors } = await gql()(`{ municipality(ags: "123") { name } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ags' }] });
    const anonymous = await gql()(
      `mutation { withdrawParticipation(input: { id: "00000000-0000-4000-8000-000000000000" }) { active } }`,
    );
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects bad tokens at the gateway with 401', async () => {
    const expired = await devToken({ sub: 'x', role: 'coordinator', expiresIn: -10 });
    for (const authorization of [`Bearer ${expired}`, 'Bearer garbage', 'Token abc']) {
      const result = await gql()('{ cooperations { slug } }', { authorization });
      expect(result.status).toBe(401);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('forwards a valid token so an editor can write and a foreign editor cannot', async () => {
    const mutation = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id contact { email } } }`;
    const variables = {
      input: {
        ags: '05974008',
        cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
        declaredOn: '2024-02-01',
        contact: { name: 'Clara Test', role: 'Bürgerbüro', email: 'clara.test@example.org' },
      },
    };
    const foreign = await gql()(mutation, {
      token: await devToken({ sub: 'e', role: 'editor', ags: ['05970040'] }),
      variables,
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await gql()(mutation, {
      token: await devToken({ sub: 'e', role: 'editor', ags: ['05974008'] }),
      variables,
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.declareParticipation.contact.email).toBe('clara.test@example.org');
  });

  it('serves health, readiness and an offline GraphiQL', async () => {
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', subgraphs: { municipalities: true } });
    const page = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Welcome Hub GraphiQL');
    // Everything GraphiQL needs is inline: no script or stylesheet from a CDN.
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:[^>]+stylesheet/i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr/);
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${hub.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    expect((await preflight('https://www.siegen.de')).headers.get('access-control-allow-origin')).toBe(
      'https://www.siegen.de',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});

describe('restarting the embedded mode', () => {
  it('keeps declared participations and does not duplicate the seed', async () => {
    await hub.close();
    lines.length = 0;
    hub = await start();
    expect(lines.join('\n')).not.toMatch(/inserted/);
    const { data } = await gql()(
      `{ municipality(ags: "05974008") { participations { declaredOn } } all: municipalities { totalCount } cooperations { memberCount } }`,
    );
    expect(data!.municipality.participations).toEqual([{ declaredOn: '2024-02-01' }]);
    expect(data!.all.totalCount).toBe(112);
    expect(data!.cooperations.map((c: { memberCount: number }) => c.memberCount).sort()).toEqual([10, 59]);
  });
  it('answers search after a restart without a gap: the index is rebuilt before requests, changes included', async () => {
    const coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
    const id = (await gql()(`{ practice(slug: "welcome-ruhr") { id } }`)).data!.practice.id;
    const renamed = await gql()(`mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { title } }`, {
      token: coordinator,
      variables: { input: { id, title: 'welcome.ruhr Neustartprobe' } },
    });
    expect(renamed.errors).toBeUndefined();
    await hub.close();
    hub = await start();
    const { data, errors } = await gql()(`{ search(query: "Neustartprobe") { edges { node { title } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.search.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      'welcome.ruhr Neustartprobe',
    ]);
  });
});
