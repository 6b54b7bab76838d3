import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createOrm, type Database } from '../src/index.js';
import { openSeededTestDatabase, type SeededTestDatabase } from '../src/testing/index.js';

// The run's seeded database: made once per seed configuration, then copied for every caller
// (a PGlite dump, or a template database on the server when DATABASE_URL is set).

const model = { schema: 'seeded_check', entities: [], migrations: [] };

async function query<T>(database: Database, sql: string): Promise<T[]> {
  const orm = await createOrm(model, database);
  try {
    return (await orm.em.getConnection().execute(sql)) as T[];
  } finally {
    await orm.close();
  }
}

describe('openSeededTestDatabase', () => {
  it('seeds once per configuration and hands every caller an independent copy with the seed log', async () => {
    const variant = { check: randomBytes(4).toString('hex') };
    let seeds = 0;
    const seed = async (database: Database) => {
      seeds++;
      await query(database, 'create schema "seeded_check"');
      await query(database, `create table "seeded_check"."note" ("text" text not null)`);
      await query(database, `insert into "seeded_check"."note" values ('seeded')`);
      return ['seeded one note'];
    };
    const opened: SeededTestDatabase[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const copy = await openSeededTestDatabase(seed, variant);
        if (!copy) throw new Error('no test run named (WELCOME_HUB_TEST_RUN, set by jest.config.js)');
        opened.push(copy);
      }
      expect(seeds).toBe(1);
      expect(opened.map((o) => o.seedLog)).toEqual([['seeded one note'], ['seeded one note'], ['seeded one note']]);
      // A write to one copy stays in it.
      const [first, second] = opened.map((o) => o.db.database);
      await query(first!, `insert into "seeded_check"."note" values ('only in the first')`);
      const texts = async (database: Database) =>
        (await query<{ text: string }>(database, `select "text" from "seeded_check"."note" order by 1`)).map(
          (r) => r.text,
        );
      expect(await texts(first!)).toEqual(['only in the first', 'seeded']);
      expect(await texts(second!)).toEqual(['seeded']);
      // Another configuration is seeded on its own.
      const other = await openSeededTestDatabase(seed, { ...variant, other: true });
      if (other) opened.push(other);
      expect(seeds).toBe(2);
    } finally {
      for (const copy of opened) await copy.db.close();
    }
  });
});
