import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openPglite, type Database } from '../src/index.js';

// `npm start` keeps its data in a PGlite folder. A new folder's cluster is made by a
// short-lived process beside the folder and moved into place when complete
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
  it('is created on first open, with nothing left beside it, and keeps what was written across restarts', async () => {
    const parent = newParent();
    const folder = join(parent, 'data', 'pglite');
    const first = await openPglite(folder);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(join(parent, 'data'))).toEqual(['pglite']);
    await pglite(first).exec("CREATE TABLE note (text text); INSERT INTO note VALUES ('Willkommen in Siegen')");
    // The start parameters are given to every start; initdb's configuration stays as it wrote it.
    const buffers = await pglite(first).query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(buffers.rows).toEqual([{ shared_buffers: '32MB' }]);
    expect(readFileSync(join(folder, 'postgresql.conf'), 'utf8')).not.toMatch(/^shared_buffers = 32MB/m);
    await closeDatabase(first);

    const again = await openPglite(folder);
    expect((await pglite(again).query('SELECT text FROM note')).rows).toEqual([{ text: 'Willkommen in Siegen' }]);
    await closeDatabase(again);
  });

  it('removes what a start that ended halfway left beside it, and nothing of a start still running', async () => {
    const parent = newParent();
    const folder = join(parent, 'pglite');
    const abandoned = `${folder}.initdb-${ENDED_PID}-0a1b2c3d`;
    const running = `${folder}.initdb-${process.ppid}-0a1b2c3d`;
    for (const staging of [abandoned, running]) {
      mkdirSync(staging);
      writeFileSync(join(staging, 'PG_VERSION'), '17\n');
    }
    // An empty folder, as an earlier version made before initdb ran.
    mkdirSync(folder);
    const database = await openPglite(folder);
    expect((await pglite(database).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await closeDatabase(database);
    expect(readdirSync(parent).sort()).toEqual(['pglite', `pglite.initdb-${process.ppid}-0a1b2c3d`]);
  });

  it('holding files but no database is refused with a message naming it, and left as it was', async () => {
    const folder = newParent();
    writeFileSync(join(folder, 'notes.txt'), 'not a database');
    await expect(openPglite(folder)).rejects.toThrow(
      `PGlite could not create a database in ${folder}: the folder holds files but no PG_VERSION`,
    );
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });
});
