import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** A cluster being made for `<folder>` sits beside it as `<folder>.initdb-<pid>-<random>` until complete. */
const stagingOf = (dataDir: string) => `${dataDir}.initdb-${process.pid}-${randomUUID().slice(0, 8)}`;

/** PGlite's initdb in a Node process of its own: it ends with its parent (stdin closes) and says why it failed. */
const INITDB_SCRIPT = `process.stdin.on('close', () => process.exit(1)).resume();
try {
  const module = await import(process.argv[1]);
  const { PGlite } = module.PGlite ? module : module.default;
  const pglite = await PGlite.create({ dataDir: process.argv[2], startParams: JSON.parse(process.argv[3]) });
  await pglite.close();
  process.exit(0);
} catch (error) {
  process.stderr.write((error?.message || JSON.stringify(error)) + '\\n');
  process.exit(1);
}`;

/**
 * Makes a new PGlite cluster for `dataDir` in a short-lived Node process. PGlite runs initdb
 * in a WebAssembly instance of its own and leaves behind, in the process that ran it, about
 * 400 MiB of garbage and 100 MiB of malloc'd memory glibc keeps (the embedded hub's first
 * start: 843–868 MiB resident, 446 MiB when it opened a cluster made elsewhere). Opened
 * afterwards, the first start costs what every later start costs; the price is one more
 * PGlite start, once.
 *
 * The cluster is made beside the folder and moved into place when complete, so a start
 * that is stopped halfway leaves no half-made cluster (PG_VERSION is what marks one) but a
 * staging folder, which the next start removes; when another process made the cluster
 * meanwhile, this one's is dropped.
 */
export async function createPgliteCluster(dataDir: string, startParams: string[]): Promise<void> {
  removeAbandonedStaging(dataDir);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`PGlite could not create a database in ${dataDir}: the folder holds files but no PG_VERSION`);
  }
  const staging = stagingOf(dataDir);
  mkdirSync(staging, { recursive: true });
  try {
    await initdb(staging, startParams, dataDir);
    if (existsSync(dataDir)) rmdirSync(dataDir);
    renameSync(staging, dataDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another start made it meanwhile: use theirs.
    if (existsSync(join(dataDir, 'PG_VERSION'))) return;
    throw error;
  }
}

async function initdb(staging: string, startParams: string[], dataDir: string): Promise<void> {
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  try {
    await promisify(execFile)(
      process.execPath,
      ['--liftoff-only', '--input-type=module', '-e', INITDB_SCRIPT, pglite, staging, JSON.stringify(startParams)],
      { maxBuffer: 16 * 2 ** 20 },
    );
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`PGlite could not create a database in ${dataDir}: ${said || (error as Error).message}`);
  }
}

/** Staging folders of starts whose process has ended (stopped or crashed halfway). */
function removeAbandonedStaging(dataDir: string): void {
  const parent = dirname(dataDir);
  if (!existsSync(parent)) return;
  const prefix = `${basename(dataDir)}.initdb-`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
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
