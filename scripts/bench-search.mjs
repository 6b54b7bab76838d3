// `npm run bench:search`: indexing throughput and search latency of the embedded engine
// at 10 000 and 100 000 synthetic documents, and through the gateway at 10 000 (plus
// Meilisearch when MEILI_URL is set). Prints figures; asserts nothing. The documents are
// synthetic: German domain words in random order, random places and facets.
import { performance } from 'node:perf_hooks';
import { EmbeddedSearchEngine, MeilisearchEngine, defaultAnalyzer, gatewayEnv, openPglite, parseConfig } from '@welcome-hub/kit';
// Meilisearch runs leave their bench-* indexes behind for inspection; delete them in its UI or API.
import { startEmbedded } from '@welcome-hub/gateway';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const GATEWAY_SIZE = 10_000;

const WORDS = ('Willkommen Neubürger Empfang Willkommensmappe Begrüßung Fachkräfte Familien Integration Sprachkurs Beratung Ehrenamt ' +
  'Patenschaft Netzwerk Runder Tisch Forum Austausch Wohnung Arbeitsmarkt Kita Schule Verein Sport Sporthalle Kultur Stadtführung ' +
  'Willkommenskultur Quick-Check Checkliste Qualitätsstandard Vorlage Gutscheinheft Willkommenstasche Welcome Center Konzept ' +
  'Veranstaltung Zugezogene Geflüchtete Studierende Auszubildende Nachbarschaft Stadtteil Rathaus Bürgerbüro Anlaufstelle ' +
  'digital Portal Broschüre mehrsprachig Orientierung Ankommen Heimat Region Kommune Gemeinde Kreis Projekt Förderung').split(' ');
const PLACES = ['Siegen', 'Olpe', 'Arnsberg', 'Soest', 'Lippstadt', 'Iserlohn', 'Dortmund', 'Bochum', 'Essen', 'Hamm', 'Herne', 'Bad Sassendorf'];
const TYPES = ['MUNICIPALITY', 'PRACTICE', 'MODULE', 'EVENT'];
const QUERIES = ['Neubürgerempfang', 'Neubürger Empfang', 'Empfang Zugezogene', 'Willkomensmappe', 'Begrüßungsmappe', 'Sprachkurs Familien',
  'Fachkraefte Beratung', 'Sporthalle', 'Runder Tisch Integration', 'Welcome Center', 'Patenschaft Ehrenamt', 'Quick-Check', 'Stadtführung Siegen'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

function syntheticDocuments(count) {
  return Array.from({ length: count }, (_, i) => {
    const type = pick(TYPES);
    const region = random() < 0.5 ? 'SUEDWESTFALEN' : 'RUHR';
    const key = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return {
      id: `${type}:${key}`, type, key, title: `${words(3)} (synthetisch ${i})`, summary: words(20), text: words(40), places: [pick(PLACES)],
      region, district: region === 'RUHR' ? '05913' : '05970', targetGroups: type === 'PRACTICE' ? [pick(['FAMILIES', 'NEWCOMERS', 'REFUGEES'])] : [],
      fieldsOfAction: [], kind: null, location: { lat: 50.8 + random(), lon: 7 + random() * 1.5 },
    };
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(2)} ms`;
const mib = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;

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

async function benchEngine(name, engine, size) {
  const documents = syntheticDocuments(size);
  await engine.applySettings();
  const start = performance.now();
  for (let i = 0; i < documents.length; i += 1000) await engine.upsert(documents.slice(i, i + 1000));
  const seconds = (performance.now() - start) / 1000;
  const times = await timeQueries((query) => engine.search({ query, offset: 0, limit: 20 }));
  const filtered = await timeQueries((query) => engine.search({ query, offset: 0, limit: 20, filter: { region: 'RUHR', types: ['PRACTICE'] } }));
  console.log(
    `${name.padEnd(12)} ${String(size).padStart(7)} docs  indexing ${Math.round(size / seconds).toLocaleString('en')} docs/s` +
      `  search p50 ${ms(percentile(times, 50))} p95 ${ms(percentile(times, 95))}` +
      `  filtered p50 ${ms(percentile(filtered, 50))} p95 ${ms(percentile(filtered, 95))}  RSS ${mib()}`,
  );
}

console.log(`Search benchmark: ${ROUNDS} queries per figure, ${QUERIES.length} German queries in turn, 20 hits each (synthetic documents).\n`);
const analyzer = defaultAnalyzer();
for (const size of SIZES) await benchEngine('embedded', new EmbeddedSearchEngine(analyzer), size);
if (process.env.MEILI_URL) {
  for (const size of SIZES) {
    const engine = new MeilisearchEngine({ url: process.env.MEILI_URL, apiKey: process.env.MEILI_MASTER_KEY, indexUid: `bench-${size}-${Date.now()}`, analyzer });
    await benchEngine('meilisearch', engine, size);
  }
} else {
  console.log('meilisearch  (skipped: set MEILI_URL to include it)');
}

// Through the gateway: the embedded hub, its engine holding 10 000 synthetic documents
// besides the reference data (added after the start, whose rebuild would remove them).
const hub = await startEmbedded({
  config: parseConfig(gatewayEnv, { PORT: '0', LOG_LEVEL: 'silent' }),
  database: await openPglite(null),
  log: () => undefined,
});
const engine = hub.searchEngine;
await engine.upsert(syntheticDocuments(GATEWAY_SIZE));
const query = `query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { score title highlights { snippet } } } } }`;
const post = async (q) => {
  const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { q } }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
};
const times = await timeQueries(post);
console.log(`\nthrough the gateway, ${await engine.count()} docs: search p50 ${ms(percentile(times, 50))} p95 ${ms(percentile(times, 95))} (HTTP, hits with highlights)`);
await hub.close();
