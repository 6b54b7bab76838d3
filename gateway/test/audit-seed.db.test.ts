import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, createOrm, forkFor, openPglite, type Database, type Em, type Orm } from '@welcome-hub/kit';
import { openTestDatabase, unauditedRecords, type TestDatabase } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';
import { runProcess } from './processes.js';

// `npm run seed` again on a hub in use (scripts/start-distributed.mjs runs it on every
// start): it must not overwrite what was edited since, and what it does refresh, the
// official reference statistics, it records in the audit trail. The built entry point,
// on PostgreSQL when DATABASE_URL is set, else on a PGlite folder of its own.
const SIEGEN = '05970040';
let dataDir: string;
let serverDb: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'welcome-hub-audit-seed-'));
  if (process.env.DATABASE_URL) serverDb = await openTestDatabase();
  env = { DATABASE_URL: serverDb?.url ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  await serverDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `fn` with an ORM per subgraph on the seeded database; PGlite is opened only while no seed process holds it. */
async function withOrms<T>(fn: (orms: Map<string, Orm>) => Promise<T>): Promise<T> {
  const database: Database = serverDb?.database ?? (await openPglite(join(dataDir, 'pglite')));
  const orms = new Map<string, Orm>();
  try {
    for (const { name, model } of subgraphs) orms.set(name, await createOrm(model, database));
    return await fn(orms);
  } finally {
    for (const orm of orms.values()) await orm.close();
    await closeDatabase(database);
  }
}

const seed = async () => {
  const run = await runProcess('gateway/dist/bin/seed.js', [], env);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  return run.stdout;
};

describe('seeding a hub in use', () => {
  it('loads empty subgraphs, and on the next run keeps edited records and records refreshed statistics', async () => {
    expect(await seed()).toMatch(/practice\s+5 inserted/);

    await withOrms(async (orms) => {
      // A coordinator's edit, through the unit of work as the API makes it.
      const coordinator = forkFor(orms.get('practices')!.em, {
        kind: 'user',
        sub: 'coordinator',
        role: 'coordinator',
        ags: [],
      }) as Em;
      const Practice = [...orms.get('practices')!.getMetadata().getAll().values()].find(
        (m) => m.className === 'Practice',
      )!.class;
      const practice = (await coordinator.findOneOrFail(Practice, { slug: 'willkommen-in-siegen' })) as {
        title: string;
      };
      practice.title = 'Willkommen in Siegen, überarbeitet';
      await coordinator.flush();
      // An older release of the official statistics, as a database seeded before the current one holds it.
      await orms
        .get('municipalities')!
        .em.getConnection()
        .execute(`update "municipalities"."municipality" set population = 100000 where ags = '${SIEGEN}'`);
    });

    const again = await seed();
    for (const name of ['practices', 'modules', 'events'])
      expect(again).toContain(`${name}: holds data already, not seeded`);
    expect(again).toMatch(/municipality\s+0 inserted, 1 updated, 111 unchanged/);

    await withOrms(async (orms) => {
      const rows = async (name: string, sql: string) =>
        (await orms.get(name)!.em.getConnection().execute(sql)) as Record<string, unknown>[];
      expect(
        await rows('practices', `select title from "practices"."practice" where slug = 'willkommen-in-siegen'`),
      ).toEqual([{ title: 'Willkommen in Siegen, überarbeitet' }]);
      const refreshed = await rows(
        'municipalities',
        `select subject, action, owner_ags, changes from "municipalities"."audit_log" where entity = 'Municipality' and record_id = '${SIEGEN}' order by id`,
      );
      expect(refreshed).toEqual([
        expect.objectContaining({ subject: 'system', action: 'create', owner_ags: SIEGEN }),
        {
          subject: 'system',
          action: 'update',
          owner_ags: SIEGEN,
          changes: { population: { old: 100000, new: 102685 } },
        },
      ]);
      for (const { name, model } of subgraphs)
        expect({ name, unaudited: await unauditedRecords(orms.get(name)!, model) }).toEqual({ name, unaudited: [] });
    });
  }, 120_000);
});
