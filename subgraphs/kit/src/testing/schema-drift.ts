import { createOrm, migrate, type DataModel, type Orm } from '../db/orm.js';
import { openTestDatabase } from './database.js';

/**
 * Differences between the entities and the migrations that the drift check accepts: the
 * statements the schema generator proposes for them (`{schema}` stands for the subgraph's
 * schema) and why the entity cannot, or should not, say what the migration did.
 */
export interface AllowedDrift {
  /** The subgraph (its schema) the statements are allowed for; '*' for every subgraph. */
  subgraph: string;
  statements: readonly string[];
  why: string;
}

/** PostgreSQL keeps `between -90 and 90` on a double column as casts MikroORM 7.2 cannot read back. */
function coordinateChecks(table: string, columns: readonly string[]): string[] {
  const bounds: Record<string, number> = { latitude: 90, longitude: 180 };
  return columns.flatMap((column) => {
    const limit = bounds[column.replace(/^venue_/, '')] ?? 0;
    const at = `alter table "{schema}"."${table}"`;
    return [
      `${at} drop constraint "${table}_${column}_check"`,
      `${at} add constraint "${table}_${column}_check" check ("${column}" >= -${limit} and "${column}" <= ${limit})`,
    ];
  });
}

/**
 * The short list of accepted differences. Everything else the migrations declare (types,
 * lengths, nullability, defaults, checks, indexes, foreign keys) the entities declare too.
 */
export const ALLOWED_DRIFT: readonly AllowedDrift[] = [
  {
    subgraph: '*',
    statements: [
      'drop trigger if exists "audit_log_append_only" on "{schema}"."audit_log"',
      'drop function if exists "{schema}"."audit_log_audit_log_append_only_fn"()',
    ],
    // audit/audit-log.ts: two triggers share one refusing function. MikroORM models a trigger
    // as one function per trigger, named after it, and does not read statement-level
    // TRUNCATE triggers back, so it cannot describe the pair; half of it would hide the rest.
    why: "the audit trail's append-only triggers cannot be declared as MikroORM triggers",
  },
  {
    subgraph: '*',
    statements: [
      'drop index "{schema}"."search_outbox_available_at_index"',
      ...['created_at', 'attempts', 'available_at'].map(
        (column) => `alter table "{schema}"."search_outbox" alter column "${column}" drop default`,
      ),
    ],
    // The outbox entity (kit/src/search/outbox.ts) belongs to the search workstream; until it
    // declares them, its index and SQL defaults are listed here. The ORM never relies on them:
    // the outbox subscriber writes every column itself.
    why: 'the search outbox entity does not declare its index and defaults yet',
  },
  {
    subgraph: 'identity',
    statements: [
      'drop table if exists "identity"."oidc_record" cascade',
      'drop table if exists "identity"."provider_secret" cascade',
    ],
    // oidc-provider's own storage, read and written in SQL by identity/src/oidc/adapter.ts:
    // no entity maps these tables, by design, so the generator would drop them.
    why: "the OpenID provider's tables have no entity",
  },
  {
    subgraph: 'municipalities',
    statements: coordinateChecks('municipality', ['latitude', 'longitude']),
    // PostgreSQL stores the migration's `between -90 and 90` as
    // `latitude >= ('-90'::integer)::double precision and …`, which MikroORM's check comparison
    // mangles; the entity declares the same bounds, and a change to them still shows here.
    why: 'coordinate bounds: equal, but not comparable by MikroORM 7.2',
  },
  {
    subgraph: 'events',
    statements: coordinateChecks('event', ['venue_latitude', 'venue_longitude']),
    why: 'venue coordinate bounds: equal, but not comparable by MikroORM 7.2 (see municipalities)',
  },
];

/** Splits the generator's SQL into statements, without their trailing semicolons. */
function statements(sql: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' && current.length === 0) continue;
    current.push(trimmed);
    if (trimmed.endsWith(';')) {
      result.push(current.join(' ').slice(0, -1));
      current = [];
    }
  }
  if (current.length > 0) result.push(current.join(' '));
  return result;
}

/**
 * The SQL MikroORM's schema generator would run to bring `schema`, as the database holds
 * it now, to what the entities declare, one statement per entry, the `allowed` ones left
 * out. On a database migrated by the model's migrations, empty means entities and
 * migrations agree: the migrations are what production databases have, and the entities
 * are what the ORM writes and reads by (column lengths, defaults, nullability). Nothing
 * else compares the two, since the migrations are written by hand (`snapshot: false`).
 */
export async function schemaDrift(
  orm: Orm,
  schema: string,
  allowed: readonly AllowedDrift[] = ALLOWED_DRIFT,
): Promise<string[]> {
  const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, schema });
  const accepted = new Set(
    allowed
      .filter((a) => a.subgraph === '*' || a.subgraph === schema)
      .flatMap((a) => a.statements.map((statement) => statement.replaceAll('{schema}', schema))),
  );
  return statements(sql).filter((statement) => !accepted.has(statement));
}

/**
 * `schemaDrift` of a model on a fresh test database (PGlite, or a new database on the
 * DATABASE_URL server) that its migrations built; the database is dropped afterwards.
 */
export async function modelDrift(
  model: DataModel,
  allowed: readonly AllowedDrift[] = ALLOWED_DRIFT,
): Promise<string[]> {
  const db = await openTestDatabase();
  let orm: Orm | undefined;
  try {
    orm = await createOrm(model, db.database);
    await migrate(orm, model);
    return await schemaDrift(orm, model.schema, allowed);
  } finally {
    await orm?.close();
    await db.close();
  }
}
