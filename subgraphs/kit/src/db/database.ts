import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { preparePgliteFolder } from './pglite-folder.js';

const DATE_OID = 1082;

/**
 * PGlite's start with 32 MB of shared buffers instead of initdb's 128 MB: the reference data
 * fits many times over, and the process keeps about 110 to 140 MB less resident (an existing
 * cluster opened and queried: RSS 375–389 MB with 128 MB, 233–269 MB with 32 MB; the
 * WebAssembly memory 189 vs 128 MiB, its declared minimum). Given on the command line, so
 * postgresql.conf in DATA_DIR stays as initdb wrote it.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/**
 * Where the subgraphs keep their data: one embedded PGlite shared by all subgraphs of
 * the process (one PostgreSQL schema each), or a PostgreSQL server.
 */
export type Database =
  | { kind: 'pglite'; pglite: PGlite; dataDir: string | null }
  /** `poolSize`: connections each subgraph's ORM keeps open at most (default 10). */
  | { kind: 'postgres'; url: string; poolSize?: number };

/**
 * Opens an embedded PGlite. `dataDir` null keeps it in memory (tests); otherwise it
 * persists under that folder and survives restarts. An in-memory database may start from
 * `loadDataDir`, a cluster `dumpDataDir` wrote: that skips PGlite's initdb, most of the
 * cost of a new database (see testing/pristine-cluster.ts).
 */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  // DATE stays 'YYYY-MM-DD' text, as the pg driver returns it for the PostgreSQL server.
  const parsers = { [DATE_OID]: (value: string) => value };
  if (dataDir === null) {
    return {
      kind: 'pglite',
      pglite: await PGlite.create({ parsers, loadDataDir: options.loadDataDir, startParams: START_PARAMS }),
      dataDir: null,
    };
  }
  const absolute = resolve(dataDir);
  // A new folder's cluster is made in another process (pglite-folder.ts).
  await preparePgliteFolder(absolute, START_PARAMS);
  return {
    kind: 'pglite',
    // PGlite cannot open a data folder through a symbolic link (ENOTDIR): the folder it points to.
    pglite: await PGlite.create({ dataDir: realpathSync(absolute), parsers, startParams: START_PARAMS }),
    dataDir: absolute,
  };
}

/** PostgreSQL when `DATABASE_URL` is set, else PGlite persisted in `<DATA_DIR>/pglite`. */
export async function openDatabase(config: {
  DATABASE_URL?: string;
  DATABASE_POOL_SIZE?: number;
  DATA_DIR: string;
}): Promise<Database> {
  if (config.DATABASE_URL) return { kind: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE };
  return openPglite(resolve(config.DATA_DIR, 'pglite'));
}

/** Closes what `openDatabase` opened; each ORM closes its own server connections. */
export async function closeDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite' && !database.pglite.closed) await database.pglite.close();
}

/** A label for logs that never prints credentials. */
export function describeDatabase(database: Database): string {
  if (database.kind === 'pglite') return database.dataDir ? `PGlite in ${database.dataDir}` : 'PGlite in memory';
  const url = new URL(database.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
