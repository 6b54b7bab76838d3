import type { EntityMetadata, EntitySchema } from '@mikro-orm/core';
import type { DataModel, Em } from '../db/orm.js';
import { flushActor } from './actor.js';
import { AUDIT_TABLE, type AuditAction } from './audit-log.js';
import { personalPaths, recordChanges } from './changes.js';
import type { AuditedEntity } from './subscriber.js';

/** The entity a bulk-written table holds, and how its writes are audited. */
export interface BulkAudit extends AuditedEntity {
  entity: EntitySchema<any, any>;
}

/** One row a bulk statement inserted or changed, as the database returned it: before (null when inserted) and after. */
export interface BulkWrite {
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

type Data = Record<string, unknown>;

/** How `model` audits `entity`, for a bulk write of it; throws when the model does not audit it. */
export function auditedBy(model: DataModel, entity: EntitySchema<any, any>): BulkAudit {
  const spec = model.audited?.[entity.meta.className];
  if (!spec) throw new TypeError(`${model.schema} does not audit ${entity.meta.className}.`);
  return { entity, ...spec };
}

/** A record's key as the audit trail names it: MikroORM's serialized primary key. */
function recordIdOf(meta: EntityMetadata, entity: Data): string {
  return meta.primaryKeys.map((key) => String(entity[key])).join('~~~');
}

/**
 * Writes the audit entries of rows that one SQL statement wrote around the unit of work
 * (the seeds' bulk upserts): per row, the entry a flush would have written, with the same
 * changes and masking, as the actor `em` was forked for, in `em`'s transaction. Rows are
 * read into entities first, so values have the form a flush records.
 */
export async function auditBulkWrites(
  em: Em,
  schema: string,
  audit: BulkAudit,
  writes: readonly BulkWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const meta = em.getMetadata().get(audit.entity);
  const { subject, client } = flushActor(em, meta.className);
  const paths = personalPaths(audit.personal ?? []);
  // One throwaway identity map per side: a record read before and after must not merge.
  const [beforeView, afterView] = [em.fork(), em.fork()];
  const entries = writes.map(({ before: rawBefore, after: rawAfter }) => {
    const before = rawBefore ? (beforeView.map(audit.entity, rawBefore) as Data) : null;
    const after = afterView.map(audit.entity, rawAfter) as Data;
    const action: AuditAction = before ? 'update' : 'create';
    const owner = audit.owner ? (after[audit.owner] ?? null) : null;
    const changes = recordChanges(meta.props, paths, {
      before: (prop) => before?.[prop.name] ?? null,
      after: (prop) => after[prop.name],
    });
    return [
      subject,
      client,
      action,
      meta.className,
      recordIdOf(meta, after),
      typeof owner === 'string' ? owner : null,
      JSON.stringify(changes),
    ];
  });
  await em.execute(
    `insert into "${schema}"."${AUDIT_TABLE}" ("subject", "client", "action", "entity", "record_id", "owner_ags", "changes") values ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?::jsonb)').join(', ')}`,
    entries.flat(),
  );
}
