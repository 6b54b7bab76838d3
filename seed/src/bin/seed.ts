// `npm run seed`: migrate and load the reference data into DATABASE_URL (or the embedded PGlite).
import '@welcome-hub/kit/require-node';
import { closeDatabase, commonEnv, createOrm, describeDatabase, exitOnConfigError, migrate, openDatabase, parseConfig } from '@welcome-hub/kit';
import { municipalitiesModel } from '@welcome-hub/municipalities';
import { seedMunicipalities } from '../seed.js';

let config;
try {
  config = parseConfig(commonEnv);
} catch (error) {
  exitOnConfigError(error);
}
const database = await openDatabase(config);
console.log(`Seeding ${describeDatabase(database)}`);
const orm = await createOrm(municipalitiesModel, database);
try {
  const applied = await migrate(orm, municipalitiesModel);
  console.log(`municipalities: ${applied.length} migration(s) applied`);
  await seedMunicipalities(orm, { log: (line) => console.log(line) });
  console.log('Seed complete.');
} finally {
  await orm.close();
  await closeDatabase(database);
}
