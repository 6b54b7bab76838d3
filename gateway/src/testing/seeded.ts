// The run's seeded database for the test hubs (kit's testing/seeded.ts keeps and copies it):
// every subgraph migrated and seeded, as the embedded start would.
import {
  commonEnv,
  migrateSubgraph,
  parseConfig,
  seedConfig,
  seedIfEmpty,
  withEachOrm,
  type Database,
  type SeedConfig,
} from '@welcome-hub/kit';
import { openSeededTestDatabase, type SeededTestDatabase } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';

/** Migrates every subgraph's schema and loads the reference data, as the embedded start does; returns the seed's lines. */
async function migrateAndSeed(database: Database, config: SeedConfig): Promise<string[]> {
  const lines: string[] = [];
  await withEachOrm(subgraphs, database, async (definition, orm) => {
    await migrateSubgraph(definition, orm);
    await seedIfEmpty(definition, orm, (line) => lines.push(line), config);
  });
  return lines;
}

/**
 * A test hub's database, migrated and seeded: a copy of the run's, seeded with the part of
 * the hub's configuration (`env` as the hub gets it) a seed reads (SEED_CONFIG_KEYS), so
 * that hubs whose seeds read the same share one copy; null outside a test run.
 */
export function openSeededHubDatabase(env: Record<string, string>): Promise<SeededTestDatabase | null> {
  const config = seedConfig(parseConfig(commonEnv, env));
  return openSeededTestDatabase((database) => migrateAndSeed(database, config), config);
}
