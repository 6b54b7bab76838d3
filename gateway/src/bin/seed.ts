// `npm run seed`: migrate every subgraph's schema and load the reference data into
// DATABASE_URL (or the embedded PGlite under DATA_DIR). Safe to repeat.
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import {
  closeDatabase,
  commonEnv,
  describeDatabase,
  configOrExit,
  migrateSubgraph,
  openDatabase,
  parseConfig,
  seedIfEmpty,
  withEachOrm,
  type CommonConfig,
  type Orm,
  type SubgraphDefinition,
} from '@welcome-hub/kit';
import { subgraphs } from '@welcome-hub/schema';

// A seed loads an empty subgraph only: its records are edited through the API afterwards,
// and loading them again would overwrite those edits. The municipalities' seed is the
// exception: it keeps the official reference statistics current (population, area,
// districts, cooperation members), which no API writes, and records every change it makes
// in the audit trail as the system's.
const REFRESHED_ON_EVERY_RUN = new Set(['municipalities']);

async function seed(definition: SubgraphDefinition, orm: Orm, config: CommonConfig): Promise<void> {
  if (!definition.seed) return;
  const log = (line: string) => console.log(line);
  // A subgraph that cannot tell whether it is empty is seeded every time.
  if (REFRESHED_ON_EVERY_RUN.has(definition.name) || !definition.isEmpty) await definition.seed(orm, log, config);
  else if (!(await seedIfEmpty(definition, orm, log, config))) {
    console.log(`${definition.name}: holds data already, not seeded (a seed never overwrites records edited since)`);
  }
}

const config = configOrExit(() => parseConfig(commonEnv));
const database = await openDatabase(config);
console.log(`Seeding ${describeDatabase(database)}`);
try {
  await withEachOrm(subgraphs, database, async (definition, orm) => {
    const applied = await migrateSubgraph(definition, orm);
    console.log(`${definition.name}: ${applied.length} migration(s) applied`);
    await seed(definition, orm, config);
  });
  console.log('Seed complete.');
} finally {
  await closeDatabase(database);
}
