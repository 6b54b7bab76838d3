import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** A cluster being made sits in `<folder>/.initdb-<pid>-<random>` until it is complete. */
const STAGING_PREFIX = '.initdb-';
/** While a complete cluster's entries move up: their names, so that a start stopped meanwhile is undone. */
const MOVING = '.initdb-moving';
/** No initdb takes this long: a staging folder older than this is abandoned whatever its pid says. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** initdb takes seconds; one that hangs must not hang the start for ever. */
const INITDB_TIMEOUT_MS = 5 * 60 * 1000;

/** PGlite's initdb in a Node process of its own: it ends with its parent (stdin closes) and says why it failed. */
const INITDB_SCRIPT = `process.stdin.on('close', () => process.exit(1)).resume();
try {
  const module = await import(process.argv[1]);
  const { PGlite } = module.PGlite ? module : module.default;
  const pglite = await PGlite.create({ dataDir: process.argv[2], startParams: JSON.parse(process.argv[3]) });
  await pglite.close();
  process.exit(0);
} catch (error) {
  process.stderr.write((error?.message || JSON.stringify(error)) + '\\n', () => process.exit(1));
}`;

/**
 * Makes sure `dataDir` holds a PGlite cluster; a new one is made in a short-lived Node
 * process. PGlite runs initdb in a WebAssembly instance of its own and leaves behind, in the
 * process that ran it, about 400 MiB of garbage and 100 MiB of malloc'd memory glibc keeps
 * (the embedded hub's first start: 843–868 MiB resident, 446 MiB when it opened a cluster
 * made elsewhere). Opened afterwards, the first start costs what every later start costs;
 * the price is one more PGlite start, once.
 *
 * The cluster is made in a staging folder inside `dataDir` and its entries are moved up
 * when it is complete, PG_VERSION (which marks a cluster) last, their names noted first: a
 * start stopped halfway leaves a staging folder or a noted move, not a half-made cluster,
 * and a later start removes them. Inside, not beside: `dataDir` may be a mount point or a
 * symbolic link, across which nothing moves.
 */
export async function preparePgliteFolder(dataDir: string, startParams: string[]): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  undoUnfinishedMove(dataDir);
  removeAbandonedStaging(dataDir);
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const others = readdirSync(dataDir).filter((entry) => !entry.startsWith(STAGING_PREFIX) && entry !== 'lost+found');
  if (others.length > 0) {
    throw new Error(
      `PGlite could not create a database in ${dataDir}: the folder holds files (${others.slice(0, 3).join(', ')}) but no PG_VERSION, so no database this hub made; empty it or choose another DATA_DIR`,
    );
  }
  const staging = join(dataDir, `${STAGING_PREFIX}${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(staging);
  try {
    await initdb(staging, startParams, dataDir);
    // Another process may have made one meanwhile: theirs stays, nothing is moved onto it.
    const entries = readdirSync(staging).filter((entry) => entry !== 'PG_VERSION');
    if (existsSync(join(dataDir, 'PG_VERSION'))) return;
    const taken = entries.filter((entry) => existsSync(join(dataDir, entry)));
    if (taken.length > 0)
      throw new Error(`PGlite could not create a database in ${dataDir}: ${taken[0]} appeared there meanwhile`);
    writeFileSync(join(dataDir, MOVING), JSON.stringify(entries));
    try {
      for (const entry of entries) renameSync(join(staging, entry), join(dataDir, entry));
      renameSync(join(staging, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
    } catch (error) {
      undoUnfinishedMove(dataDir);
      throw error;
    }
    rmSync(join(dataDir, MOVING));
  } finally {
    rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Removes the entries a move that did not reach PG_VERSION left in `dataDir`; a finished move's note. */
function undoUnfinishedMove(dataDir: string): void {
  const note = join(dataDir, MOVING);
  if (!existsSync(note)) return;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    for (const entry of JSON.parse(readFileSync(note, 'utf8')) as string[]) {
      // Names of the folder's own entries only, never a path out of it.
      if (entry !== basename(entry) || entry === '..' || entry === '.') continue;
      rmSync(join(dataDir, entry), { recursive: true, force: true, maxRetries: 3 });
    }
  }
  rmSync(note, { force: true });
}

async function initdb(staging: string, startParams: string[], dataDir: string): Promise<void> {
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  try {
    await promisify(execFile)(
      process.execPath,
      ['--liftoff-only', '--input-type=module', '-e', INITDB_SCRIPT, pglite, staging, JSON.stringify(startParams)],
      { maxBuffer: 16 * 2 ** 20, timeout: INITDB_TIMEOUT_MS, killSignal: 'SIGKILL' },
    );
  } catch (error) {
    const failed = error as Error & { stderr?: unknown; killed?: boolean };
    const said = failed.killed
      ? `initdb did not finish within ${INITDB_TIMEOUT_MS / 60_000} minutes`
      : String(failed.stderr ?? '').trim() || failed.message;
    throw new Error(`PGlite could not create a database in ${dataDir}: ${said}`);
  }
}

/**
 * Staging folders of starts that ended halfway (their process is gone) or long ago. Best
 * effort: an initdb whose parent was just killed may still be writing into one; it ends
 * when it notices, and a later start removes what is left.
 */
function removeAbandonedStaging(dataDir: string): void {
  for (const entry of readdirSync(dataDir)) {
    if (!entry.startsWith(STAGING_PREFIX) || entry === MOVING) continue;
    const path = join(dataDir, entry);
    const pid = Number(entry.slice(STAGING_PREFIX.length).split('-')[0]);
    // This process has made none yet: one named by its pid is a predecessor's (a container restarted as pid 1).
    const ended = !(Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid));
    try {
      if (ended || Date.now() - statSync(path).mtimeMs > ABANDONED_AFTER_MS) {
        rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      }
    } catch {
      // Still being written: left for a later start.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
