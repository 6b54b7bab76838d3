import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devToken, graphqlClient, openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { runProcess, startProcess, type Started } from './processes.js';

// The distributed mode as operators run it: the built entry points as separate
// processes, the gateway reaching the subgraph over real HTTP. PostgreSQL when
// DATABASE_URL is set (CI), else a PGlite per process in a temp folder. Needs `npm run build` first
// (npm test does that).
let serverDb: TestDatabase | null = null;
let dataDir: string;
let envFor: (subgraph: string) => NodeJS.ProcessEnv;
let municipalities: Started;
let practices: Started;
let modules: Started;
let events: Started;
let search: Started;
let gateway: Started;

const READY = /subgraph on (http:\/\/\S+)\/graphql/;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-distributed-'));
  if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
  // One PostgreSQL database for all processes; without a server each process needs a PGlite of its own.
  envFor = (subgraph) => ({ DATABASE_URL: serverDb?.url ?? '', DATA_DIR: join(dataDir, serverDb ? 'shared' : subgraph), LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' });
  for (const subgraph of serverDb ? ['shared'] : ['municipalities', 'practices', 'modules', 'events']) {
    const seed = await runProcess('gateway/dist/bin/seed.js', [], envFor(subgraph));
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
  }
  municipalities = await startProcess('subgraphs/municipalities/dist/index.js', envFor('municipalities'), READY);
  practices = await startProcess('subgraphs/practices/dist/index.js', envFor('practices'), READY);
  modules = await startProcess('subgraphs/modules/dist/index.js', envFor('modules'), READY);
  events = await startProcess('subgraphs/events/dist/index.js', envFor('events'), READY);
  // No Meilisearch can run here: the search process points at a closed port, as if it were down.
  search = await startProcess('subgraphs/search/dist/index.js', { ...envFor('search'), MEILI_URL: 'http://127.0.0.1:1', MEILI_MASTER_KEY: 'test-key-not-secret' }, READY);
  gateway = await startProcess(
    'gateway/dist/bin/gateway.js',
    {
      ...envFor('gateway'),
      SUBGRAPH_MUNICIPALITIES_URL: `${municipalities.match}/graphql`, SUBGRAPH_PRACTICES_URL: `${practices.match}/graphql`, SUBGRAPH_MODULES_URL: `${modules.match}/graphql`,
      SUBGRAPH_EVENTS_URL: `${events.match}/graphql`, SUBGRAPH_SEARCH_URL: `${search.match}/graphql`,
    },
    /gateway ready: (http:\/\/\S+)\/graphql/,
  );
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await search?.stop();
  await events?.stop();
  await modules?.stop();
  await practices?.stop();
  await municipalities?.stop();
  await serverDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('distributed mode', () => {
  it('printed seed progress and reported a second run as unchanged', async () => {
    await municipalities.stop();
    const again = await runProcess('gateway/dist/bin/seed.js', [], envFor('municipalities'));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/municipality\s+0 inserted, 0 updated, 112 unchanged/);
    expect(again.stdout).toMatch(/practice\s+0 inserted, 0 updated, 5 unchanged/);
    // `npm run reindex` without MEILI_URL rebuilds an in-memory index from the same database as a check.
    const reindex = await runProcess('gateway/dist/bin/reindex.js', [], envFor('municipalities'));
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(/municipalities\s+\[█+\] 100% 112\/112/);
    expect(reindex.stdout).toMatch(/Reindex complete: \d+ records/);
    municipalities = await startProcess('subgraphs/municipalities/dist/index.js', { ...envFor('municipalities'), PORT: new URL(municipalities.match).port }, READY);
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
      municipality: { name: 'Siegen', district: { name: 'Kreis Siegen-Wittgenstein' }, practices: { edges: [{ node: { slug: 'willkommen-in-siegen' } }] } },
      practice: { municipality: { name: 'Dortmund' } },
      module: { title: 'Quick-Check Willkommenskultur', kind: 'ANALYSIS_TOOL' },
      event: { date: '2019-02-04', host: { name: 'Dortmund' } },
    });
  });

  it('answers SEARCH_UNAVAILABLE from the search process while Meilisearch is down, and everything else still', async () => {
    const gql = graphqlClient(`${gateway.match}/graphql`);
    const { data, errors } = await gql(`{ search(query: "Neubürgerempfang") { totalCount } }`);
    expect(errors?.[0].extensions?.code).toBe('SEARCH_UNAVAILABLE');
    expect(data).toBeNull();
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

  it('forwards the token; the subgraph enforces the editor scope', async () => {
    const query = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { municipality { name } } }`;
    const input = { ags: '05966024', cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen', declaredOn: '2024-01-15', contact: { name: 'Dora Test', role: 'Stabsstelle', email: 'dora@example.org' } };
    const gql = graphqlClient(`${gateway.match}/graphql`);
    const own = await gql(query, { token: await devToken({ sub: 'olpe', role: 'editor', ags: ['05966024'] }), variables: { input } });
    expect(own.errors).toBeUndefined();
    expect(own.data!.declareParticipation.municipality.name).toBe('Olpe');
  });

  it('has a subgraph that refuses forged tokens sent around the gateway', async () => {
    const response = await fetch(`${practices.match}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiY29vcmRpbmF0b3IifQ.' },
      body: JSON.stringify({ query: '{ cooperations { slug } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('reports readiness on both processes and stops cleanly on SIGTERM', async () => {
    expect((await fetch(`${municipalities.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${practices.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${modules.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${events.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${gateway.match}/healthz`)).status).toBe(200);
    expect(await gateway.stop()).toBe(0);
    expect(await events.stop()).toBe(0);
    expect(await modules.stop()).toBe(0);
    expect(await practices.stop()).toBe(0);
    expect(await municipalities.stop()).toBe(0);
  });
});
