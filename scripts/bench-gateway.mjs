// `npm run bench:gateway`: the distributed mode on PostgreSQL (a database of its own on the
// server DATABASE_URL names, default postgres://postgres@127.0.0.1:5432/postgres), loaded
// through, in one run and interleaved:
//   hub (js)    the hub's gateway (gateway/dist/bin/gateway.js) with QUERY_PLANNER=javascript
//   hub (rust)  the hub's gateway as deployed: QUERY_PLANNER=rust (Hive Router's planner)
//   hub (cache) the hub's gateway (rust) with its response cache on, in memory; the
//               other targets run without one
//   stock       Hive Gateway's runtime with nothing but the supergraph, the subgraph URLs and
//               the request signature the subgraphs require (scripts/bench-gateway-stock.mjs)
//   direct      no gateway: the subgraph requests the stock gateway makes for the query,
//               recorded once, replayed one after the other
//   floor       (at one connection only) the same calls made by a process in between that
//               does no GraphQL work (scripts/bench-gateway-floor.mjs): what a hop costs
// Q1–Q4 repeated and with varied variables. Answers are checked identical first. Prints
// RPS at BENCH_CONNECTIONS (20), p50/p99, CPU per 1 000 requests of the gateway and of the
// subgraphs (from /proc), and the ratios; then p50 and CPU per request at one connection.
// Asserts nothing.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import pg from 'pg';
import { printProfiles } from './cpu-profiles.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1200);
const TICKS = 100; // clock ticks per second of /proc/<pid>/stat (CLK_TCK on Linux)

const ALL_QUERIES = {
  Q1: {
    title: 'one municipality across 3 subgraphs',
    query: `query Q1($ags: ID!) { municipality(ags: $ags) { name population district { name } cooperations { name }
      practices { totalCount edges { node { title kind } } } hostedEvents { title startsAt } } }`,
  },
  Q2: {
    title: '50 municipalities: district, cooperations, practices, events',
    query: `query Q2($region: RegionCode, $district: ID) { municipalities(first: 50, filter: { region: $region, district: $district }) {
      edges { node { ags name district { name } cooperations { name } practices { totalCount } hostedEvents { title } } } } }`,
  },
  Q3: {
    title: "one municipality's name and population",
    query: 'query Q3($ags: ID!) { municipality(ags: $ags) { name population } }',
  },
  Q4: {
    title: 'practices with owners and criteria',
    query: `query Q4($first: Int) { practices(first: $first) { edges { node { title municipality { name population }
      cooperation { name } criteria { key title } } } } }`,
  },
};
// BENCH_QUERIES=Q1,Q3 and BENCH_MODES=repeated narrow a run (a profile of one query, say).
const QUERIES = Object.fromEntries(
  Object.entries(ALL_QUERIES).filter(
    ([name]) => !process.env.BENCH_QUERIES || process.env.BENCH_QUERIES.split(',').includes(name),
  ),
);
const MODES = ['repeated', 'varied'].filter(
  (m) => !process.env.BENCH_MODES || process.env.BENCH_MODES.split(',').includes(m),
);

// ---------------------------------------------------------------- processes
const children = [];
// On a failure: SIGTERM, so that the launcher still stops the subgraphs it started.
process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Spawns `node <args>`; resolves with the child once `ready` matches a line (first group: captured). */
function start(name, args, env, ready, onLine) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const tail = [];
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        onLine?.(line);
        const match = ready.exec(line);
        if (match) resolve({ child, captured: match[1] });
      });
    }
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${tail.join('\n')}`)));
  });
}

/** User + system CPU seconds of a process so far. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

// ---------------------------------------------------------------- the distributed hub
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `welcome_hub_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${database}"`);
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
await admin.end();

/** Stops a child with SIGTERM (SIGKILL after 20 s) and waits for it. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** The gateways first (a CPU profile is written as a process exits), then the launcher, which stops its subgraphs; then the database. */
async function shutdown() {
  const [launcher, ...rest] = children;
  await Promise.all(rest.map(stop));
  if (launcher) await stop(launcher);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists "${database}" with (force)`);
  await client.end();
}

const secret = randomBytes(32).toString('hex');
const pids = {};
const subgraphUrls = {};
console.log(`Starting the distributed mode on ${database} (seed, Meilisearch, reindex, subgraphs, gateway)…`);
const distributed = await start(
  'start-distributed',
  ['scripts/start-distributed.mjs'],
  {
    DATABASE_URL: databaseUrl,
    GATEWAY_SECRET: secret,
    PORT: '0',
    DATA_DIR: `/tmp/welcome-hub-bench-${process.pid}`,
    RATE_LIMIT_POINTS: '100000000',
    RATE_LIMIT_COST_POINTS: '100000000000',
  },
  /ready: (http:\/\/\S+)\/graphql \(Ctrl-C/,
  (line) => {
    const row = /^(\w+)\s+(\d+)\s+(http:\/\/\S+)\/graphql$/.exec(line);
    if (row) {
      pids[row[1]] = Number(row[2]);
      if (row[1] !== 'gateway') subgraphUrls[row[1]] = `${row[3]}/graphql`;
    }
  },
);
const subgraphNames = Object.keys(pids).filter((name) => name !== 'gateway');
const subgraphPids = subgraphNames.map((name) => pids[name]);
// The launcher's own gateway idles; the bench starts the hub's gateways itself (below).
void distributed;
const env = {
  DATABASE_URL: databaseUrl,
  GATEWAY_SECRET: secret,
  PORT: '0',
  RATE_LIMIT_POINTS: '100000000',
  RATE_LIMIT_COST_POINTS: '100000000000',
  ...Object.fromEntries(Object.entries(subgraphUrls).map(([n, u]) => [`SUBGRAPH_${n.toUpperCase()}_URL`, u])),
};
// BENCH_PROFILE=<folder>: the hub's gateways write V8 CPU profiles there when the bench ends.
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const hubGateway = (name, settings) =>
  start(
    name,
    [...profile, 'gateway/dist/bin/gateway.js'],
    // REDIS_URL unset: rate limits and the response cache in memory, whatever the shell has.
    { ...env, REDIS_URL: '', ...settings },
    /gateway ready: (http:\/\/\S+)\/graphql/,
  );
const hubJs = await hubGateway('hub (js)', { QUERY_PLANNER: 'javascript', RESPONSE_CACHE_TTL_SECONDS: '0' });
const hubRust = await hubGateway('hub (rust)', { QUERY_PLANNER: 'rust', RESPONSE_CACHE_TTL_SECONDS: '0' });
const hubCached = await hubGateway('hub (cache)', { QUERY_PLANNER: 'rust', RESPONSE_CACHE_TTL_SECONDS: '60' });
const stock = await start(
  'stock',
  ['scripts/bench-gateway-stock.mjs'],
  // As stock is deployed: graphql-js in production mode, as the hub's processes load it whatever
  // NODE_ENV says (kit/src/graphql-production.ts).
  { ...env, SUBGRAPH_URLS: JSON.stringify(subgraphUrls), NODE_ENV: 'production' },
  /stock ready: (http:\/\/\S+)\/graphql/,
);

// No GraphQL work at all, for the table at one connection (scripts/bench-gateway-floor.mjs).
const floor = await start('floor', ['scripts/bench-gateway-floor.mjs'], {}, /floor ready: (http:\/\/\S+)/);

const agent = new Agent({ connections: CONNECTIONS + 4, pipelining: 1 });
const targets = {
  'hub (js)': { url: hubJs.captured, pids: [hubJs.child.pid] },
  'hub (rust)': { url: hubRust.captured, pids: [hubRust.child.pid] },
  'hub (cache)': { url: hubCached.captured, pids: [hubCached.child.pid] },
  stock: { url: stock.captured, pids: [stock.child.pid] },
};

async function post(url, body, headers = {}) {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode} ${text.slice(0, 300)}`);
  return text;
}

// ---------------------------------------------------------------- variables, recordings
const all = JSON.parse(
  await post(
    targets.stock.url,
    JSON.stringify({ query: '{ municipalities(first: 200) { edges { node { ags district { code } } } } }' }),
  ),
);
const agsList = all.data.municipalities.edges.map((e) => e.node.ags);
const districts = [...new Set(all.data.municipalities.edges.map((e) => e.node.district.code))];
const VARIANTS = {
  Q1: { repeated: [{ ags: '05970040' }], varied: agsList.map((ags) => ({ ags })) },
  Q2: {
    repeated: [{ region: 'SUEDWESTFALEN' }],
    varied: [{ region: 'SUEDWESTFALEN' }, { region: 'RUHR' }, ...districts.map((district) => ({ district }))],
  },
  Q3: { repeated: [{ ags: '05970040' }], varied: agsList.map((ags) => ({ ags })) },
  Q4: { repeated: [{ first: 20 }], varied: [1, 2, 3, 4, 5, 10, 20].map((first) => ({ first })) },
};

// The stock gateway logs, per request, the subgraph calls it made (BENCH_RECORD): the direct sequence.
async function record(query, variables) {
  const text = await post(targets.stock.url, JSON.stringify({ query, variables }), { 'x-bench-record': '1' });
  const calls = JSON.parse(text).extensions?.benchCalls;
  if (!calls) throw new Error('the stock gateway recorded no subgraph calls');
  return { answer: text, calls };
}

const bodies = {};
const sequences = {};
for (const [name, { query }] of Object.entries(QUERIES)) {
  for (const mode of MODES) {
    const key = `${name} ${mode}`;
    bodies[key] = VARIANTS[name][mode].map((variables) => JSON.stringify({ query, variables }));
    sequences[key] = [];
    for (const variables of VARIANTS[name][mode]) {
      const { answer, calls } = await record(query, variables);
      const expected = JSON.stringify(JSON.parse(answer).data);
      for (const [target, { url }] of Object.entries(targets)) {
        const got = JSON.stringify(JSON.parse(await post(url, JSON.stringify({ query, variables }))).data);
        if (got !== expected)
          throw new Error(
            `${target} answers ${key} ${JSON.stringify(variables)} differently:\n${got.slice(0, 400)}\nvs\n${expected.slice(0, 400)}`,
          );
      }
      sequences[key].push(calls);
    }
  }
}
console.log(
  "Identical answers from every gateway for every variant of Q1–Q4 (direct: the stock gateway's own subgraph calls).\n",
);
// The floor makes, for each repeated body, the calls recorded for it.
const recorded = await request(`${floor.captured}/record`, {
  method: 'POST',
  dispatcher: agent,
  body: JSON.stringify(
    Object.keys(QUERIES).map((name) => [bodies[`${name} repeated`]?.[0], sequences[`${name} repeated`]?.[0]]),
  ),
});
await recorded.body.text();
if (recorded.statusCode !== 204) throw new Error(`floor: HTTP ${recorded.statusCode}`);

/** One "request" of the direct target: the recorded subgraph calls, one after the other. */
async function direct(calls) {
  for (const call of calls) {
    const response = await request(call.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: call.body,
    });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`direct ${call.url}: HTTP ${response.statusCode}`);
  }
}

/** `connections` clients sending for `seconds`: requests done, latencies and CPU seconds per process. */
async function load(target, key, connections, seconds) {
  const isDirect = target === 'direct';
  const list = isDirect ? sequences[key] : bodies[key];
  const watched = isDirect ? [] : targets[target].pids;
  const cpuBefore = watched.map(cpuSeconds);
  const subBefore = subgraphPids.map(cpuSeconds);
  const latencies = [];
  let next = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const item = list[next++ % list.length];
        const t = performance.now();
        if (isDirect) await direct(item);
        else await post(targets[target].url, item);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const gatewayCpu = watched.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpuBefore[i], 0);
  const bySubgraph = subgraphPids.map((pid, i) => cpuSeconds(pid) - subBefore[i]);
  const subgraphCpu = bySubgraph.reduce((sum, cpu) => sum + cpu, 0);
  return { count: latencies.length, latencies, gatewayCpu, subgraphCpu, bySubgraph, seconds };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
// BENCH_TARGETS="hub (rust),direct" narrows the loads too (every target's answers are still checked).
const allNames = [...Object.keys(targets), 'direct'];
const chosen = process.env.BENCH_TARGETS?.split(',') ?? allNames;
for (const n of chosen)
  if (!allNames.includes(n)) throw new Error(`BENCH_TARGETS: no target "${n}" (${allNames.join(', ')})`);
const names = allNames.filter((n) => chosen.includes(n));

for (const [name, { title }] of Object.entries(QUERIES)) {
  for (const mode of MODES) {
    const key = `${name} ${mode}`;
    const totals = Object.fromEntries(
      names.map((n) => [
        n,
        { count: 0, latencies: [], gatewayCpu: 0, subgraphCpu: 0, bySubgraph: subgraphPids.map(() => 0), seconds: 0 },
      ]),
    );
    for (const n of names) await load(n, key, CONNECTIONS, 1); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const n of names) {
        const r = await load(n, key, CONNECTIONS, SECONDS);
        const t = totals[n];
        t.count += r.count;
        t.latencies.push(...r.latencies);
        t.gatewayCpu += r.gatewayCpu;
        t.subgraphCpu += r.subgraphCpu;
        r.bySubgraph.forEach((cpu, i) => {
          t.bySubgraph[i] += cpu;
        });
        t.seconds += r.seconds;
      }
    }
    console.log(`${key}: ${title}, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s`);
    console.log(
      `${'target'.padEnd(12)}${'RPS'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'gw CPU s/1k'.padStart(13)}${'sub CPU s/1k'.padStart(14)}${'RPS/stock'.padStart(11)}`,
    );
    const stockRps = totals.stock ? totals.stock.count / totals.stock.seconds : Number.NaN;
    for (const n of names) {
      const t = totals[n];
      const sorted = t.latencies.sort((a, b) => a - b);
      const rps = t.count / t.seconds;
      const perK = (cpu) => (n === 'direct' && cpu === t.gatewayCpu ? '–' : ((cpu / t.count) * 1000).toFixed(2));
      console.log(
        `${n.padEnd(12)}${rps.toFixed(0).padStart(8)}${percentile(sorted, 50).toFixed(1).padStart(9)}${percentile(sorted, 99).toFixed(1).padStart(9)}${perK(t.gatewayCpu).padStart(13)}${perK(t.subgraphCpu).padStart(14)}${(rps / stockRps).toFixed(2).padStart(11)}`,
      );
    }
    // Where the subgraphs' CPU goes: ms per request in each subgraph that spent any.
    for (const n of names) {
      const t = totals[n];
      const parts = subgraphNames
        .map((name, i) => [name, (t.bySubgraph[i] / t.count) * 1000])
        .filter(([, ms]) => ms >= 0.05)
        .map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
      console.log(`  sub CPU ms/request, ${n}: ${parts.join(', ')}`);
    }
    console.log('');
  }
}

const block = Math.ceil(SEQUENTIAL / ROUNDS);
console.log(
  `p50 at one connection, ${block * ROUNDS} sequential requests per target in ${ROUNDS} interleaved rounds of ${block} (repeated variables), in ms:`,
);
// floor: the recorded subgraph calls made by a process in between that does no GraphQL work.
const sequential = [...names, 'floor'];
console.log(
  `${'query'.padEnd(6)}${sequential.map((n) => n.padStart(12)).join('')}${'js/direct'.padStart(12)}${'rust/direct'.padStart(12)}${'floor/direct'.padStart(13)}`,
);
for (const name of MODES.includes('repeated') ? Object.keys(QUERIES) : []) {
  const latencies = Object.fromEntries(sequential.map((n) => [n, []]));
  const spent = Object.fromEntries(sequential.map((n) => [n, { gw: 0, sub: 0 }]));
  // Blocks of requests per target, the targets' order rotating each round, so that a drift of
  // the machine (another process, frequency) weighs on every target alike.
  for (let round = 0; round < ROUNDS; round++) {
    const order = sequential.map((_, i) => sequential[(i + round) % sequential.length]);
    for (const n of order) {
      const watched = n === 'direct' ? [] : n === 'floor' ? [floor.child.pid] : targets[n].pids;
      const before = [...watched, ...subgraphPids].map(cpuSeconds);
      for (let i = 0; i < block; i++) {
        const t = performance.now();
        if (n === 'direct') await direct(sequences[`${name} repeated`][0]);
        else await post(n === 'floor' ? floor.captured : targets[n].url, bodies[`${name} repeated`][0]);
        latencies[n].push(performance.now() - t);
      }
      const after = [...watched, ...subgraphPids].map((pid, i) => cpuSeconds(pid) - before[i]);
      spent[n].gw += after.slice(0, watched.length).reduce((a, b) => a + b, 0);
      spent[n].sub += after.slice(watched.length).reduce((a, b) => a + b, 0);
    }
  }
  const p50 = Object.fromEntries(
    sequential.map((n) => [
      n,
      percentile(
        latencies[n].sort((a, b) => a - b),
        50,
      ),
    ]),
  );
  const count = block * ROUNDS;
  const cpu = Object.fromEntries(
    sequential.map((n) => [
      n,
      `${n === 'direct' ? '–' : ((spent[n].gw / count) * 1000).toFixed(2)}/${((spent[n].sub / count) * 1000).toFixed(2)}`,
    ]),
  );
  console.log(
    `${name.padEnd(6)}${sequential.map((n) => p50[n].toFixed(2).padStart(12)).join('')}${(p50['hub (js)'] / p50.direct).toFixed(2).padStart(12)}${(p50['hub (rust)'] / p50.direct).toFixed(2).padStart(12)}${(p50.floor / p50.direct).toFixed(2).padStart(13)}`,
  );
  console.log(
    `${''.padEnd(6)}${sequential.map((n) => cpu[n].padStart(12)).join('')}   CPU ms/request: gateway/subgraphs`,
  );
}
await agent.close();
await shutdown();
if (process.env.BENCH_PROFILE) printProfiles(process.env.BENCH_PROFILE, ROOT);
process.exit(0);
