// `npm run seed`: migrate every subgraph's schema and load the reference data into
// DATABASE_URL (or the embedded PGlite under DATA_DIR). Safe to repeat.
import '@welcome-hub/kit/require-node';
import { closeDatabase, commonEnv, createOrm, describeDatabase, exitOnConfigError, migrate, openDatabase, parseConfig } from '@welcome-hub/kit';
import { subgraphs } from '@welcome-hub/schema';

let config;
try {
  config = parseConfig(commonEnv);
} catch (error) {
  exitOnConfigError(error);
}
const database = await openDatabase(config);
console.log(`Seeding ${describeDatabase(database)}`);
try {
  for (const definition of subgraphs) {
    const orm = await createOrm(definition.model, database);
    try {
      const applied = await migrate(orm, definition.model);
      console.log(`${definition.name}: ${applied.length} migration(s) applied`);
      if (definition.seed) await definition.seed(orm, (line) => console.log(line));
    } finally {
      await orm.close();
    }
  }
  console.log('Seed complete.');
} finally {
  await closeDatabase(database);
}
