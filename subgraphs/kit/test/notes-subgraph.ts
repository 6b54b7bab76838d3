import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext, SubgraphDefinition } from '../src/index.js';

/** A note: a short title (varchar) and tags (JSON), enough to exercise the kit's guards. */
export const NoteEntity = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: {
    id: p.uuid().primary(),
    title: p.string().length(10),
    tags: p.json<string[]>(),
  },
});

/** Declares no length for a varchar(20) column: what `columnLengthMismatches` must catch. */
export const LooseEntity = defineEntity({
  name: 'Loose',
  tableName: 'loose',
  properties: { id: p.uuid().primary(), name: p.string() },
});

class NotesMigration extends Migration {
  override name = 'Migration1_notes';

  override up(): void {
    this.addSql(
      `create table "notes"."note" ("id" uuid not null primary key, "title" varchar(10) not null, "tags" jsonb not null)`,
    );
    this.addSql(`create table "notes"."loose" ("id" uuid not null primary key, "name" varchar(20) not null)`);
  }
}

@ObjectType('Note')
class Note {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  title!: string;
}

@InputType('NoteInput')
class NoteInput {
  @Field(() => String)
  title!: string;
  @Field(() => [String])
  tags!: string[];
}

@Resolver()
class NoteResolver {
  @Query(() => Int)
  noteCount(@Ctx() ctx: RequestContext) {
    return ctx.em.count(NoteEntity);
  }

  @Mutation(() => Note)
  async addNote(@Arg('input', () => NoteInput) input: NoteInput, @Ctx() ctx: RequestContext) {
    const note = ctx.em.create(NoteEntity, { id: randomUUID(), title: input.title.trim(), tags: input.tags });
    await ctx.em.persist(note).flush();
    return note;
  }
}

/** A one-table subgraph for the kit's own tests. */
export const notesSubgraph: SubgraphDefinition = {
  name: 'notes',
  defaultPort: 0,
  model: {
    schema: 'notes',
    entities: [NoteEntity, LooseEntity],
    migrations: [{ name: 'Migration1_notes', class: NotesMigration }],
  },
  schema: { resolvers: [NoteResolver], referenceResolvers: {} },
  createLoaders: () => ({}),
};
