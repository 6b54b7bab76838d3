// `npm run bench:search`: the embedded engine and Meilisearch side by side on the same
// synthetic documents and queries, at 10 000 and 100 000 documents (BENCH_SEARCH_SIZES):
// indexing docs/s, search and filtered search p50/p95, memory; then the search through
// the gateway at 10 000. Starts the packaged Meilisearch unless MEILI_URL names one.
// Prints figures; asserts nothing. The documents are synthetic: German domain words in
// random order, random places and facets.

// The hub in this process, with graphql-js loaded as its process entries load it.
import '@welcome-hub/kit/graphql-production';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gatewayEnv, openPglite, parseConfig } from '@welcome-hub/kit';
import {
  EmbeddedSearchEngine,
  MeilisearchEngine,
  PACKAGED_MEILISEARCH_VERSION,
  defaultAnalyzer,
  meilisearchQueries,
  startLocalMeilisearch,
} from '@welcome-hub/search-engine';
import { startEmbedded } from '@welcome-hub/gateway';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const GATEWAY_SIZE = 10_000;
const EMBEDDED_BATCH = 1_000;
// Each upsert waits for its Meilisearch task, so small batches would measure task overhead.
const MEILI_BATCH = 10_000;
const MEILI_INDEXING_THREADS = 2;
const COMPRESSION_ROUNDS = 50;
const COMPRESSION_QUERY = 'Neubürger Empfang';
const MEILI_FACETS = ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind'];
const RUN_ID = `${Date.now().toString(36)}-${process.pid}`;

// RSS per size means more once the previous size's engine is collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const WORDS = (
  'Willkommen Neubürger Empfang Willkommensmappe Begrüßung Fachkräfte Familien Integration Sprachkurs Beratung Ehrenamt ' +
  'Patenschaft Netzwerk Runder Tisch Forum Austausch Wohnung Arbeitsmarkt Kita Schule Verein Sport Sporthalle Kultur Stadtführung ' +
  'Willkommenskultur Quick-Check Checkliste Qualitätsstandard Vorlage Gutscheinheft Willkommenstasche Welcome Center Konzept ' +
  'Veranstaltung Zugezogene Geflüchtete Studierende Auszubildende Nachbarschaft Stadtteil Rathaus Bürgerbüro Anlaufstelle ' +
  'digital Portal Broschüre mehrsprachig Orientierung Ankommen Heimat Region Kommune Gemeinde Kreis Projekt Förderung'
).split(' ');
const PLACES = [
  'Siegen',
  'Olpe',
  'Arnsberg',
  'Soest',
  'Lippstadt',
  'Iserlohn',
  'Dortmund',
  'Bochum',
  'Essen',
  'Hamm',
  'Herne',
  'Bad Sassendorf',
];
const TYPES = ['MUNICIPALITY', 'PRACTICE', 'MODULE', 'EVENT'];
const QUERIES = [
  'Neubürgerempfang',
  'Neubürger Empfang',
  'Empfang Zugezogene',
  'Willkomensmappe',
  'Begrüßungsmappe',
  'Sprachkurs Familien',
  'Fachkraefte Beratung',
  'Sporthalle',
  'Runder Tisch Integration',
  'Welcome Center',
  'Patenschaft Ehrenamt',
  'Quick-Check',
  'Stadtführung Siegen',
];
const FILTER = { region: 'RUHR', types: ['PRACTICE'] };

let seed;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

/** The same seed every call, so both engines get the same documents (and the first 10 000 of 100 000 are those of 10 000). */
function syntheticDocuments(count) {
  seed = 42;
  return Array.from({ length: count }, (_, i) => {
    const type = pick(TYPES);
    const region = random() < 0.5 ? 'SUEDWESTFALEN' : 'RUHR';
    const key = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return {
      id: `${type}:${key}`,
      type,
      key,
      title: `${words(3)} (synthetisch ${i})`,
      summary: words(20),
      text: words(40),
      places: [pick(PLACES)],
      region,
      district: region === 'RUHR' ? '05913' : '05970',
      targetGroups: type === 'PRACTICE' ? [pick(['FAMILIES', 'NEWCOMERS', 'REFUGEES'])] : [],
      fieldsOfAction: [],
      kind: null,
      location: { lat: 50.8 + random(), lon: 7 + random() * 1.5 },
    };
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(2)} ms`;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const count = (n) => n.toLocaleString('en');
const progress = (line) => process.stderr.write(`  … ${line}\n`);

async function timeQueries(run) {
  for (const q of QUERIES) await run(q); // warm-up
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await run(QUERIES[i % QUERIES.length]);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Indexing throughput and search latency of one engine; memory is measured by the caller, who knows where it lives. */
async function measure(engine, documents, batch) {
  await engine.applySettings();
  const start = performance.now();
  for (let i = 0; i < documents.length; i += batch) await engine.upsert(documents.slice(i, i + batch));
  const seconds = (performance.now() - start) / 1000;
  progress(`${engine.name}: ${count(documents.length)} docs indexed in ${seconds.toFixed(1)} s`);
  const search = await timeQueries((query) => engine.search({ query, offset: 0, limit: 20 }));
  const filtered = await timeQueries((query) => engine.search({ query, offset: 0, limit: 20, filter: FILTER }));
  return { docsPerSecond: documents.length / seconds, search, filtered };
}

// ---------------------------------------------------------------------------------------
// Meilisearch: the packaged one started here, or MEILI_URL
// ---------------------------------------------------------------------------------------

async function openMeilisearch() {
  if (process.env.MEILI_URL) {
    return {
      url: process.env.MEILI_URL,
      masterKey: process.env.MEILI_MASTER_KEY,
      pid: null,
      stop: async () => undefined,
    };
  }
  return startLocalMeilisearch({ maxIndexingThreads: MEILI_INDEXING_THREADS });
}

function meiliFetch(meili, path, init = {}) {
  const auth = meili.masterKey ? { authorization: `Bearer ${meili.masterKey}` } : {};
  return fetch(`${meili.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', ...auth, ...init.headers },
  });
}

async function meiliJson(meili, path, init) {
  const response = await meiliFetch(meili, path, init);
  if (!response.ok)
    throw new Error(`Meilisearch ${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Deletes an index and waits for it, so the deletion is not billed to the next size's indexing. */
async function deleteIndex(meili, uid) {
  const { taskUid } = await meiliJson(meili, `/indexes/${uid}`, { method: 'DELETE' });
  while (['enqueued', 'processing'].includes((await meiliJson(meili, `/tasks/${taskUid}`)).status))
    await new Promise((r) => setTimeout(r, 50));
}

/** Seconds Meilisearch itself spent on the index's document tasks (the rest of the wall time is the hub's analysis and HTTP). */
async function taskSeconds(meili, uid) {
  const { results } = await meiliJson(meili, `/tasks?indexUids=${uid}&types=documentAdditionOrUpdate&limit=1000`);
  const seconds = (duration) => {
    const [, h = 0, m = 0, s = 0] = /^PT(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?$/.exec(duration ?? '') ?? [];
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  return results.reduce((sum, task) => sum + seconds(task.duration), 0);
}

function meiliMemory(meili, stats) {
  const disk = `disk ${mib(stats.databaseSize)}`;
  if (meili.pid === null) return `${disk} (whole database)`;
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${meili.pid}/status`, 'utf8'))?.[1]);
  return `RSS ${mib(kib * 1024)}, ${disk}`;
}

/** The adapter's request for one query, raw, offering compression or not: what accept-encoding: identity saves. */
async function compressionCost(meili, uid, analyzer) {
  const q = meilisearchQueries(analyzer.queryWords(COMPRESSION_QUERY))[0];
  const body = JSON.stringify({
    q,
    page: 1,
    hitsPerPage: 20,
    facets: MEILI_FACETS,
    showRankingScore: true,
    matchingStrategy: 'last',
  });
  const variants = { identity: 'identity', compressed: 'gzip, deflate, br' };
  const times = { identity: [], compressed: [] };
  const encodings = {};
  for (let round = -5; round < COMPRESSION_ROUNDS; round++) {
    for (const [name, accept] of Object.entries(variants)) {
      const start = performance.now();
      const response = await meiliFetch(meili, `/indexes/${uid}/search`, {
        method: 'POST',
        headers: { 'accept-encoding': accept },
        body,
      });
      await response.arrayBuffer();
      if (round >= 0) times[name].push(performance.now() - start);
      encodings[name] = response.headers.get('content-encoding') ?? 'none';
    }
  }
  for (const list of Object.values(times)) list.sort((a, b) => a - b);
  return { times, encodings };
}

/** How often both engines put the same document first, and how many of the top 10 they share. */
async function agreement(embedded, meilisearch) {
  let sameTop = 0;
  let shared = 0;
  for (const query of QUERIES) {
    const [a, b] = await Promise.all([embedded, meilisearch].map((e) => e.search({ query, offset: 0, limit: 10 })));
    if (a.hits[0] && a.hits[0].document.id === b.hits[0]?.document.id) sameTop++;
    const ids = new Set(a.hits.map((h) => h.document.id));
    shared += b.hits.filter((h) => ids.has(h.document.id)).length;
  }
  return { sameTop, sharedTop10: shared / QUERIES.length };
}

async function benchSize(size, meili, analyzer, extras) {
  gc();
  const documents = syntheticDocuments(size);
  const embedded = new EmbeddedSearchEngine(analyzer);
  const embeddedResult = await measure(embedded, documents, EMBEDDED_BATCH);
  gc();
  embeddedResult.memory = `RSS ${mib(process.memoryUsage().rss)} (this process)`;

  const uid = `bench-${size}-${RUN_ID}`;
  const engine = new MeilisearchEngine({
    url: meili.url,
    apiKey: meili.masterKey,
    indexUid: uid,
    analyzer,
    timeoutMs: 60_000,
    taskTimeoutMs: 30 * 60_000,
  });
  meili.uids.add(uid);
  const meiliResult = await measure(engine, documents, MEILI_BATCH);
  meiliResult.note = ` (tasks ${(await taskSeconds(meili, uid)).toFixed(1)} s of ${(size / meiliResult.docsPerSecond).toFixed(1)} s)`;
  meiliResult.memory = meiliMemory(meili, await meiliJson(meili, '/stats'));
  if (size === SIZES[0]) {
    extras.agreement = await agreement(embedded, engine);
    extras.compression = await compressionCost(meili, uid, analyzer);
  }
  // Each size on its own: the previous index must not count towards the next one's memory.
  await deleteIndex(meili, uid);
  meili.uids.delete(uid);
  return { size, embedded: embeddedResult, meilisearch: meiliResult };
}

function printTable(results) {
  const row = (label, a, b) => console.log(`  ${label.padEnd(20)} ${a.padEnd(34)} ${b}`);
  const latency = (sorted) => `${percentile(sorted, 50).toFixed(2)} / ${ms(percentile(sorted, 95))}`;
  console.log(`\n  ${''.padEnd(20)} ${'embedded'.padEnd(34)} meilisearch`);
  for (const { size, embedded, meilisearch } of results) {
    console.log(`${count(size)} docs`);
    row(
      'indexing',
      `${count(Math.round(embedded.docsPerSecond))} docs/s`,
      `${count(Math.round(meilisearch.docsPerSecond))} docs/s${meilisearch.note}`,
    );
    row('search p50 / p95', latency(embedded.search), latency(meilisearch.search));
    row('filtered p50 / p95', latency(embedded.filtered), latency(meilisearch.filtered));
    row('memory', embedded.memory, meilisearch.memory);
  }
}

console.log(
  `Search benchmark: ${ROUNDS} queries per figure, ${QUERIES.length} German queries in turn, 20 hits each (synthetic documents);`,
);
console.log(`filtered: ${JSON.stringify(FILTER)}. Same documents (seeded) and queries for both engines.`);
const analyzer = defaultAnalyzer();
const meili = Object.assign(await openMeilisearch(), { uids: new Set() });
const results = [];
const extras = {};
try {
  const { pkgVersion } = await meiliJson(meili, '/version');
  console.log(
    process.env.MEILI_URL
      ? `Meilisearch ${pkgVersion} at MEILI_URL (its memory is not measured: not our process).`
      : `Meilisearch ${pkgVersion} (packaged ${PACKAGED_MEILISEARCH_VERSION}, started here, pid ${meili.pid}, ${MEILI_INDEXING_THREADS} indexing threads).`,
  );
  console.log(
    `Upserts: embedded ${count(EMBEDDED_BATCH)} docs each; meilisearch ${count(MEILI_BATCH)} docs each, each waiting until Meilisearch has processed ` +
      `its task; its docs/s include the hub's analysis of the text into *_terms, "tasks" is Meilisearch's own share.`,
  );
  console.log(`Process RSS before indexing: ${mib(process.memoryUsage().rss)}.`);
  for (const size of SIZES) results.push(await benchSize(size, meili, analyzer, extras));
} finally {
  // A failed run must not leave indexes behind in someone else's Meilisearch.
  for (const uid of meili.uids)
    await deleteIndex(meili, uid).catch((error) => console.error(`could not delete index ${uid}: ${error.message}`));
  await meili.stop();
}

printTable(results);
const { agreement: agreed, compression } = extras;
console.log(
  `\nSame top hit on both engines at ${count(SIZES[0])} docs: ${agreed.sameTop}/${QUERIES.length} queries (${Math.round((100 * agreed.sameTop) / QUERIES.length)} %); ` +
    `top 10 shared on average: ${agreed.sharedTop10.toFixed(1)} (ties are common among synthetic documents).`,
);
console.log(
  `Meilisearch answers uncompressed (the adapter sends accept-encoding: identity). The same query raw at ${count(SIZES[0])} docs, ` +
    `p50 of ${COMPRESSION_ROUNDS}: identity ${ms(percentile(compression.times.identity, 50))}, ` +
    `"gzip, deflate, br" ${ms(percentile(compression.times.compressed, 50))} (answered with ${compression.encodings.compressed}).`,
);

// Through the gateway: the embedded hub, its engine holding 10 000 synthetic documents
// besides the reference data (added after the start, whose rebuild would remove them).
// One client sends every query, so lift its allowances: ROUNDS searches at cost 460
// exceed the default budget, and this measures latency, not the limiter.
const hub = await startEmbedded({
  config: parseConfig(gatewayEnv, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_POINTS: '1000000000',
    RATE_LIMIT_COST_POINTS: '1000000000',
    // Off: repeated requests would measure the response cache (bench:gateway has it).
    RESPONSE_CACHE_TTL_SECONDS: '0',
  }),
  database: await openPglite(null),
  log: () => undefined,
});
try {
  const engine = hub.searchEngine;
  await engine.upsert(syntheticDocuments(GATEWAY_SIZE));
  const query = `query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { score title highlights { snippet } } } } }`;
  const post = async (q) => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { q } }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const times = await timeQueries(post);
  console.log(
    `\nthrough the gateway, ${count(await engine.count())} docs: search p50 ${ms(percentile(times, 50))} p95 ${ms(percentile(times, 95))} (HTTP, hits with highlights)`,
  );
} finally {
  await hub.close();
}
