import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devToken, graphqlClient, openTestDatabase, TEST_POOL_SIZE, type TestDatabase } from '@welcome-hub/kit/testing';
import { decodeJwt } from 'jose';
import { FormBrowser, hubLogin, relyingParty, signIn } from './oidc-browser.js';
import { freePort, runProcess, startAll, startProcess, type Started } from './processes.js';
import { testPlannerEnv } from '../src/testing/planner.js';
import { watchAuditingIn } from '../src/testing/index.js';

// The distributed mode as operators run it: the built entry points as separate
// processes, the gateway reaching the subgraph over real HTTP. PostgreSQL when
// DATABASE_URL is set (CI), else a PGlite per process in a temp folder. Needs `npm run build` first
// (npm test does that). Every process shares one GATEWAY_SECRET, drawn per run, as operators
// configure it: the gateway signs each subgraph request, the subgraphs refuse unsigned ones.
// Every process also gets the same PUBLIC_URL, the gateway's: the identity process issues
// tokens as PUBLIC_URL/oidc, and the others fetch its keys from there, through the gateway.
const GATEWAY_SECRET = randomBytes(32).toString('hex');
let publicUrl: string;
let serverDb: TestDatabase | null = null;
let audit: Awaited<ReturnType<typeof watchAuditingIn>> | null = null;
let dataDir: string;
let envFor: (subgraph: string) => NodeJS.ProcessEnv;
let municipalities: Started;
let practices: Started;
let modules: Started;
let events: Started;
let search: Started;
let identity: Started;
let gateway: Started;
/** The first coordinator, as the seed printed it. */
let coordinator: { email: string; password: string };

const READY = /subgraph on (http:\/\/\S+)\/graphql/;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-distributed-'));
  if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
  const gatewayPort = await freePort();
  publicUrl = `http://127.0.0.1:${gatewayPort}`;
  // One PostgreSQL database for all processes; without a server each process needs a PGlite of its own.
  envFor = (subgraph) => ({
    DATABASE_URL: serverDb?.url ?? '',
    DATABASE_POOL_SIZE: String(TEST_POOL_SIZE),
    DATA_DIR: join(dataDir, serverDb ? 'shared' : subgraph),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    GATEWAY_SECRET,
    PUBLIC_URL: publicUrl,
  });
  // One seed; without a server every process gets a copy of the seeded PGlite (a seed
  // loads every schema), so all of them hold the same records under the same ids.
  const seed = await runProcess('gateway/dist/bin/seed.js', [], envFor(serverDb ? 'shared' : 'seeded'));
  expect(seed.stderr).toBe('');
  expect(seed.code).toBe(0);
  if (!serverDb)
    for (const subgraph of ['municipalities', 'practices', 'modules', 'events', 'identity'])
      cpSync(join(dataDir, 'seeded'), join(dataDir, subgraph), { recursive: true });
  // With one PostgreSQL database for all processes, their writes are checked for audit
  // entries at the end, as every test hub's are (the seed's by the rows' last writes).
  if (serverDb) audit = await watchAuditingIn(serverDb.database);
  const printed = /first coordinator (\S+) created; its password, shown this once: (\S+)/.exec(seed.stdout);
  if (!printed) throw new Error(`The seed printed no coordinator password:\n${seed.stdout}`);
  coordinator = { email: printed[1], password: printed[2] };
  // Side by side: each process opens a database (or folder) of its own and loads its code.
  [municipalities, practices, modules, events, search, identity] = await startAll([
    ['subgraphs/municipalities/dist/index.js', envFor('municipalities')],
    ['subgraphs/practices/dist/index.js', envFor('practices')],
    ['subgraphs/modules/dist/index.js', envFor('modules')],
    ['subgraphs/events/dist/index.js', envFor('events')],
    // No Meilisearch can run here: the search process points at a closed port, as if it were down.
    [
      'subgraphs/search/dist/index.js',
      { ...envFor('search'), MEILI_URL: 'http://127.0.0.1:1', MEILI_MASTER_KEY: 'test-key-not-secret' },
    ],
    ['subgraphs/identity/dist/index.js', envFor('identity')],
  ]);
  gateway = await startProcess(
    'gateway/dist/bin/gateway.js',
    {
      ...envFor('gateway'),
      ...testPlannerEnv(),
      PORT: String(gatewayPort),
      SUBGRAPH_MUNICIPALITIES_URL: `${municipalities.match}/graphql`,
      SUBGRAPH_PRACTICES_URL: `${practices.match}/graphql`,
      SUBGRAPH_MODULES_URL: `${modules.match}/graphql`,
      SUBGRAPH_EVENTS_URL: `${events.match}/graphql`,
      SUBGRAPH_SEARCH_URL: `${search.match}/graphql`,
      SUBGRAPH_IDENTITY_URL: `${identity.match}/graphql`,
      // CI hands over the machine's Redis: the gateway then keeps its rate limits there.
      REDIS_URL: process.env.REDIS_URL ?? '',
    },
    /gateway ready: (http:\/\/\S+)\/graphql/,
  );
}, 300_000); // a seed and seven processes, on a busy machine too

afterAll(async () => {
  await gateway?.stop();
  await identity?.stop();
  await search?.stop();
  await events?.stop();
  await modules?.stop();
  await practices?.stop();
  await municipalities?.stop();
  // Every write these tests made through the processes left an audit entry (issue 12).
  try {
    await audit?.expectEveryWriteAudited();
  } finally {
    await audit?.close();
    await serverDb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('distributed mode', () => {
  it('keeps its rate limits in Redis when REDIS_URL is set, else in memory', () => {
    expect(gateway.output()).toMatch(process.env.REDIS_URL ? /rate limits: redis/ : /rate limits: memory/);
  });

  it('printed seed progress and reported a second run as unchanged', async () => {
    await municipalities.stop();
    const again = await runProcess('gateway/dist/bin/seed.js', [], envFor('municipalities'));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/municipality\s+0 inserted, 0 updated, 112 unchanged/);
    // The others hold data already: a seed never overwrites what was edited since.
    expect(again.stdout).toMatch(/practices: holds data already, not seeded/);
    expect(again.stdout).not.toMatch(/first coordinator/);
    // `npm run reindex` without MEILI_URL rebuilds an in-memory index from the same database as a check.
    const reindex = await runProcess('gateway/dist/bin/reindex.js', [], envFor('municipalities'));
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(/municipalities\s+\[█+\] 100% 112\/112/);
    expect(reindex.stdout).toMatch(/Reindex complete: \d+ records/);
    municipalities = await startProcess(
      'subgraphs/municipalities/dist/index.js',
      { ...envFor('municipalities'), PORT: new URL(municipalities.match).port },
      READY,
    );
  });

  it('serves federated queries through the gateway over HTTP', async () => {
    const { data, errors } = await graphqlClient(`${gateway.match}/graphql`)(`{
      municipalities(filter: { region: SUEDWESTFALEN }) { totalCount }
      municipality(ags: "05970040") { name district { name } practices { edges { node { slug } } } }
      practice(slug: "lokal-willkommen-dortmund") { municipality { name } }
      module(slug: "quick-check") { title kind }
      event(slug: "forum-integration-2019") { date host { name } }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      municipalities: { totalCount: 59 },
      municipality: {
        name: 'Siegen',
        district: { name: 'Kreis Siegen-Wittgenstein' },
        practices: { edges: [{ node: { slug: 'willkommen-in-siegen' } }] },
      },
      practice: { municipality: { name: 'Dortmund' } },
      module: { title: 'Quick-Check Willkommenskultur', kind: 'ANALYSIS_TOOL' },
      event: { date: '2019-02-04', host: { name: 'Dortmund' } },
    });
  });

  it('answers SEARCH_UNAVAILABLE from the search process while Meilisearch is down, and everything else still', async () => {
    const gql = graphqlClient(`${gateway.match}/graphql`);
    const { data, errors } = await gql(`{ search(query: "Neubürgerempfang") { totalCount } }`);
    expect(errors?.[0].extensions?.code).toBe('SEARCH_UNAVAILABLE');
    expect(data).toEqual({ search: null });
    const other = await gql(`{ municipality(ags: "05970040") { name } }`);
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual({ municipality: { name: 'Siegen' } });
    expect((await fetch(`${search.match}/readyz`)).status).toBe(200);
  });

  it('forwards the calendar feeds from the gateway to the events process', async () => {
    const response = await fetch(`${gateway.match}/calendar/municipalities/05913000.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    expect(await response.text()).toContain('DTSTART;VALUE=DATE:20190204');
  });

  it("serves the own provider's discovery through the gateway, naming the issuer and endpoints on the public origin", async () => {
    expect(gateway.match).toBe(publicUrl);
    const response = await fetch(`${gateway.match}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(`${publicUrl}/oidc`);
    // Built from the X-Forwarded-* of the gateway's proxy, not from the identity process's own address.
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint']) {
      expect({ endpoint, url: metadata[endpoint] }).toEqual({
        endpoint,
        url: expect.stringMatching(new RegExp(`^${publicUrl}/oidc/`)),
      });
    }
  });

  it("signs in through the gateway's proxy (code + PKCE, login form), then writes through the gateway with the access token", async () => {
    const config = await relyingParty(`${publicUrl}/oidc`);
    const tokens = await signIn(new FormBrowser(), config, `${publicUrl}/auth/callback`, hubLogin(coordinator));
    expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: `${publicUrl}/oidc`, role: 'coordinator' });
    // The gateway and the events process each verify it with the keys they fetch from PUBLIC_URL/oidc.
    const created = await graphqlClient(`${gateway.match}/graphql`)(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { slug host { ags } } }`,
      {
        token: tokens.access_token,
        variables: {
          input: {
            slug: 'neubuergerempfang-verteilt-2027',
            host: '05974004',
            title: 'Neubürgerempfang 2027',
            kind: 'NEWCOMER_RECEPTION',
            startsAt: '2027-03-01T17:00:00Z',
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createEvent).toEqual({ slug: 'neubuergerempfang-verteilt-2027', host: { ags: '05974004' } });
  });

  it('forwards the token; the subgraph enforces the editor scope', async () => {
    const query = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { municipality { name } } }`;
    const input = {
      ags: '05966024',
      cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
      declaredOn: '2024-01-15',
      contact: { name: 'Dora Test', role: 'Stabsstelle', email: 'dora@example.org' },
    };
    const gql = graphqlClient(`${gateway.match}/graphql`);
    const own = await gql(query, {
      token: await devToken({ sub: 'olpe', role: 'editor', ags: ['05966024'] }),
      variables: { input },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.declareParticipation.municipality.name).toBe('Olpe');
  });

  it('has a subgraph that refuses forged tokens sent around the gateway', async () => {
    const forged = 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiY29vcmRpbmF0b3IifQ.';
    // Unsigned, the request stops at the signature check.
    const response = await fetch(`${practices.match}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: forged },
      body: JSON.stringify({ query: '{ cooperations { slug } }' }),
    });
    expect(response.status).toBe(403);
    // Signed with the shared secret (as if the gateway itself were fooled), the subgraph still checks the token.
    const signed = await graphqlClient(`${practices.match}/graphql`, { gatewaySecret: GATEWAY_SECRET })(
      '{ cooperations { slug } }',
      { authorization: forged },
    );
    expect(signed.status).toBe(401);
  });

  it('has subgraphs that answer only requests signed by the gateway, which serves the same data', async () => {
    const direct = async (url: string, query: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
      };
    };
    const introspection = `{ __schema { queryType { name } } __type(name: "Municipality") { name } }`;
    const data = `{ municipality(ags: "05970040") { name } }`;
    for (const query of ['{ _service { sdl } }', introspection, data]) {
      const { status, body } = await direct(municipalities.match, query);
      expect({ query, status, code: body.errors?.[0]?.extensions?.code, data: body.data }).toEqual({
        query,
        status: 403,
        code: 'GATEWAY_SIGNATURE_REQUIRED',
        data: undefined,
      });
    }
    // Another subgraph process, a GET this time: refused the same way.
    const get = await fetch(`${events.match}/graphql?query=${encodeURIComponent('{ _service { sdl } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(403);
    expect(
      ((await get.json()) as { errors?: { extensions?: Record<string, unknown> }[] }).errors?.[0]?.extensions?.code,
    ).toBe('GATEWAY_SIGNATURE_REQUIRED');
    // Signed with the shared secret, the same process answers: the 403 was the signature, nothing else.
    const signed = await graphqlClient(`${municipalities.match}/graphql`, { gatewaySecret: GATEWAY_SECRET })(
      '{ _service { sdl } }',
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data!._service.sdl).toContain('type Municipality');
    // Through the gateway (which signs every subgraph call) the data and the introspection work.
    const gql = graphqlClient(`${gateway.match}/graphql`);
    const viaGateway = await gql(`${introspection.slice(0, -1)} municipality(ags: "05970040") { name } }`);
    expect(viaGateway.errors).toBeUndefined();
    expect(viaGateway.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
      __type: { name: 'Municipality' },
      municipality: { name: 'Siegen' },
    });
  });

  it('is ready while every subgraph is; with one stopped, /readyz answers 503 naming it and queries answer the rest', async () => {
    const all = { municipalities: true, practices: true, modules: true, events: true, search: true, identity: true };
    const ready = await fetch(`${gateway.match}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', subgraphs: all },
    });
    const port = new URL(practices.match).port;
    expect(await practices.stop()).toBe(0);
    try {
      const down = await fetch(`${gateway.match}/readyz`);
      expect({ status: down.status, body: await down.json() }).toEqual({
        status: 503,
        body: { status: 'unavailable', unavailable: ['practices'], subgraphs: { ...all, practices: false } },
      });
      const { status, data, errors } = await graphqlClient(`${gateway.match}/graphql`)(
        `{ municipality(ags: "05970040") { name } practices { totalCount } }`,
      );
      expect(status).toBe(200);
      expect(data).toEqual({ municipality: { name: 'Siegen' }, practices: null });
      expect(errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
        { path: ['practices'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'practices' } },
      ]);
    } finally {
      practices = await startProcess(
        'subgraphs/practices/dist/index.js',
        { ...envFor('practices'), PORT: port },
        READY,
      );
    }
    expect((await fetch(`${gateway.match}/readyz`)).status).toBe(200);
  });

  it('reports readiness on both processes and stops cleanly on SIGTERM', async () => {
    expect((await fetch(`${municipalities.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${practices.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${modules.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${events.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${identity.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${gateway.match}/healthz`)).status).toBe(200);
    expect(await gateway.stop()).toBe(0);
    expect(await identity.stop()).toBe(0);
    expect(await events.stop()).toBe(0);
    expect(await modules.stop()).toBe(0);
    expect(await practices.stop()).toBe(0);
    expect(await municipalities.stop()).toBe(0);
  });
});
