// `npm run bench`: start-up time and latency through the gateway of the embedded mode on a
// PGlite on disk, then the memory of the hub as `npm start` runs it, in a process of its own,
// after its first start and after a load. Prints figures; it asserts nothing (targets live in issues).

// The hub in this process, with graphql-js loaded as its process entries load it.
import '@welcome-hub/kit/graphql-production';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { gatewayEnv, openPglite, parseConfig } from '@welcome-hub/kit';
import { startEmbedded } from '@welcome-hub/gateway';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const QUERIES = {
  'municipality by AGS':
    '{ municipality(ags: "05970040") { name population district { name } cooperations { name } } }',
  'all 112 with district and cooperations':
    '{ municipalities(first: 200) { totalCount edges { node { ags name district { name } cooperations { slug } } } } }',
  'cooperation with 59 members':
    '{ cooperation(slug: "qualitaetsoffensive-willkommen-suedwestfalen") { members { municipality { name population } } } }',
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(1)} ms`;

let t = performance.now();
// On disk in a folder of its own, as `npm start` keeps it (an in-memory PGlite would hold
// the cluster's files in the process's memory, which the embedded mode does not).
const dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-bench-'));
// The data folders of `npm start`'s processes (measured below).
const startDirs = mkdtempSync(join(tmpdir(), 'welcome-hub-bench-start-'));
const started = new Set();
process.once('exit', () => {
  for (const child of started) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(startDirs, { recursive: true, force: true });
});
process.once('SIGINT', () => process.exit(130));
const database = await openPglite(dataDir);
const pgliteMs = performance.now() - t;
let statements = 0;
t = performance.now();
const hub = await startEmbedded({
  // One client sends every request: lift its allowances (this measures latency, not the
  // limiter). The response cache off: these are the subgraphs' paths (bench:gateway has the cache).
  config: parseConfig(gatewayEnv, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_POINTS: '1000000000',
    RATE_LIMIT_COST_POINTS: '1000000000',
    RESPONSE_CACHE_TTL_SECONDS: '0',
  }),
  database,
  log: () => undefined,
  onQuery: () => statements++,
});
const startMs = performance.now() - t;
// The search relays poll the outboxes in the background; keep their statements out of SQL/req.
for (const relay of hub.relays) await relay.stop();
console.log(`PGlite start (initdb, on disk): ${ms(pgliteMs)}; migrate + seed + subgraphs + gateway: ${ms(startMs)}`);

const post = async (query, url = hub.url, variables = undefined) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
};

console.log(
  `\n${ROUNDS} sequential requests each, through the gateway over HTTP (this process; Node flags: ${process.execArgv.join(' ') || 'none'}):`,
);
console.log('query'.padEnd(42), 'p50'.padStart(9), 'p95'.padStart(9), 'max'.padStart(9), 'SQL/req'.padStart(8));
for (const [name, query] of Object.entries(QUERIES)) {
  for (let i = 0; i < 20; i++) await post(query); // warm-up
  statements = 0;
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await post(query);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    name.padEnd(42),
    ms(percentile(times, 50)).padStart(9),
    ms(percentile(times, 95)).padStart(9),
    ms(times.at(-1)).padStart(9),
    (statements / ROUNDS).toFixed(1).padStart(8),
  );
}

const concurrency = 20;
t = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let i = 0; i < ROUNDS / concurrency; i++) await post(QUERIES['municipality by AGS']);
  }),
);
const seconds = (performance.now() - t) / 1000;
console.log(
  `\nThroughput, ${concurrency} concurrent clients, municipality by AGS: ${(ROUNDS / seconds).toFixed(0)} requests/s`,
);
await hub.close();
await database.pglite.close();

// The memory of the hub as a user runs it: `npm start`'s command in a process of its own
// (this one's load generator and the hub above would count otherwise), each time on a new
// DATA_DIR, so after its first start (initdb, migrations, seed, index) and after a load of
// 20 clients sending the three queries above with every municipality in turn: once as
// configured by default (the response cache on) and once with the cache off, where every
// request reaches the subgraphs. Resident size from the kernel (Linux); where it goes from
// the hub's own /metrics: V8's heap, memory outside it (PGlite's WebAssembly memory), and the
// rest (code, native allocations).
const LOAD_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
const startCommand = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start;
const [, nodeFlags, entry] = /\bnode((?: --\S+)*) (\S+\.js)$/.exec(startCommand) ?? [];
if (!entry) throw new Error(`npm start's command is not "… node [flags] <file>.js": ${startCommand}`);

const size = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sizeWithMb = (bytes) => `${size(bytes)} = ${(bytes / 1e6).toFixed(0)} MB`;

// As a client sends it: one document, the municipality in a variable.
const byAgs = `query ($ags: ID!) ${QUERIES['municipality by AGS'].replace('"05970040"', '$ags')}`;

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM), or null once the process has gone. */
function statusField(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  } catch {
    return null;
  }
}

/** The pids whose parent is `pid`. */
function childrenOf(pid) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the command may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {}
  }
  return found;
}

async function measureNpmStart(label, env, flags = nodeFlags) {
  // As `npm start` runs on a fresh machine: NODE_ENV unset (development), whatever the shell has.
  const { NODE_ENV, ...shell } = process.env;
  const child = spawn(process.execPath, [...flags.split(' ').filter(Boolean), entry], {
    cwd: new URL('..', import.meta.url),
    env: {
      ...shell,
      PORT: '0',
      DATA_DIR: join(startDirs, String(started.size)),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_POINTS: '1000000000',
      RATE_LIMIT_COST_POINTS: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.add(child);
  // The first start makes its database in a process of its own (kit's pglite-folder.ts): its
  // peak is sampled, as it is part of what the machine needs then.
  let initdbPeak = 0;
  const sampler = setInterval(() => {
    for (const pid of childrenOf(child.pid)) initdbPeak = Math.max(initdbPeak, statusField(pid, 'VmHWM') ?? 0);
  }, 20);
  const url = await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("npm start's process was not ready within 120 s")), 120_000);
    child.once('exit', (code) => reject(new Error(`npm start's process ended (${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /"url":"([^"]+)"/.exec(line)?.[1];
      if (found && line.includes('ready')) {
        clearTimeout(timeout);
        resolve(found);
      }
    });
  }).finally(() => clearInterval(sampler));
  const memory = async () => {
    const bytes = (field) => statusField(child.pid, field);
    const response = await fetch(`${url}/metrics`);
    if (!response.ok) throw new Error(`npm start's /metrics answered ${response.status}`);
    const metrics = await response.text();
    const gauge = (name) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
    const heap = gauge('nodejs_heap_size_total_bytes');
    const external = gauge('nodejs_external_memory_bytes');
    const rss = bytes('VmRSS');
    return `RSS ${sizeWithMb(rss)} (peak ${size(bytes('VmHWM'))}); V8 heap ${size(gauge('nodejs_heap_size_used_bytes'))} used of ${size(heap)}; external ${size(external)}; rest ${size(rss - heap - external)}`;
  };
  console.log(`${label}:`);
  console.log(`  after its first start: ${await memory()}`);
  console.log(`  its initdb process (first start only, then ended): peak ${size(initdbPeak)}`);
  const list = await (
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ municipalities(first: 200) { edges { node { ags } } } }' }),
    })
  ).json();
  const loadQueries = [
    ...list.data.municipalities.edges.map(({ node }) => ({ query: byAgs, variables: { ags: node.ags } })),
    { query: QUERIES['all 112 with district and cooperations'] },
    { query: QUERIES['cooperation with 59 members'] },
  ];
  const until = performance.now() + LOAD_SECONDS * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const { query, variables } = loadQueries[sent++ % loadQueries.length];
        await post(query, url, variables);
      }
    }),
  );
  console.log(`  after ${LOAD_SECONDS} s of load (${(sent / LOAD_SECONDS).toFixed(0)} requests/s): ${await memory()}`);
  child.kill();
  await new Promise((resolve) => child.once('exit', resolve));
}

if (existsSync('/proc/self/status')) {
  console.log(`\nMemory of \`npm start\` (node${nodeFlags} ${entry}), a process of its own`);
  await measureNpmStart('As configured by default (response cache on)', {});
  await measureNpmStart('Response cache off (RESPONSE_CACHE_TTL_SECONDS=0)', { RESPONSE_CACHE_TTL_SECONDS: '0' });
  // The alternative, side by side: V8 without --optimize-for-size (the command until December 2026).
  const withoutSizeFlag = nodeFlags.replace(' --optimize-for-size', '');
  if (withoutSizeFlag !== nodeFlags)
    await measureNpmStart(
      `Response cache off, node${withoutSizeFlag} (without --optimize-for-size)`,
      { RESPONSE_CACHE_TTL_SECONDS: '0' },
      withoutSizeFlag,
    );
} else {
  console.log('\nMemory of `npm start`: measured on Linux only (reads /proc).');
}
