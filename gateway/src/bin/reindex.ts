// `npm run reindex`: rebuild the search index from the databases, with a progress bar.
// With MEILI_URL it rebuilds that Meilisearch index; without, it rebuilds an embedded
// index in memory as a check (the embedded mode rebuilds its own index on every start).
import '@welcome-hub/kit/require-node';
import {
  EmbeddedSearchEngine,
  MeilisearchEngine,
  closeDatabase,
  createOrm,
  defaultAnalyzer,
  describeDatabase,
  exitOnConfigError,
  migrate,
  openDatabase,
  parseConfig,
  progressBar,
  reindex,
  subgraphEnv,
  type Orm,
} from '@welcome-hub/kit';
import { subgraphs } from '@welcome-hub/schema';

let config;
try {
  config = parseConfig(subgraphEnv);
} catch (error) {
  exitOnConfigError(error);
}
const analyzer = defaultAnalyzer();
const engine = config.MEILI_URL
  ? new MeilisearchEngine({ url: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY, indexUid: config.MEILI_INDEX, analyzer })
  : new EmbeddedSearchEngine(analyzer);
const database = await openDatabase(config);
console.log(`Reindexing from ${describeDatabase(database)} into ${config.MEILI_URL ? `Meilisearch index "${config.MEILI_INDEX}"` : 'an embedded index in memory (a check: set MEILI_URL to rebuild Meilisearch)'}`);
const orms: Orm[] = [];
const interactive = process.stdout.isTTY;
let lastLine = '';
try {
  const sources = [];
  for (const definition of subgraphs) {
    if (!definition.search) continue;
    const orm = await createOrm(definition.model, database);
    orms.push(orm);
    await migrate(orm, definition.model);
    sources.push({ name: definition.name, orm, feed: definition.search });
  }
  const started = Date.now();
  const indexed = await reindex(engine, sources, {
    onProgress: (progress) => {
      const line = progressBar(progress);
      if (interactive) process.stdout.write(`\r${line}${progress.done === progress.total ? '\n' : ''}`);
      else if (progress.done === progress.total && line !== lastLine) console.log(line);
      lastLine = line;
    },
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`Reindex complete: ${indexed} records in ${seconds.toFixed(1)} s (${Math.round(indexed / Math.max(seconds, 0.001))} records/s); the index holds ${await engine.count()}.`);
} catch (error) {
  console.error(`Reindex failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const orm of orms) await orm.close();
  await engine.close();
  await closeDatabase(database);
}
