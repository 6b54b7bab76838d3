// `npm run start:distributed`: the distributed mode on one machine, as the README's
// commands run it by hand: seed DATABASE_URL, start (or use) Meilisearch, reindex, then one
// process per subgraph on a free loopback port and the gateway on PORT. Ctrl-C stops them
// in order: gateway, subgraphs, Meilisearch.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SEED = 'gateway/dist/bin/seed.js';
const REINDEX = 'gateway/dist/bin/reindex.js';
const GATEWAY = 'gateway/dist/bin/gateway.js';
const SUBGRAPH_READY = /subgraph on (http:\/\/\S+)\/graphql/;
const GATEWAY_READY = /gateway ready: (http:\/\/\S+)\/graphql/;
const TAIL_LINES = 40;
const STOP_GRACE_MS = 10_000;

if (!process.env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is not set: `npm run start:distributed` needs a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/welcome_hub',
  );
  process.exit(1);
}
// Loaded only now, so that the message above needs no build.
const { startLocalMeilisearch } = await import('@welcome-hub/search-engine');
const { subgraphs } = await import('@welcome-hub/schema');
const NAME_WIDTH = Math.max(
  ...['meilisearch', 'gateway', 'reindex', ...subgraphs.map((s) => s.name)].map((n) => n.length),
);
const gatewayPort = process.env.PORT || '4000';
const dataDir = resolve(ROOT, process.env.DATA_DIR || '.data');
// One secret per start unless the operator pins one: the gateway signs with it, every subgraph checks it.
const gatewaySecret = process.env.GATEWAY_SECRET || randomBytes(32).toString('hex');
// Where browsers reach the gateway: the hub's own OpenID provider names its issuer after it
// (PUBLIC_URL/oidc), and every process must expect that same issuer in the tokens it checks.
const publicUrl = (process.env.PUBLIC_URL || `http://localhost:${gatewayPort}`).replace(/\/+$/, '');
/** The seed prints the first coordinator's password once, on the first start only. */
const FIRST_PASSWORD = /first coordinator \S+ created; its password/;

/** The running children (steps included); `stopAll` stops the gateway before the rest. */
const children = [];
let meilisearch = null;
let stopping = false;

/** Writes each line of `stream` to `out` with the process's name in front, and keeps the last lines. */
function prefixLines(name, stream, out, tail, onLine) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    out.write(`${name.padEnd(NAME_WIDTH)} | ${line}\n`);
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    onLine?.(line);
  });
}

/**
 * Runs `node <script>` as a child named `name`. Resolves with its entry once a line matches
 * `ready` (`url`: the first capture group), or once a run-to-completion step (`ready` null)
 * exits 0. A child that exits otherwise while nobody stops it ends the whole launcher.
 */
function run(name, script, env, ready) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops the children in order.
    detached: true,
  });
  // 'close', not 'exit': by then its last lines (a shutdown error, say) have been read too.
  const entry = {
    name,
    child,
    tail: [],
    url: null,
    exited: new Promise((done) => child.once('close', (code, signal) => done(code ?? signal))),
  };
  children.push(entry);
  return new Promise((resolveStart, rejectStart) => {
    const onLine = (line) => {
      const match = ready?.exec(line);
      if (match && !entry.url) {
        entry.url = match[1];
        resolveStart(entry);
      }
    };
    prefixLines(name, child.stdout, process.stdout, entry.tail, onLine);
    prefixLines(name, child.stderr, process.stderr, entry.tail, onLine);
    child.once('error', (error) => rejectStart(error));
    void entry.exited.then((code) => {
      if (children.includes(entry)) children.splice(children.indexOf(entry), 1);
      if (stopping) return;
      if (!ready && code === 0) return resolveStart(entry);
      void fail(
        `${name} exited ${ready && entry.url ? 'unexpectedly ' : ''}with ${typeof code === 'number' ? `code ${code}` : code}`,
        entry.tail,
      );
    });
  });
}

/** SIGTERM, SIGKILL after a grace period; true when it ended with code 0 or of that SIGTERM. */
async function stopChild({ name, child, exited }) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  const code = await exited;
  clearTimeout(timer);
  if (code === 0) return true;
  console.error(`${name} stopped with ${typeof code === 'number' ? `code ${code}` : code}`);
  return false;
}

/** Stops the gateway, then the subgraphs (and any step still running), then Meilisearch; true when each ended cleanly. */
async function stopAll() {
  stopping = true;
  let clean = true;
  const gateway = children.filter((c) => c.name === 'gateway');
  for (const group of [gateway, children.filter((c) => !gateway.includes(c))]) {
    const results = await Promise.all(group.map(stopChild));
    clean &&= results.every(Boolean);
  }
  await meilisearch?.stop();
  return clean;
}

async function fail(message, tail = []) {
  if (stopping) return;
  console.error(
    `\n${message}; stopping the others.${tail.length ? ` Its last output:\n${tail.map((l) => `  ${l}`).join('\n')}` : ''}`,
  );
  await stopAll();
  process.exit(1);
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // A second Ctrl-C does not wait for the orderly stop; one arriving with the first (the
    // terminal's and npm's forwarded copy of the same Ctrl-C) is that same one.
    if (stopping) {
      if (Date.now() - firstSignalAt > 1000) process.exit(1);
      return;
    }
    firstSignalAt = Date.now();
    console.log(`\n${signal} received: stopping the gateway, the subgraphs, then Meilisearch…`);
    void stopAll().then((clean) => process.exit(clean ? 0 : 1));
  });
}
// A launcher that dies of an error must not leave detached children behind.
process.once('exit', () => {
  for (const { child } of children) child.kill('SIGKILL');
});

/** A path relative to the repository when it lies inside it. */
const shownPath = (path) => (relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path));

/** Meilisearch's master key for a kept data folder: MEILI_MASTER_KEY, else one generated once into `<folder>/master-key` (0600). */
function masterKeyFor(folder) {
  if (process.env.MEILI_MASTER_KEY) return process.env.MEILI_MASTER_KEY;
  const file = join(folder, 'master-key');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    // An empty key would start Meilisearch without any.
    if (kept.length < 16)
      throw new Error(`${shownPath(file)} holds no usable key (16 characters at least); delete it to draw a new one`);
    return kept;
  }
  const key = randomBytes(24).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

try {
  const common = { DATABASE_URL: process.env.DATABASE_URL, GATEWAY_SECRET: gatewaySecret, PUBLIC_URL: publicUrl };
  const seed = await run('seed', SEED, common, null);
  const firstPassword = seed.tail.find((line) => FIRST_PASSWORD.test(line));

  let search;
  if (process.env.MEILI_URL) {
    search = { MEILI_URL: process.env.MEILI_URL, MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY ?? '' };
  } else {
    const folder = join(dataDir, 'meilisearch');
    // Its data and key are the index's: readable by this user only.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Detached, like the other children: a terminal's Ctrl-C reaches only this launcher, which stops Meilisearch last.
    meilisearch = await startLocalMeilisearch({ dataDir: folder, masterKey: masterKeyFor(folder), detached: true });
    search = { MEILI_URL: meilisearch.url, MEILI_MASTER_KEY: meilisearch.masterKey };
    // The helper keeps no exit event for us: notice a Meilisearch that died by its pid.
    setInterval(() => {
      try {
        process.kill(meilisearch.pid, 0);
      } catch {
        void fail(`meilisearch (pid ${meilisearch.pid}) exited unexpectedly; its data folder is ${folder}`);
      }
    }, 1000).unref();
  }
  await run('reindex', REINDEX, { ...common, ...search }, null);

  // Loopback only: the subgraphs are reachable through the gateway, which signs every call.
  // Meilisearch only for the subgraphs that index or search: identity keeps nothing in it.
  const searchFor = (s) => (s.search || s.requiresSearchEngine ? search : {});
  const started = await Promise.all(
    subgraphs.map((s) =>
      run(
        s.name,
        `subgraphs/${s.name}/dist/index.js`,
        { ...common, ...searchFor(s), HOST: '127.0.0.1', PORT: '0' },
        SUBGRAPH_READY,
      ),
    ),
  );
  const urls = Object.fromEntries(started.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, `${s.url}/graphql`]));
  const gateway = await run('gateway', GATEWAY, { ...common, ...urls, PORT: gatewayPort }, GATEWAY_READY);

  const rows = [
    ['gateway', gateway.child.pid, `${gateway.url}/graphql`],
    ...started.map((s) => [s.name, s.child.pid, `${s.url}/graphql`]),
    [
      'meilisearch',
      meilisearch?.pid ?? '-',
      meilisearch ? `${meilisearch.url} (data: ${shownPath(meilisearch.dataDir)})` : `${search.MEILI_URL} (MEILI_URL)`,
    ],
  ];
  const width = Math.max(...rows.map(([, pid]) => String(pid).length), 3);
  console.log(
    [
      '',
      `${'process'.padEnd(NAME_WIDTH)}  ${'pid'.padEnd(width)}  listens on`,
      ...rows.map(([name, pid, where]) => `${name.padEnd(NAME_WIDTH)}  ${String(pid).padEnd(width)}  ${where}`),
      '',
      process.env.OIDC_ISSUER
        ? `Sign-in: ${process.env.OIDC_ISSUER} (OIDC_ISSUER)`
        : `Sign-in (the hub's own OpenID provider): ${publicUrl}/oidc`,
      // Repeated here: between the seed's lines and the processes' it is easily missed.
      ...(firstPassword ? [firstPassword] : []),
      `Welcome Hub (distributed) ready: ${gateway.url}/graphql (Ctrl-C stops every process)`,
    ].join('\n'),
  );
} catch (error) {
  await fail(`Start failed: ${error.message}`);
}
