import {
  MikroORM,
  type EntitySchema,
  type MigrationObject,
  type LogContext,
  type Logger,
  type LoggerNamespace,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager, SqlMikroORM } from '@mikro-orm/sql';
import type { Database } from './database.js';
import { OutboxSubscriber, createOutboxEntity } from '../search/outbox.js';
import { createAuditEntity } from '../audit/audit-log.js';
import { AuditSubscriber, type AuditedEntity } from '../audit/subscriber.js';
import { ColumnLengthSubscriber } from './column-length.js';
import { logger } from '../observability/logger.js';

/** MikroORM's own error reports (the ORM logger below): structured, with the request's id when in one. */
const ormLogger = logger.child({ component: 'orm' });

/** What a subgraph owns in the database: its own schema, entities and migrations. */
export interface DataModel {
  /** PostgreSQL schema, named after the subgraph; nothing else writes to it. */
  schema: string;
  entities: EntitySchema[];
  /** Ordered migration classes; each must set a stable `name`. */
  migrations: MigrationObject[];
  /**
   * Entities whose changes reach the search index: entity name → property holding the
   * indexed key. Their flushes write outbox rows (see search/outbox.ts); the model's
   * migrations must then include `outboxMigration`.
   */
  searchable?: Record<string, string>;
  /**
   * Entities whose writes the audit trail records: entity name → its owner property and
   * personal data (see audit/subscriber.ts). Their flushes write audit rows; the model's
   * migrations must then include `auditMigration`.
   */
  audited?: Record<string, AuditedEntity>;
}

export type Orm = SqlMikroORM;
export type Em = EntityManager;

export interface OrmOptions {
  /** Called once per SQL statement; used by tests and benchmarks to count statements. */
  onQuery?: (sql: string) => void;
}

/** A MikroORM logger that reports statements to `onQuery` and stays silent otherwise. */
function queryLogger(onQuery: (sql: string) => void): Logger {
  return {
    log: () => undefined,
    error: (namespace: LoggerNamespace | string, message: string) => ormLogger.error({ namespace }, message),
    warn: () => undefined,
    logQuery: (context: LogContext) => onQuery(context.query ?? ''),
    setDebugMode: () => undefined,
    isEnabled: (ns: LoggerNamespace) => ns === 'query',
  };
}

/**
 * Opens a MikroORM bound to the model's schema. The migrations table lives in the same
 * schema, so one subgraph's migrations never see (or drop) another's tables.
 */
export async function createOrm(model: DataModel, database: Database, options: OrmOptions = {}): Promise<Orm> {
  const outbox = model.searchable ? createOutboxEntity() : undefined;
  const audit = model.audited ? createAuditEntity() : undefined;
  const common = {
    entities: [...model.entities, ...(outbox ? [outbox] : []), ...(audit ? [audit] : [])],
    subscribers: [
      new ColumnLengthSubscriber(),
      ...(outbox ? [new OutboxSubscriber(model.searchable!, outbox)] : []),
      ...(audit ? [new AuditSubscriber(model.audited!, audit)] : []),
    ],
    schema: model.schema,
    // A nullable property left out of `em.create` is null in the entity, as it will be in the
    // row: code then reads one value for "none", whether the entity was created or loaded.
    initNullableProperties: true,
    extensions: [Migrator],
    allowGlobalContext: false,
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      migrationsList: model.migrations,
      tableName: 'mikro_orm_migrations',
      schema: model.schema,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    ...(options.onQuery
      ? { debug: ['query'] as LoggerNamespace[], loggerFactory: () => queryLogger(options.onQuery!) }
      : {}),
  };
  if (database.kind === 'pglite') {
    return (await MikroORM.init({
      ...common,
      driver: PgliteDriver,
      dbName: 'postgres',
      driverOptions: { pglite: database.pglite },
    })) as unknown as Orm;
  }
  return (await MikroORM.init({
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    pool: { min: 0, max: database.poolSize ?? 10 },
  })) as unknown as Orm;
}

/** Brings the model's schema to the newest migration; safe to call on every start. */
export async function migrate(orm: Orm, model: DataModel): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${model.schema}"`);
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
