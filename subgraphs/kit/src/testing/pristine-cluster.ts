import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPglite, type Database } from '../db/database.js';

/** The PGlite release: a dumped cluster is only loaded by the release that wrote it. */
function pgliteVersion(): string {
  // The package's exports leave out package.json: read it beside the resolved entry.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where the pristine cluster of this PGlite release is kept between test files and runs. */
export function pristineClusterPath(): string {
  return join(
    // Per user: another user of the machine must not be able to plant a cluster to load.
    process.env.WELCOME_HUB_TEST_CACHE ?? join(tmpdir(), `welcome-hub-test-${process.getuid?.() ?? 'user'}`),
    `pglite-${pgliteVersion()}.tar`,
  );
}

/**
 * An in-memory PGlite started from a dump of a freshly initialised, empty cluster.
 * PGlite runs initdb for every new database, which costs seconds per test file on two
 * cores; loading the dump costs a fraction (`npm run bench` has no part in this: tests
 * only). The dump holds nothing but what initdb creates, so every database opened here
 * is as empty as a new one. The first caller writes it (atomically: a rename), later
 * ones, in this run or the next, read it.
 */
export async function openPristinePglite(): Promise<Database> {
  const path = pristineClusterPath();
  let dump: Buffer | undefined;
  try {
    dump = readFileSync(path);
  } catch {
    dump = undefined;
  }
  if (dump) {
    try {
      return await openPglite(null, { loadDataDir: new Blob([new Uint8Array(dump)]) });
    } catch {
      // A damaged or foreign dump: fall through and write a new one.
    }
  }
  const fresh = await PGlite.create();
  const tarball = await fresh.dumpDataDir('none');
  await fresh.close();
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
  renameSync(partial, path);
  return openPglite(null, { loadDataDir: tarball });
}
