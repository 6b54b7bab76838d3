import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrm, migrate, type Orm } from '@welcome-hub/kit';
import { openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { loadReferenceData } from '@welcome-hub/reference';
import { municipalitiesModel } from '../src/model.js';
import { isEmpty, seedMunicipalities } from '../src/seed.js';

let db: TestDatabase;
let orm: Orm;
beforeAll(async () => {
  db = await openTestDatabase();
  orm = await createOrm(municipalitiesModel, db.database);
  await migrate(orm, municipalitiesModel);
});
afterAll(async () => {
  await orm?.close();
  await db?.close();
});

const rows = async (sql: string) => (await orm.em.getConnection().execute(sql)) as Record<string, unknown>[];

describe('seeding', () => {
  it('loads everything into an empty database, reporting progress', async () => {
    expect(await isEmpty(orm)).toBe(true);
    const log: string[] = [];
    const results = await seedMunicipalities(orm, { log: (line) => log.push(line) });
    expect(results.map((r) => [r.table, r.inserted])).toEqual([
      ['district', 20],
      ['municipality', 112],
      ['cooperation', 2],
      ['membership', 69],
    ]);
    expect(log).toHaveLength(4);
    expect(await isEmpty(orm)).toBe(false);
  });

  it('changes nothing on a second run', async () => {
    const before = await rows('select * from "municipalities"."cooperation" order by slug');
    const results = await seedMunicipalities(orm);
    expect(results.every((r) => r.inserted === 0 && r.updated === 0)).toBe(true);
    expect(await rows('select * from "municipalities"."cooperation" order by slug')).toEqual(before);
    expect(await rows('select count(*)::int as n from "municipalities"."membership"')).toEqual([{ n: 69 }]);
  });

  it('updates only what changed in the reference data', async () => {
    const data = loadReferenceData();
    const changed = {
      ...data,
      municipalities: data.municipalities.map((m) => (m.ags === '05970040' ? { ...m, population: 102686 } : m)),
    };
    const results = await seedMunicipalities(orm, { data: changed });
    expect(results.find((r) => r.table === 'municipality')).toMatchObject({ inserted: 0, updated: 1, unchanged: 111 });
    await seedMunicipalities(orm);
    expect(await rows(`select population from "municipalities"."municipality" where ags = '05970040'`)).toEqual([
      { population: 102685 },
    ]);
  });

  it('writes nothing when a step fails', async () => {
    const data = loadReferenceData();
    const broken = {
      ...data,
      districts: [
        ...data.districts,
        { code: '09162', name: 'München', kind: 'KREISFREIE_STADT' as const, region: 'RUHR' as const, source: 'test' },
      ],
      // A membership of an unknown municipality violates the foreign key after the districts were written.
      memberships: [
        ...data.memberships,
        {
          cooperationSlug: 'integration-interkommunal',
          ags: '09162000',
          status: 'MEMBER' as const,
          sinceYear: null,
          note: null,
          source: 'test',
        },
      ],
    };
    await expect(seedMunicipalities(orm, { data: broken })).rejects.toThrow();
    expect(await rows(`select code from "municipalities"."district" where code = '09162'`)).toEqual([]);
  });

  it('keeps the migrations table in the subgraph schema', async () => {
    const tables = await rows(
      `select table_schema from information_schema.tables where table_name = 'mikro_orm_migrations'`,
    );
    expect(tables).toEqual([{ table_schema: 'municipalities' }]);
  });
});
