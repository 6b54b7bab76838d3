import {
  ChangeSetType,
  type ChangeSet,
  type EntityProperty,
  type EntitySchema,
  type EventSubscriber,
  type FlushEventArgs,
  type Platform,
} from '@mikro-orm/core';
import { flushActor, type AuditActor } from './actor.js';
import type { AuditAction, AuditLogRow } from './audit-log.js';
import { personalPaths, recordChanges, type Changes } from './changes.js';

/** How one entity is audited; see `DataModel.audited`. */
export interface AuditedEntity {
  /** Property holding the AGS of the municipality that owns a record: its editors read the record's history. */
  owner?: string;
  /**
   * Personal data, masked in the log: a property (`contactEmail`), each element of a list
   * (`names[]`) or one key of each element (`contacts[].email`). Free text that people
   * write about people (notes, roles) counts: the log could not be erased later.
   */
  personal?: readonly string[];
}

const ACTIONS: Record<ChangeSetType, AuditAction> = {
  [ChangeSetType.CREATE]: 'create',
  [ChangeSetType.UPDATE]: 'update',
  [ChangeSetType.UPDATE_EARLY]: 'update',
  [ChangeSetType.DELETE]: 'delete',
  [ChangeSetType.DELETE_EARLY]: 'delete',
};

type Data = Record<string, unknown>;

/** A property's value in the snapshot MikroORM keeps of a loaded record (database form) as the entity holds it. */
function snapshotValue(prop: EntityProperty, raw: unknown, platform: Platform): unknown {
  if (raw === null || raw === undefined || !prop.customType) return raw;
  return prop.customType.convertToJSValue(raw, platform, { force: true });
}

/**
 * Adds to every flush one audit row per created, changed or deleted record of an audited
 * entity, so the rows commit or roll back with the change itself. Who wrote it comes from
 * the flushing entity manager (audit/actor.ts); a flush through one forked for nobody
 * fails. Writes that bypass the unit of work (`nativeUpdate`, `nativeDelete`, raw SQL)
 * are not seen: audited entities are written through flushes only, and the seeds' bulk
 * loads record themselves (audit/bulk-writes.ts).
 */
export class AuditSubscriber implements EventSubscriber {
  private readonly paths: Map<string, ReturnType<typeof personalPaths>>;

  constructor(
    private readonly audited: Record<string, AuditedEntity>,
    private readonly log: EntitySchema,
  ) {
    this.paths = new Map(Object.entries(audited).map(([name, spec]) => [name, personalPaths(spec.personal ?? [])]));
  }

  onFlush({ em, uow }: FlushEventArgs): void {
    const platform = em.getPlatform();
    const at = new Date();
    let actor: AuditActor | undefined;
    const rows: AuditLogRow[] = [];
    for (const changeSet of uow.getChangeSets()) {
      const spec = this.audited[changeSet.meta.className];
      if (!spec) continue;
      actor ??= flushActor(em, changeSet.meta.className);
      const action = ACTIONS[changeSet.type];
      const recordId = changeSet.getSerializedPrimaryKey();
      // Keys are drawn in code (UUIDs, slugs) before the flush; a database-generated one would be unknown here.
      if (!recordId)
        throw new TypeError(`Audited entity ${changeSet.meta.className} needs its primary key before the flush.`);
      const entity = changeSet.entity as Data;
      const owner = spec.owner ? (entity[spec.owner] ?? changeSet.originalEntity?.[spec.owner] ?? null) : null;
      rows.push({
        at,
        subject: actor.subject,
        client: actor.client,
        action,
        entity: changeSet.meta.className,
        recordId,
        ownerAgs: typeof owner === 'string' ? owner : null,
        changes: this.changesOf(changeSet, action, platform),
      });
    }
    for (const row of rows)
      uow.computeChangeSet(em.create(this.log as EntitySchema<object>, row as never, { persist: false }));
  }

  /** Old and new values of the fields the change set touches, personal data masked; creates and deletes list every non-blank field. */
  private changesOf(changeSet: ChangeSet<object>, action: AuditAction, platform: Platform): Changes {
    const entity = changeSet.entity as Data;
    const original = (changeSet.originalEntity ?? {}) as Data;
    return recordChanges(changeSet.meta.props, this.paths.get(changeSet.meta.className)!, {
      before: (prop) =>
        action === 'create'
          ? null
          : action === 'delete'
            ? entity[prop.name]
            : snapshotValue(prop as EntityProperty, original[prop.name], platform),
      after: (prop) => (action === 'delete' ? null : entity[prop.name]),
      touched: action === 'update' ? (prop) => prop.name in changeSet.payload : undefined,
    });
  }
}
