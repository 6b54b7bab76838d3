import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { closeDatabase, type Database } from '../db/database.js';
import { openPristinePglite } from './pristine-cluster.js';

export interface TestDatabase {
  database: Database;
  /** A connection URL for child processes: the server database, or null for PGlite. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: with DATABASE_URL, a new database on that
 * PostgreSQL server (dropped afterwards); otherwise an in-memory PGlite.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openPristinePglite();
    return { database, url: null, close: () => closeDatabase(database) };
  }
  const base = new URL(serverUrl);
  const name = `${base.pathname.slice(1) || 'welcome_hub'}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    url: url.toString(),
    close: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
