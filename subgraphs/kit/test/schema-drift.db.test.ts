import { describe, expect, it } from '@jest/globals';
import { defineEntity, p, type EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { idProperty, textListProperty, type DataModel } from '../src/index.js';
import { modelDrift } from '../src/testing/index.js';

// The drift check must fail when an entity says something its migration did not: these
// models share one migration and differ from it in one detail each.
class DriftMigration extends Migration {
  override name = 'Migration1_drift';

  override up(): void {
    this.addSql(`create table "drift"."note" (
      "id" uuid not null primary key,
      "title" varchar(10) not null check ("title" <> ''),
      "tags" text[] not null default '{}',
      "parent_id" uuid null references "drift"."note" ("id"))`);
    this.addSql(`create index "note_title_index" on "drift"."note" ("title")`);
  }
}

type Properties = Record<string, unknown>;

/** The note as the migration built it, with `changes` applied to its properties. */
function noteModel(changes: (properties: Properties) => Properties = (same) => same): DataModel {
  const NoteEntity: EntitySchema = defineEntity({
    name: 'Note',
    tableName: 'note',
    properties: changes({
      ...idProperty(),
      title: p.string().length(10).index().check(`"title" <> ''`),
      tags: textListProperty(),
      parentId: () =>
        p
          .manyToOne(NoteEntity)
          .mapToPk()
          .nullable()
          .fieldName('parent_id')
          .foreignKeyName('note_parent_id_fkey')
          .deleteRule('no action'),
    }) as never,
  }) as unknown as EntitySchema;
  const migrations = [{ name: 'Migration1_drift', class: DriftMigration }];
  return { schema: 'drift', entities: [NoteEntity], migrations };
}

describe('schemaDrift', () => {
  it('is empty when the entity declares what the migration built', async () => {
    expect(await modelDrift(noteModel())).toEqual([]);
  });

  it('reports a changed length, nullability, default, check, index and foreign key', async () => {
    const changed = noteModel((props) => ({
      ...props,
      title: p.string().length(12).nullable(),
      tags: p.array(),
      parentId: p.uuid().nullable(),
    }));
    expect((await modelDrift(changed)).sort()).toEqual(
      [
        'alter table "drift"."note" drop constraint "note_parent_id_fkey"',
        'drop index "drift"."note_title_index"',
        'alter table "drift"."note" drop constraint "note_title_check"',
        'alter table "drift"."note" alter column "title" type varchar(12) using ("title"::varchar(12))',
        'alter table "drift"."note" alter column "title" drop not null',
        'alter table "drift"."note" alter column "tags" drop default',
      ].sort(),
    );
  });

  it('leaves out the allowed statements of the subgraph, and only those', async () => {
    const changed = noteModel((props) => ({ ...props, tags: p.array() }));
    const tags = 'alter table "{schema}"."note" alter column "tags" drop default';
    expect(await modelDrift(changed, [{ subgraph: 'drift', statements: [tags], why: 'test' }])).toEqual([]);
    expect(await modelDrift(changed, [{ subgraph: 'other', statements: [tags], why: 'test' }])).toEqual([
      'alter table "drift"."note" alter column "tags" drop default',
    ]);
  });
});
