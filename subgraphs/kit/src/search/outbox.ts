import {
  defineEntity,
  p,
  type EntitySchema,
  type EventSubscriber,
  type FlushEventArgs,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox: a row per change to a searchable record, written in the same
 * transaction as the change, so a committed change cannot miss the search index. The
 * row names the record only; the relay reads its current state when it pushes, which
 * makes delivering a row twice, or out of order, harmless.
 */
export const OUTBOX_TABLE = 'search_outbox';

/** A fresh entity definition per ORM: MikroORM's discovery mutates what it is given. */
export function createOutboxEntity(): EntitySchema {
  return defineEntity({
    name: 'SearchOutbox',
    tableName: OUTBOX_TABLE,
    properties: {
      id: p.bigint('number').primary().autoincrement(),
      entityKey: p.string().length(64),
      createdAt: p.datetime(),
      attempts: p.integer(),
      availableAt: p.datetime(),
      lastError: p.text().nullable(),
    },
  }) as unknown as EntitySchema;
}

/** Creates the outbox table in a subgraph's schema; each subgraph lists it among its migrations. */
export function outboxMigration(schema: string, name: string): MigrationObject['class'] {
  const table = `"${schema}"."${OUTBOX_TABLE}"`;
  return class OutboxMigration extends Migration {
    override name = name;
    override up(): void {
      this.addSql(`create table ${table} (
        "id" bigserial primary key,
        "entity_key" varchar(64) not null,
        "created_at" timestamptz not null default now(),
        "attempts" int not null default 0,
        "available_at" timestamptz not null default now(),
        "last_error" text null)`);
      this.addSql(`create index "${OUTBOX_TABLE}_available_at_index" on ${table} ("available_at", "id")`);
    }
    override down(): void {
      this.addSql(`drop table ${table}`);
    }
  };
}

/**
 * Adds an outbox row to the flush for every created, changed or deleted entity of a
 * watched type. `watch` maps an entity name to the property holding the indexed key.
 */
export class OutboxSubscriber implements EventSubscriber {
  constructor(
    private readonly watch: Record<string, string>,
    private readonly outbox: EntitySchema,
  ) {}

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const keys = new Set<string>();
    for (const changeSet of uow.getChangeSets()) {
      const keyProperty = this.watch[changeSet.meta.className];
      if (!keyProperty) continue;
      const key = (changeSet.entity as Record<string, unknown>)[keyProperty] ?? changeSet.originalEntity?.[keyProperty];
      if (typeof key === 'string') keys.add(key);
    }
    for (const entityKey of keys) {
      const now = new Date();
      const row = em.create(
        this.outbox as EntitySchema<object>,
        { entityKey, createdAt: now, attempts: 0, availableAt: now, lastError: null } as never,
        { persist: false },
      );
      uow.computeChangeSet(row);
    }
  }
}
