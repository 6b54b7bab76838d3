import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openPglite, type Database } from '../src/index.js';

// `npm start` keeps its data in a PGlite folder. A new folder's cluster is made by a
// short-lived process in a staging folder inside it and moved up when complete
// (src/db/pglite-folder.ts); the hub then opens it as on every later start.
const parents: string[] = [];
const newParent = () => {
  const parent = mkdtempSync(join(tmpdir(), 'welcome-hub-pglite-'));
  parents.push(parent);
  return parent;
};
afterEach(() => {
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true });
});

const pglite = (database: Database) => {
  if (database.kind !== 'pglite') throw new Error('expected PGlite');
  return database.pglite;
};

/** A pid no process has: Linux hands out at most 4 194 304. */
const ENDED_PID = 4_194_400;

describe('a PGlite folder', () => {
  it('is created on first open, with nothing else left, and keeps what was written across restarts', async () => {
    const parent = newParent();
    const folder = join(parent, 'data', 'pglite');
    const first = await openPglite(folder);
    try {
      expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(join(parent, 'data'))).toEqual(['pglite']);
      expect(readdirSync(folder).filter((entry) => entry.startsWith('.initdb-'))).toEqual([]);
      await pglite(first).exec("CREATE TABLE note (text text); INSERT INTO note VALUES ('Willkommen in Siegen')");
      // The start parameters are given to every start, not written into the cluster's configuration.
      const buffers = await pglite(first).query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(buffers.rows).toEqual([{ shared_buffers: '32MB' }]);
    } finally {
      await closeDatabase(first);
    }
    const again = await openPglite(folder);
    try {
      expect((await pglite(again).query('SELECT text FROM note')).rows).toEqual([{ text: 'Willkommen in Siegen' }]);
    } finally {
      await closeDatabase(again);
    }
  });

  it('removes what a start that ended halfway left in it, and nothing of a start still running', async () => {
    const folder = join(newParent(), 'pglite');
    // A process that runs while the folder is opened.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const abandoned = join(folder, `.initdb-${ENDED_PID}-0a1b2c3d`);
      const running = join(folder, `.initdb-${other.pid}-0a1b2c3d`);
      for (const staging of [abandoned, running]) {
        mkdirSync(staging, { recursive: true });
        writeFileSync(join(staging, 'PG_VERSION'), '17\n');
      }
      const database = await openPglite(folder);
      try {
        expect((await pglite(database).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await closeDatabase(database);
      }
      expect(readdirSync(folder).filter((entry) => entry.startsWith('.initdb-'))).toEqual([
        `.initdb-${other.pid}-0a1b2c3d`,
      ]);
      // Also when the cluster is already there.
      rmSync(running, { recursive: true });
      mkdirSync(abandoned);
      await closeDatabase(await openPglite(folder));
      expect(readdirSync(folder).filter((entry) => entry.startsWith('.initdb-'))).toEqual([]);
    } finally {
      other.kill();
    }
  });

  it('undoes a move of a new cluster that stopped before PG_VERSION, and makes the cluster anew', async () => {
    const folder = join(newParent(), 'pglite');
    mkdirSync(join(folder, 'base', '1'), { recursive: true });
    mkdirSync(join(folder, 'global'));
    writeFileSync(join(folder, '.initdb-moving'), JSON.stringify(['base', 'global', 'pg_wal']));
    const database = await openPglite(folder);
    try {
      expect((await pglite(database).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await closeDatabase(database);
    }
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(folder).filter((entry) => entry.startsWith('.initdb-'))).toEqual([]);
  });

  it('is opened through a symbolic link, as a mounted or linked data folder may be', async () => {
    const parent = newParent();
    mkdirSync(join(parent, 'volume'));
    symlinkSync(join(parent, 'volume'), join(parent, 'pglite'));
    const database = await openPglite(join(parent, 'pglite'));
    try {
      expect((await pglite(database).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await closeDatabase(database);
    }
    expect(existsSync(join(parent, 'volume', 'PG_VERSION'))).toBe(true);
  });

  it('holding files but no database is refused with a message naming it, and left as it was', async () => {
    const folder = newParent();
    writeFileSync(join(folder, 'notes.txt'), 'not a database');
    await expect(openPglite(folder)).rejects.toThrow(
      `PGlite could not create a database in ${folder}: the folder holds files (notes.txt) but no PG_VERSION`,
    );
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });
});
