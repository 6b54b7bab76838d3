import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openPglite, type Database } from '../src/index.js';

// `npm start` keeps its data in a PGlite folder. A new folder's cluster is made by a
// short-lived process (initdb leaves hundreds of MiB behind in the process that runs it);
// the hub then opens it as on every later start.
const folders: string[] = [];
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'welcome-hub-pglite-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const pglite = (database: Database) => {
  if (database.kind !== 'pglite') throw new Error('expected PGlite');
  return database.pglite;
};

describe('a PGlite folder', () => {
  it('is created on first open and keeps what was written across restarts', async () => {
    const folder = join(newFolder(), 'pglite');
    const first = await openPglite(folder);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    await pglite(first).exec("CREATE TABLE note (text text); INSERT INTO note VALUES ('Willkommen in Siegen')");
    // The start parameters hold in the process that opens it (initdb's conf stays as written).
    const buffers = await pglite(first).query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(buffers.rows).toEqual([{ shared_buffers: '32MB' }]);
    await closeDatabase(first);

    const again = await openPglite(folder);
    expect((await pglite(again).query('SELECT text FROM note')).rows).toEqual([{ text: 'Willkommen in Siegen' }]);
    await closeDatabase(again);
  });

  it('that cannot be created fails with a message naming the folder, and opens nothing', async () => {
    const folder = newFolder();
    // A file where initdb must make a directory.
    writeFileSync(join(folder, 'base'), '');
    await expect(openPglite(folder)).rejects.toThrow(`PGlite could not create a database in ${folder}`);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(false);
  });
});
