// `npm run bench`: start-up time, latency through the gateway and memory of the embedded
// mode on a PGlite on disk, as `npm start` runs it. Prints figures; it asserts nothing (targets live in issues).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
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
// The hub and this load generator share the process: its RSS is the embedded hub's and a little more.
// Where it goes: V8's heap (used of committed), memory outside it (PGlite's WebAssembly
// memory among the array buffers), and the rest of the RSS (code, native allocations).
const memory = (when) => {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return `Memory ${when}: RSS ${mib(rss)}; V8 heap ${mib(heapUsed)} used of ${mib(heapTotal)}; external ${mib(external)} (array buffers ${mib(arrayBuffers)}); rest ${mib(rss - heapTotal - external)}`;
};

console.log(memory('after start'));

const post = async (query) => {
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
};

console.log(`\n${ROUNDS} sequential requests each, through the gateway over HTTP:`);
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
console.log(memory('after the run'));
await hub.close();
await database.pglite.close();
