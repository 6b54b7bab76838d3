import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalMeilisearch, type LocalMeilisearch } from '@welcome-hub/search-engine';
import { devToken, graphqlClient, openTestDatabase, TEST_POOL_SIZE, type TestDatabase } from '@welcome-hub/kit/testing';
import { runProcess, startAll, startProcess, type Started } from './processes.js';
import { testPlannerEnv } from '../src/testing/planner.js';
import { watchAuditingIn } from '../src/testing/index.js';

// The README's distributed commands for real, with a real Meilisearch (the packaged binary):
// `seed`, `reindex` with MEILI_URL, one process per subgraph and the gateway, then a write
// followed through the outbox relay to a search hit. PostgreSQL when DATABASE_URL is set
// (CI), else a PGlite per process in a temp folder. Needs `npm run build` first.

const SUBGRAPH_READY = /subgraph on (http:\/\/\S+)\/graphql/;
const SEARCH = `query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { title entity { __typename ... on Practice { slug } ... on Module { slug } } } } } }`;
type Hit = { title: string; entity: { __typename: string; slug?: string } | null };

/**
 * Asks `probe` until it returns a value, at most `attempts` times: the relay delivers and
 * Meilisearch indexes asynchronously. Bounded by attempts, not by the clock.
 */
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  attempts = 150,
  pauseMs = 200,
): Promise<T | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return undefined;
}

describe('distributed mode with Meilisearch', () => {
  const GATEWAY_SECRET = randomBytes(32).toString('hex');
  let serverDb: TestDatabase | null = null;
  let audit: Awaited<ReturnType<typeof watchAuditingIn>> | null = null;
  let dataDir: string;
  let meilisearch: LocalMeilisearch;
  let envFor: (subgraph: string) => NodeJS.ProcessEnv;
  let reindexOutput: string;
  const processes: Record<string, Started> = {};
  let gateway: Started;
  const gql = () => graphqlClient(`${gateway.match}/graphql`);
  const hits = async (q: string): Promise<Hit[]> => {
    const { data, errors } = await gql()(SEARCH, { variables: { q } });
    expect(errors).toBeUndefined();
    return data!.search.edges.map((e: { node: Hit }) => e.node);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-distributed-search-'));
    if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
    meilisearch = await startLocalMeilisearch();
    envFor = (subgraph) => ({
      DATABASE_URL: serverDb?.url ?? '',
      DATABASE_POOL_SIZE: String(TEST_POOL_SIZE),
      DATA_DIR: join(dataDir, serverDb ? 'shared' : subgraph),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      GATEWAY_SECRET,
      MEILI_URL: meilisearch.url,
      MEILI_MASTER_KEY: meilisearch.masterKey,
      MEILI_INDEX: 'welcome-hub',
    });
    // One seed; without a server every process gets a copy of the seeded PGlite (a seed
    // loads every schema), so the records have the same ids everywhere.
    const seed = await runProcess('gateway/dist/bin/seed.js', [], envFor(serverDb ? 'shared' : 'seeded'));
    expect({ code: seed.code, stderr: seed.stderr }).toEqual({ code: 0, stderr: '' });
    const names = ['municipalities', 'practices', 'modules', 'events', 'search'];
    if (!serverDb) for (const name of names) cpSync(join(dataDir, 'seeded'), join(dataDir, name), { recursive: true });
    // With one PostgreSQL database for all processes, their writes are checked for audit
    // entries at the end, as every test hub's are (the seed's by the rows' last writes).
    if (serverDb) audit = await watchAuditingIn(serverDb.database);
    const reindex = await runProcess('gateway/dist/bin/reindex.js', [], envFor(serverDb ? 'shared' : 'modules'));
    expect({ code: reindex.code, stderr: reindex.stderr }).toEqual({ code: 0, stderr: '' });
    reindexOutput = reindex.stdout;
    const started = await startAll(
      names.map((name) => [`subgraphs/${name}/dist/index.js`, envFor(name)]),
      SUBGRAPH_READY,
    );
    for (const [i, name] of names.entries()) processes[name] = started[i]!;
    gateway = await startProcess(
      'gateway/dist/bin/gateway.js',
      {
        ...envFor('gateway'),
        ...testPlannerEnv(),
        ...Object.fromEntries(
          Object.entries(processes).map(([name, p]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `${p.match}/graphql`]),
        ),
      },
      /gateway ready: (http:\/\/\S+)\/graphql/,
      120_000,
    );
  }, 480_000); // a seed, a reindex and six processes, on a busy two-core machine

  afterAll(async () => {
    await gateway?.stop();
    for (const name of ['search', 'events', 'modules', 'practices', 'municipalities']) await processes[name]?.stop();
    await meilisearch?.stop();
    // Every write these tests made through the processes left an audit entry (issue 12).
    try {
      await audit?.expectEveryWriteAudited();
    } finally {
      await audit?.close();
      await serverDb?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rebuilt the Meilisearch index with `reindex`, and every process uses it', () => {
    expect(reindexOutput).toContain('into Meilisearch index "welcome-hub"');
    const [, indexed, holds] = /Reindex complete: (\d+) records .* the index holds (\d+)\./.exec(reindexOutput) ?? [];
    expect(Number(indexed)).toBeGreaterThan(100);
    expect(holds).toBe(indexed);
    for (const [name, started] of Object.entries(processes))
      expect({ name, output: started.output() }).toEqual({
        name,
        output: expect.stringContaining('search: Meilisearch'),
      });
  });

  it('finds the Willkommensmappe module for "Begrüßungsmappe" and suggests titles for "Neub"', async () => {
    const [first] = await hits('Begrüßungsmappe');
    expect(first).toEqual({ title: 'Willkommensmappe', entity: { __typename: 'Module', slug: 'willkommensmappe' } });
    const suggest = await gql()(`{ suggest(prefix: "Neub") { text type } }`);
    expect(suggest.errors).toBeUndefined();
    expect(suggest.data!.suggest[0]).toEqual({ text: 'Neubürger-Empfänge an ungewöhnlichen Orten', type: 'PRACTICE' });
  });

  it('follows a practice from its creation through a change to its archiving into the search results', async () => {
    const editor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: ['05966024'] });
    const slug = `sprachcafe-olpe-${randomBytes(3).toString('hex')}`;
    const input = {
      owner: { ags: '05966024' },
      slug,
      title: 'Testprojekt Sprachcafé',
      kind: 'EVENT_FORMAT',
      summary: 'Ein Testdatensatz der verteilten Suche: ein Sprachcafé für Zugezogene.',
      targetGroups: ['NEWCOMERS'],
      fieldsOfAction: ['NEW_HOME'],
    };
    const created = await gql()(`mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`, {
      token: editor,
      variables: { input },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createPractice.id as string;
    const ours = (found: Hit[]) => found.find((h) => h.entity?.slug === slug);
    expect(await eventually(async () => ours(await hits('Sprachcafe')))).toEqual({
      title: 'Testprojekt Sprachcafé',
      entity: { __typename: 'Practice', slug },
    });

    const update = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { title } }`;
    const changed = await gql()(update, {
      token: editor,
      variables: {
        input: { id, title: 'Testprojekt Erzählcafé', summary: 'Ein Erzählcafé für Zugezogene, geändert.' },
      },
    });
    expect(changed.errors).toBeUndefined();
    expect(await eventually(async () => ours(await hits('Erzählcafe')))).toEqual({
      title: 'Testprojekt Erzählcafé',
      entity: { __typename: 'Practice', slug },
    });
    // The old wording left the index with the change.
    expect(await eventually(async () => (ours(await hits('Sprachcafe')) ? undefined : 'gone'))).toBe('gone');

    const archived = await gql()(`mutation($id: ID!) { archivePractice(id: $id) { archivedAt } }`, {
      token: editor,
      variables: { id },
    });
    expect(archived.errors).toBeUndefined();
    expect(await eventually(async () => (ours(await hits('Erzählcafe')) ? undefined : 'gone'))).toBe('gone');
  });
});

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether a TCP connection to the URL's port is refused (nobody listens any more). */
function refuses(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/start-distributed.mjs', () => {
  it('exits 1 naming DATABASE_URL when it is not set', async () => {
    const { code, stderr } = await runProcess('scripts/start-distributed.mjs', [], { DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL is not set/);
  });
});

// The launcher runs on a PostgreSQL server only (it needs one database for every process);
// CI's database pass has one. The PGlite pass has nothing for it to run against.
(process.env.DATABASE_URL ? describe : describe.skip)(
  'scripts/start-distributed.mjs on the PostgreSQL server (skipped without DATABASE_URL)',
  () => {
    let db: TestDatabase;
    let dataDir: string;
    let launcher: Started;

    beforeAll(async () => {
      db = await openTestDatabase();
      dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-start-distributed-'));
      launcher = await startProcess(
        'scripts/start-distributed.mjs',
        // Its own Meilisearch even where the machine offers one; NODE_ENV as a developer has it.
        {
          DATABASE_URL: db.url!,
          PORT: String(await freePort()),
          DATA_DIR: dataDir,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          MEILI_URL: '',
          MEILI_MASTER_KEY: '',
          GATEWAY_SECRET: '',
        },
        /Welcome Hub \(distributed\) ready: (http:\/\/\S+)\/graphql/,
        460_000,
      );
    }, 480_000);

    afterAll(async () => {
      if (launcher && launcher.child.exitCode === null) await launcher.stop();
      await db?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves search hits through its gateway, then stops every process on SIGINT and exits 0', async () => {
      const table = [...launcher.output().matchAll(/^(\w+)\s+(\d+)\s+(http:\/\/\S+)/gm)].map(([, name, pid, url]) => ({
        name,
        pid: Number(pid),
        url,
      }));
      expect(table.map((row) => row.name).sort()).toEqual([
        'events',
        'gateway',
        'identity',
        'meilisearch',
        'modules',
        'municipalities',
        'practices',
        'search',
      ]);
      expect(table.find((row) => row.name === 'gateway')!.url).toBe(`${launcher.match}/graphql`);

      const { data, errors } = await graphqlClient(`${launcher.match}/graphql`)(SEARCH, {
        variables: { q: 'Begrüßungsmappe' },
      });
      expect(errors).toBeUndefined();
      expect(data!.search.edges[0].node.entity).toEqual({ __typename: 'Module', slug: 'willkommensmappe' });
      // The subgraphs got the secret the gateway signs with: they refuse an unsigned request.
      const unsigned = await fetch(table.find((row) => row.name === 'modules')!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(unsigned.status).toBe(403);
      // Meilisearch's data and its generated master key stay under DATA_DIR for the next start.
      expect(statSync(join(dataDir, 'meilisearch', 'master-key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'meilisearch')).mode & 0o777).toBe(0o700);

      const code = await new Promise<number | null>((resolve) => {
        launcher.child.once('exit', resolve);
        launcher.child.kill('SIGINT');
      });
      expect(code).toBe(0);
      expect(launcher.output()).toMatch(/SIGINT received/);
      for (const row of table) {
        expect({ name: row.name, running: isRunning(row.pid), refuses: await refuses(row.url) }).toEqual({
          name: row.name,
          running: false,
          refuses: true,
        });
      }
    });
  },
);
