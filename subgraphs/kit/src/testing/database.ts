import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { closeDatabase, openPglite, type Database } from '../db/database.js';
import { openPristinePglite } from './pristine-cluster.js';

/**
 * Connections per subgraph to a test database on the server: with six subgraphs a hub holds
 * 18, so the two test files Jest runs side by side (and a distributed test's seven processes)
 * stay well within PostgreSQL's default 100.
 */
export const TEST_POOL_SIZE = 3;

export interface TestDatabase {
  database: Database;
  /** A connection URL for child processes: the server database, or null for PGlite. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh database for one test file: with DATABASE_URL, a new database on that PostgreSQL
 * server (dropped afterwards); otherwise an in-memory PGlite. Empty, unless it starts as a
 * copy: of `serverTemplate` (a database on the server) or of `pgliteDump` (a PGlite cluster
 * `dumpDataDir` wrote), whichever applies.
 */
export async function openTestDatabase(
  options: { serverTemplate?: string; pgliteDump?: Blob } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = options.pgliteDump
      ? await openPglite(null, { loadDataDir: options.pgliteDump })
      : await openPristinePglite();
    return { database, url: null, close: () => closeDatabase(database) };
  }
  const base = new URL(serverUrl);
  const name = `${base.pathname.slice(1) || 'welcome_hub'}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(
      `create database "${name}"${options.serverTemplate ? ` template "${options.serverTemplate}"` : ''}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString(), poolSize: TEST_POOL_SIZE },
    url: url.toString(),
    close: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
