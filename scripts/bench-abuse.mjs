// `npm run bench:abuse`: the embedded hub under hostile load. 50 clients repeat the most
// expensive query the limits still accept while one client measures the latency of a
// small query beside them; the attacks the limits refuse are timed too. Prints figures;
// asserts nothing (the target, p99 < 1 s beside the load, lives in the issue).
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@welcome-hub/kit';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const PROBE = '{ municipality(ags: "05970040") { name } }';
// Accepted: each within the default limits (cost ≤ 20 000, depth ≤ 10, aliases ≤ 30).
const HEAVY = {
  'districts → municipalities → district → municipalities':
    '{ districts { name municipalities { name population district { name municipalities { ags name population } } } } }',
  'all municipalities with district, cooperations, practices, events':
    '{ municipalities(first: 200) { totalCount edges { node { ags name population district { name } cooperations { name } practices { totalCount } hostedEvents { slug } } } } }',
};
// Refused before planning.
const ATTACKS = {
  'four levels of municipalities':
    '{ districts { municipalities { district { municipalities { district { municipalities { district { municipalities { name population } } } } } } } } }',
  '30 aliases × first: 200': `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: municipalities(first: 200) { edges { node { name cooperations { name } } } }`).join(' ')} }`,
  '1000 aliases': `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: municipalities(first: 200) { totalCount }`).join(' ')} }`,
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(1)} ms`;
// The hub runs in a process of its own (as `npm start` does), so its RSS is its own and
// the load generator's work does not run on the hub's event loop.
let hubProcess;
const mib = () =>
  `${(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${hubProcess.pid}/status`, 'utf8'))[1]) / 1024).toFixed(0)} MiB`;

async function startHub(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-abuse-'));
  hubProcess = spawn(process.execPath, ['gateway/dist/bin/embedded.js'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    hubProcess.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /ready: (http:\/\/\S+)\/graphql/.exec(out);
      if (match) resolve(match[1]);
    });
    hubProcess.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${out}`)));
  });
  return {
    url,
    close: async () => {
      hubProcess.kill('SIGTERM');
      await new Promise((resolve) => hubProcess.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let hub;
const post = async (query, token) => {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const text = await response.text();
  return { status: response.status, bytes: text.length, body: JSON.parse(text) };
};

async function probe(seconds) {
  const times = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const start = performance.now();
    const { body } = await post(PROBE);
    if (body.data?.municipality?.name !== 'Siegen') throw new Error(`probe failed: ${JSON.stringify(body)}`);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}
const line = (name, times) =>
  console.log(
    name.padEnd(58),
    ms(percentile(times, 50)).padStart(9),
    ms(percentile(times, 95)).padStart(9),
    ms(percentile(times, 99)).padStart(9),
    String(times.length).padStart(7),
  );

async function run(label, env) {
  hub = await startHub(env);
  console.log(`\n=== ${label}`);
  console.log(
    `Embedded hub (npm start's entry point, PGlite on disk) in its own process; RSS at start ${mib()}.\n\nRefused attacks (one request each):`,
  );
  await post(PROBE); // warm-up: the first request of a process pays for loading code
  for (const [name, query] of Object.entries(ATTACKS)) {
    const start = performance.now();
    const { body } = await post(query);
    console.log(
      `  ${name.padEnd(40)} ${String(body.errors?.[0]?.extensions?.code).padEnd(24)} ${ms(performance.now() - start)}`,
    );
  }

  console.log(`\nProbe ${PROBE}`);
  console.log('condition'.padEnd(58), 'p50'.padStart(9), 'p95'.padStart(9), 'p99'.padStart(9), 'probes'.padStart(7));
  line('idle', await probe(3));
  for (const [name, query] of Object.entries(HEAVY)) {
    const first = await post(
      query,
      await issueToken(
        { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' },
        { sub: `check-${name}`, role: 'editor', ags: [] },
      ),
    );
    if (first.body.errors) throw new Error(`${name} is refused: ${JSON.stringify(first.body.errors)}`);
    // One signed-in client per heavy query, so each starts with a full cost budget.
    const token = await issueToken(
      { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' },
      { sub: `abuser-${name}`, role: 'editor', ags: [] },
    );
    let done = 0;
    const refusals = {};
    let stop = false;
    const load = Array.from({ length: CLIENTS }, async () => {
      while (!stop) {
        const { body } = await post(query, token);
        const code = body.errors?.[0]?.extensions?.code;
        if (code) refusals[code] = (refusals[code] ?? 0) + 1;
        else done++;
      }
    });
    const times = await probe(SECONDS);
    stop = true;
    await Promise.all(load);
    line(`beside ${CLIENTS}× ${name}`, times);
    console.log(
      `  ${(first.bytes / 1024).toFixed(0)} KiB per answer; ${(done / SECONDS).toFixed(1)} answers/s, refused: ${JSON.stringify(refusals)}; hub RSS ${mib()}`,
    );
  }
  const alive = await post(PROBE);
  console.log(
    `\nAfter the load: hub ${alive.body.data?.municipality?.name === 'Siegen' ? 'alive' : 'NOT answering'}, hub RSS ${mib()}.`,
  );
  await hub.close();
}

// The probe is anonymous (its address's allowance); each load is one signed-in client.
const UNLIMITED = { RATE_LIMIT_POINTS: '1000000000', RATE_LIMIT_COST_POINTS: '1000000000' };
await run('defaults: one client sends the 50 copies (request allowance, cost budget, admission)', {});
await run('as from 50 clients within their allowances: admission control alone', UNLIMITED);
await run('no allowances and no admission control, for comparison', {
  ...UNLIMITED,
  LIMIT_HEAVY_CONCURRENCY: '1000000',
});
process.exit(0);
