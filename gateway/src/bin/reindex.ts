// `npm run reindex`: rebuild the search index from the databases, with a progress bar.
// With MEILI_URL it rebuilds that Meilisearch index; without, it rebuilds an embedded
// index in memory as a check (the embedded mode rebuilds its own index on every start).
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import {
  closeDatabase,
  createOrm,
  describeDatabase,
  configOrExit,
  migrate,
  openDatabase,
  parseConfig,
  progressBar,
  reindex,
  subgraphEnv,
  type Orm,
} from '@welcome-hub/kit';
import { EmbeddedSearchEngine, defaultAnalyzer, meilisearchFromConfig } from '@welcome-hub/search-engine';
import { subgraphs } from '@welcome-hub/schema';

const config = configOrExit(() => parseConfig(subgraphEnv));
const engine = meilisearchFromConfig(config) ?? new EmbeddedSearchEngine(defaultAnalyzer());
const database = await openDatabase(config);
console.log(
  `Reindexing from ${describeDatabase(database)} into ${config.MEILI_URL ? `Meilisearch index "${config.MEILI_INDEX}"` : 'an embedded index in memory (a check: set MEILI_URL to rebuild Meilisearch)'}`,
);
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
  console.log(
    `Reindex complete: ${indexed} records in ${seconds.toFixed(1)} s (${Math.round(indexed / Math.max(seconds, 0.001))} records/s); the index holds ${await engine.count()}.`,
  );
} catch (error) {
  console.error(`Reindex failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const orm of orms) await orm.close();
  await engine.close();
  await closeDatabase(database);
}
