// A migrated and seeded database made once per test run (and per seed configuration), which
// the test hubs then start from as a copy (the seeding itself is the caller's:
// @welcome-hub/gateway/testing): on the PostgreSQL server a template database (CREATE
// DATABASE … TEMPLATE), on PGlite a dump of the seeded cluster. A hub started from it finds
// its schemas current and its subgraphs not empty, so it neither migrates nor seeds; the
// seed's log lines (the first coordinator's password among them) are kept with the copy and
// handed to the hub's log as if it had seeded. The run is named by WELCOME_HUB_TEST_RUN
// (jest.config.js); without it each hub migrates and seeds its own database. Seeded databases
// a run could not remove (its teardown did not run) are removed by a later run that seeds on
// the same server or in the same folder, once they are a day old; the hubs' own copies on a
// server are dropped by each test file, or with the run's database by .ci/run.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { closeDatabase, type Database } from '../db/database.js';
import { openTestDatabase, TEST_POOL_SIZE, type TestDatabase } from './database.js';
import { openPristinePglite, pristineClusterPath } from './pristine-cluster.js';

/** The run's name, set by jest.config.js: when it started (base 36, so that a later run can tell a leftover's age), `_`, the process id. */
export const TEST_RUN_ENV = 'WELCOME_HUB_TEST_RUN';

/** A test database that starts as a copy of the run's seeded one, and the seed's log lines. */
export interface SeededTestDatabase {
  db: TestDatabase;
  seedLog: string[];
}

/** Brings an empty database to the state to copy; returns the lines it logged. */
export type Seed = (database: Database) => Promise<string[]>;

/** The run's name, safe in a file or database name; undefined outside a test run. */
function runName(): string | undefined {
  const run = process.env[TEST_RUN_ENV];
  return run && /^[a-z0-9]{1,12}_[0-9]{1,10}$/.test(run) ? run : undefined;
}

/**
 * Whether a copy of run `run` is a leftover: its run started more than a day ago. A name
 * whose first part reads as no time since 2020 (set by hand) is never taken for one.
 */
function leftover(run: string): boolean {
  const started = Number.parseInt(run.split('_')[0] ?? '', 36);
  return started > Date.UTC(2020, 0, 1) && Date.now() - started > 24 * 3600 * 1000;
}

const PREFIX = 'seeded-';
const SERVER_PREFIX = 'welcome_hub_seeded_';

/**
 * A database for a test hub that starts migrated and seeded, copied from the run's seeded
 * database for `variant` (the seed's configuration: hubs configured alike share one copy),
 * which the first caller makes with `seed`; null outside a test run.
 */
export async function openSeededTestDatabase(seed: Seed, variant: unknown): Promise<SeededTestDatabase | null> {
  const run = runName();
  if (!run) return null;
  const key = `${run}_${createHash('sha256').update(JSON.stringify(variant)).digest('hex').slice(0, 8)}`;
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? fromServerTemplate(key, serverUrl, seed) : fromPgliteDump(key, seed);
}

function cacheDir(): string {
  return dirname(pristineClusterPath());
}

/** PGlite: the first caller seeds a fresh cluster and dumps it; later ones load the dump. Two first callers at once both seed; the last rename wins. */
async function fromPgliteDump(key: string, seed: Seed): Promise<SeededTestDatabase> {
  const path = join(cacheDir(), `${PREFIX}${key}.tar`);
  const logPath = `${path}.json`;
  if (existsSync(path)) {
    const seedLog = JSON.parse(readFileSync(logPath, 'utf8')) as string[];
    return { db: await openTestDatabase({ pgliteDump: new Blob([new Uint8Array(readFileSync(path))]) }), seedLog };
  }
  const database = await openPristinePglite();
  const seedLog = await seed(database);
  if (database.kind !== 'pglite') throw new Error('openPristinePglite opened no PGlite');
  const dump = new Uint8Array(await (await database.pglite.dumpDataDir('none')).arrayBuffer());
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  removePgliteCopies((run) => leftover(run));
  const partial = `.${randomBytes(4).toString('hex')}.partial`;
  // The log first: a dump that exists always has its log beside it.
  writeFileSync(logPath + partial, JSON.stringify(seedLog));
  renameSync(logPath + partial, logPath);
  writeFileSync(path + partial, dump);
  renameSync(path + partial, path);
  return { db: { database, url: null, close: () => closeDatabase(database) }, seedLog };
}

/** Removes the dumps (and their logs) of the runs `which` picks. */
function removePgliteCopies(which: (run: string) => boolean): void {
  if (!existsSync(cacheDir())) return;
  for (const file of readdirSync(cacheDir())) {
    const run = /^seeded-([a-z0-9]+_[0-9]+)_/.exec(file)?.[1];
    if (run && which(run)) rmSync(join(cacheDir(), file), { force: true });
  }
}

/** "Already exists" (42P04), or the duplicate key a create racing another's uncommitted one meets (23505). */
const BEING_CREATED = new Set(['42P04', '23505']);
const SOURCE_IN_USE = '55006';

/**
 * The server: the first caller creates the template database, seeds it and marks it a
 * template (its seed log in the database's comment); the others wait for the mark, then
 * copy it.
 */
async function fromServerTemplate(key: string, serverUrl: string, seed: Seed): Promise<SeededTestDatabase> {
  const template = `${SERVER_PREFIX}${key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    let building = true;
    try {
      await admin.query(`create database "${template}"`);
    } catch (error) {
      if (!BEING_CREATED.has((error as { code?: string }).code ?? '')) throw error;
      building = false;
    }
    if (building) {
      const url = new URL(serverUrl);
      url.pathname = `/${template}`;
      try {
        await dropServerTemplates(admin, (run) => leftover(run));
        const lines = await seed({ kind: 'postgres', url: url.toString(), poolSize: TEST_POOL_SIZE });
        await admin.query(`comment on database "${template}" is ${admin.escapeLiteral(JSON.stringify(lines))}`);
        await admin.query(`alter database "${template}" is_template true`);
      } catch (error) {
        // The waiting callers see it gone and fail with this run's first error, not a timeout.
        await admin.query(`drop database if exists "${template}" with (force)`);
        throw error;
      }
    }
    const seedLog = await readyTemplate(admin, template);
    for (let attempt = 1; ; attempt++) {
      try {
        return { db: await openTestDatabase({ serverTemplate: template }), seedLog };
      } catch (error) {
        // Another copy being made from it at this moment: wait a little and copy again.
        if ((error as { code?: string }).code !== SOURCE_IN_USE || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
}

/** Waits (by attempts, not the clock) until the template is marked ready, and returns its seed log. */
async function readyTemplate(admin: pg.Client, template: string): Promise<string[]> {
  for (let attempt = 1; attempt <= 1200; attempt++) {
    const { rows } = await admin.query<{ ready: boolean; log: string | null }>(
      `select datistemplate as ready, shobj_description(oid, 'pg_database') as log from pg_database where datname = $1`,
      [template],
    );
    if (!rows[0])
      throw new Error(`The run's seeded database ${template} could not be made (see the first hub's error).`);
    if (rows[0].ready) return JSON.parse(rows[0].log ?? '[]') as string[];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The seeded template database ${template} did not become ready.`);
}

/** Drops the template databases of the runs `which` picks. */
async function dropServerTemplates(admin: pg.Client, which: (run: string) => boolean): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where starts_with(datname, $1)`,
    [SERVER_PREFIX],
  );
  for (const { datname } of rows) {
    const run = /^welcome_hub_seeded_([a-z0-9]+_[0-9]+)_/.exec(datname)?.[1];
    if (!run || !which(run)) continue;
    try {
      await admin.query(`alter database "${datname}" is_template false`);
      await admin.query(`drop database if exists "${datname}" with (force)`);
    } catch (error) {
      // Gone already (another run removed it at the same moment), or not ours to drop.
      console.warn(`Seeded test database ${datname} not removed: ${(error as Error).message}`);
    }
  }
}

/** Removes this run's seeded databases (the dumps, or the templates on the server): Jest's global teardown calls it. */
export async function removeSeededTestDatabases(): Promise<void> {
  const run = runName();
  if (!run) return;
  removePgliteCopies((other) => other === run);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await dropServerTemplates(admin, (other) => other === run);
  } finally {
    await admin.end();
  }
}
