import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devToken, graphqlClient, openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { runProcess, startProcess, type Started } from './processes.js';

// The distributed mode as operators run it: the built entry points as separate
// processes, the gateway reaching the subgraph over real HTTP. PostgreSQL when
// DATABASE_URL is set (CI), else PGlite in a temp folder. Needs `npm run build` first
// (npm test does that).
let serverDb: TestDatabase | null = null;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let subgraph: Started;
let gateway: Started;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-distributed-'));
  if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
  env = { DATABASE_URL: serverDb?.url ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' };
  const seed = await runProcess('gateway/dist/bin/seed.js', [], env);
  expect(seed.stderr).toBe('');
  expect(seed.code).toBe(0);
  subgraph = await startProcess('subgraphs/municipalities/dist/index.js', env, /municipalities subgraph on (http:\/\/\S+)\/graphql/);
  gateway = await startProcess(
    'gateway/dist/bin/gateway.js',
    { ...env, SUBGRAPH_MUNICIPALITIES_URL: `${subgraph.match}/graphql` },
    /gateway ready: (http:\/\/\S+)\/graphql/,
  );
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await subgraph?.stop();
  await serverDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('distributed mode', () => {
  it('printed seed progress and reported a second run as unchanged', async () => {
    await subgraph.stop();
    const again = await runProcess('gateway/dist/bin/seed.js', [], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/municipality\s+0 inserted, 0 updated, 112 unchanged/);
    subgraph = await startProcess('subgraphs/municipalities/dist/index.js', { ...env, PORT: new URL(subgraph.match).port }, /subgraph on (http:\/\/\S+)\/graphql/);
  });

  it('serves federated queries through the gateway over HTTP', async () => {
    const { data, errors } = await graphqlClient(`${gateway.match}/graphql`)(`{
      municipalities(filter: { region: SUEDWESTFALEN }) { totalCount }
      municipality(ags: "05970040") { name district { name } }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ municipalities: { totalCount: 59 }, municipality: { name: 'Siegen', district: { name: 'Kreis Siegen-Wittgenstein' } } });
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
    const response = await fetch(`${subgraph.match}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiY29vcmRpbmF0b3IifQ.' },
      body: JSON.stringify({ query: '{ cooperations { slug } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('reports readiness on both processes and stops cleanly on SIGTERM', async () => {
    expect((await fetch(`${subgraph.match}/readyz`)).status).toBe(200);
    expect((await fetch(`${gateway.match}/healthz`)).status).toBe(200);
    expect(await gateway.stop()).toBe(0);
    expect(await subgraph.stop()).toBe(0);
  });
});
