import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import {
  createOrm,
  findByKeys,
  forkForSystem,
  migrate,
  textListProperty,
  type DataModel,
  type Orm,
} from '../src/index.js';
import { openTestDatabase, type TestDatabase } from '../src/testing/index.js';

// findByKeys must answer what em.find answers for the same keys, order and condition.
const ItemEntity = defineEntity({
  name: 'Item',
  tableName: 'item',
  properties: {
    id: p.string().length(4).primary(),
    owner: p.string().length(8),
    title: p.string().length(40),
    day: p.date().nullable(),
    draft: p.boolean(),
    tags: textListProperty(),
    size: p.decimal('number').precision(6).scale(2).nullable(),
  },
});

class ItemMigration extends Migration {
  override name = 'Migration1_items';

  override up(): void {
    this.addSql(`create table "bykeys"."item" ("id" varchar(4) not null primary key, "owner" varchar(8) not null,
      "title" varchar(40) not null, "day" date null, "draft" boolean not null, "tags" text[] not null default '{}',
      "size" numeric(6,2) null)`);
    this.addSql(`insert into "bykeys"."item" values
      ('a1', 'x', 'Zeta', '2026-01-02', false, '{one,two}', 1.50),
      ('a2', 'x', 'Ähre', null, false, '{}', null),
      ('a3', 'x', 'Alpha', '2026-01-01', true, '{two}', 12.25),
      ('b1', 'y', 'Beta', '2026-03-01', false, '{}', 3),
      ('c1', 'z', 'Gamma', '2026-02-01', false, '{}', null)`);
  }
}

const model: DataModel = {
  schema: 'bykeys',
  entities: [ItemEntity],
  migrations: [{ name: 'Migration1_items', class: ItemMigration }],
};

let db: TestDatabase;
let orm: Orm;
beforeAll(async () => {
  db = await openTestDatabase();
  orm = await createOrm(model, db.database);
  await migrate(orm, model);
});
afterAll(async () => {
  await orm?.close();
  await db?.close();
});

const plain = (rows: object[]) => rows.map((row) => ({ ...row }));

describe('findByKeys', () => {
  it('answers as em.find does: rows, types and order (nulls last, collation)', async () => {
    const orderBy = { day: 'asc nulls last', title: 'asc', id: 'asc' } as const;
    const found = await findByKeys(forkForSystem(orm.em), ItemEntity, 'owner', ['x', 'y', 'nobody'], { orderBy });
    const expected = await forkForSystem(orm.em).find(
      ItemEntity,
      { owner: { $in: ['x', 'y', 'nobody'] } },
      { orderBy },
    );
    expect(plain(found)).toEqual(plain(expected));
    expect(found.map((item) => item.id)).toEqual(['a3', 'a1', 'b1', 'a2']);
    expect(found[0]).toMatchObject({ tags: ['two'], size: 12.25, draft: true });
    const byTitle = await findByKeys(forkForSystem(orm.em), ItemEntity, 'owner', ['x'], { orderBy: { title: 'desc' } });
    const titles = await forkForSystem(orm.em).find(ItemEntity, { owner: 'x' }, { orderBy: { title: 'desc' } });
    expect(byTitle.map((item) => item.title)).toEqual(titles.map((item) => item.title));
  });

  it('keeps only the rows the condition admits, as the same condition in SQL does', async () => {
    const where = { $or: [{ draft: false }, { owner: { $in: ['z'] } }] };
    const found = await findByKeys(forkForSystem(orm.em), ItemEntity, 'owner', ['x', 'z'], {
      where,
      orderBy: { id: 'asc' },
    });
    const expected = await forkForSystem(orm.em).find(
      ItemEntity,
      { $and: [where, { owner: { $in: ['x', 'z'] } }] },
      { orderBy: { id: 'asc' } },
    );
    expect(found.map((item) => item.id)).toEqual(['a1', 'a2', 'c1']);
    expect(plain(found)).toEqual(plain(expected));
  });

  it('sends nothing for no keys, and refuses a property without a column or an unknown direction', async () => {
    await expect(findByKeys(forkForSystem(orm.em), ItemEntity, 'owner', [])).resolves.toEqual([]);
    await expect(findByKeys(forkForSystem(orm.em), ItemEntity, 'nope' as 'owner', ['x'])).rejects.toThrow(
      /no column for nope/,
    );
    await expect(
      findByKeys(forkForSystem(orm.em), ItemEntity, 'owner', ['x'], { orderBy: { id: 'asc; drop table x' as 'asc' } }),
    ).rejects.toThrow(/Unknown sort direction/);
  });
});
