import { defineEntity, p, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { Changes } from './changes.js';

/**
 * The audit trail: one row per created, changed or deleted record of an audited entity,
 * written in the transaction of the change (audit/subscriber.ts). Each subgraph keeps its
 * own in its schema; the database refuses to change or delete a row once written.
 */
export const AUDIT_TABLE = 'audit_log';
export const AUDIT_ENTITY = 'AuditLog';

export type AuditAction = 'create' | 'update' | 'delete';

/** One row of the audit trail, as the subscriber writes it. */
export interface AuditLogRow {
  id?: string;
  at: Date;
  /** The token subject, 'anonymous', or 'system' for writes outside a request. */
  subject: string;
  /** The OAuth client of the token: a partner system, or the app a person signed in with; null for development tokens and the system. */
  client: string | null;
  action: AuditAction;
  /** The audited entity's name, e.g. "Practice". */
  entity: string;
  recordId: string;
  /** The AGS of the municipality owning the record: its editors read the record's history. */
  ownerAgs: string | null;
  changes: Changes;
}

/** A fresh entity definition per ORM: MikroORM's discovery mutates what it is given. */
export function createAuditEntity(): EntitySchema {
  return defineEntity({
    name: AUDIT_ENTITY,
    tableName: AUDIT_TABLE,
    properties: {
      id: p.bigint('string').primary().autoincrement(),
      at: p.datetime().defaultRaw('now()'),
      // OpenID Connect caps a subject at 255 characters; client ids get the same room.
      subject: p.string().length(255),
      client: p.string().length(255).nullable(),
      action: p.string().length(6).check(`"action" in ('create', 'update', 'delete')`),
      entity: p.string().length(60),
      recordId: p.string().length(200),
      ownerAgs: p.string().length(8).nullable(),
      changes: p.json<Changes>().defaultRaw(`'{}'`),
    },
    // As `auditMigration` and `auditPagingMigration` create them (schema-drift.ts compares).
    indexes: [
      { name: `${AUDIT_TABLE}_record_index`, properties: ['entity', 'recordId', 'id'] },
      { name: `${AUDIT_TABLE}_subject_index`, properties: ['subject', 'id'] },
      { name: `${AUDIT_TABLE}_at_index`, properties: ['at'] },
      { name: `${AUDIT_TABLE}_owner_paging_index`, properties: ['ownerAgs', 'id'] },
      { name: `${AUDIT_TABLE}_record_id_paging_index`, properties: ['recordId', 'id'] },
      { name: `${AUDIT_TABLE}_entity_paging_index`, properties: ['entity', 'id'] },
    ],
  }) as unknown as EntitySchema;
}

/**
 * Creates the audit table in a subgraph's schema, append-only: triggers refuse UPDATE,
 * DELETE and TRUNCATE, so no code path of the hub (nor a stray statement) can rewrite the
 * history. The database owner can still drop the triggers; separate roles would close that
 * too. Each subgraph lists it among its migrations.
 */
export function auditMigration(schema: string, name: string): MigrationObject['class'] {
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  const refuse = `"${schema}"."${AUDIT_TABLE}_refuse_change"`;
  return class AuditMigration extends Migration {
    override name = name;
    override up(): void {
      this.addSql(`create table ${table} (
        "id" bigserial primary key,
        "at" timestamptz not null default now(),
        "subject" varchar(255) not null,
        "client" varchar(255) null,
        "action" varchar(6) not null check ("action" in ('create', 'update', 'delete')),
        "entity" varchar(60) not null,
        "record_id" varchar(200) not null,
        "owner_ags" varchar(8) null,
        "changes" jsonb not null default '{}')`);
      this.addSql(`create index "${AUDIT_TABLE}_record_index" on ${table} ("entity", "record_id", "id")`);
      this.addSql(`create index "${AUDIT_TABLE}_subject_index" on ${table} ("subject", "id")`);
      this.addSql(`create index "${AUDIT_TABLE}_at_index" on ${table} ("at")`);
      this.addSql(`create function ${refuse}() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_log is append-only: % refused', tg_op using hint = 'Audit entries are never changed or deleted.';
        end $$`);
      this.addSql(
        `create trigger "${AUDIT_TABLE}_append_only" before update or delete on ${table} for each row execute function ${refuse}()`,
      );
      this.addSql(
        `create trigger "${AUDIT_TABLE}_no_truncate" before truncate on ${table} for each statement execute function ${refuse}()`,
      );
    }
    override down(): void {
      this.addSql(`drop table ${table}`);
      this.addSql(`drop function ${refuse}()`);
    }
  };
}

/**
 * Indexes for paging the audit trail by its filters in id order (audit.repository.ts reads
 * `where <filter> and id > <cursor> order by id`): by owning municipality, by record alone
 * and by type. Subject and record-with-type have theirs since `auditMigration`. Each
 * subgraph with an audit table lists it after that migration.
 */
export function auditPagingMigration(schema: string, name: string): MigrationObject['class'] {
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  const indexes = { owner: ['owner_ags', 'id'], record_id: ['record_id', 'id'], entity: ['entity', 'id'] };
  return class AuditPagingMigration extends Migration {
    override name = name;
    override up(): void {
      for (const [label, columns] of Object.entries(indexes)) {
        this.addSql(
          `create index "${AUDIT_TABLE}_${label}_paging_index" on ${table} (${columns.map((c) => `"${c}"`).join(', ')})`,
        );
      }
    }
    override down(): void {
      for (const label of Object.keys(indexes))
        this.addSql(`drop index "${schema}"."${AUDIT_TABLE}_${label}_paging_index"`);
    }
  };
}
