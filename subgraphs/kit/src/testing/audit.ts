import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_TABLE } from '../audit/audit-log.js';
import type { DataModel, Orm } from '../db/orm.js';
import { lineAt, stripComments } from './source.js';

// A name in SQL: plain, quoted, or interpolated (`${table}`); a table is one, maybe schema-qualified.
const NAME = String.raw`(?:"?\w+"?|"?\$\{[^}]*\}"?)`;
const TABLE = String.raw`(?:${NAME}\s*\.\s*)?${NAME}`;

// Writes the audit subscriber never sees, whatever table they write: MikroORM's native
// operations (on an entity manager, a repository or a QueryBuilder) and Kysely's, which
// MikroORM hands out (em.getKysely()).
const ORM_WRITES = [
  /\.(?:nativeInsert|nativeUpdate|nativeDelete|insert|insertMany|upsert|upsertMany)\s*\(/g,
  /\.(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/g,
  // A QueryBuilder made and turned into a write in one statement.
  /\b(?:createQueryBuilder|qb)\s*(?:<[^>]*>)?\s*\([^;]*?\.\s*(?:update|delete|truncate)\s*\(/g,
];

// SQL writes, over line breaks too; group 1 is the table written.
const SQL_WRITES = [
  new RegExp(
    String.raw`\b(?:insert\s+into|delete\s+from|truncate(?:\s+table)?|merge\s+into)\s+(?:only\s+)?(${TABLE})`,
    'gi',
  ),
  new RegExp(String.raw`\bupdate\s+(?:only\s+)?(${TABLE})(?:\s+(?:as\s+)?\w+)?\s+set\b`, 'gi'),
];

/** A QueryBuilder kept in a variable and turned into a write in a later statement. */
function queryBuilderWrites(code: string): RegExp[] {
  const names = [
    ...code.matchAll(
      /\b(?:const|let|var)\s+(\w+)\s*(?::[^=;]+)?=\s*(?:await\s+)?[\w.]*\b(?:createQueryBuilder|qb)\s*[<(]/g,
    ),
  ].map((m) => m[1]!);
  return names.map((name) => new RegExp(String.raw`\b${name}\b[^;]*?\.\s*(?:update|delete|truncate)\s*\(`, 'g'));
}

/** Whether SQL writing `table` may bypass the audit: a table of an audited entity, the audit log, or one interpolated, which the scan cannot tell. */
function auditedTarget(table: string, audited: ReadonlySet<string>): boolean {
  const name = table.split('.').at(-1)!.trim().replaceAll('"', '');
  return name.includes('${') || audited.has(name);
}

/** The writes around the unit of work in one file's code, as `file:line: text`. */
function bypassesIn(path: string, root: string, audited: ReadonlySet<string>): string[] {
  const source = readFileSync(path, 'utf8');
  const code = stripComments(source);
  const lines = source.split('\n');
  const found = new Set<number>();
  for (const pattern of [...ORM_WRITES, ...queryBuilderWrites(code)]) {
    for (const match of code.matchAll(pattern)) found.add(lineAt(code, match.index));
  }
  for (const pattern of SQL_WRITES) {
    for (const match of code.matchAll(pattern))
      if (auditedTarget(match[1]!, audited)) found.add(lineAt(code, match.index));
  }
  return [...found].sort((a, b) => a - b).map((line) => `${relative(root, path)}:${line}: ${lines[line - 1]!.trim()}`);
}

/**
 * Lines under `sourceDir` that write around the unit of work, as `file:line: text`, comments
 * ignored: MikroORM's native and QueryBuilder writes and Kysely's, of any entity (the scan
 * cannot tell which), and SQL that inserts, updates, deletes or truncates a table of one of
 * the `model`'s audited entities, its audit log, or a table it cannot name (interpolated).
 * `allowed` maps a file (relative to `sourceDir`, e.g. `seed.ts`) to why its writes need no
 * entry of the subscriber's; an empty reason is refused. Empty when every other write
 * flushes, and so leaves an audit entry.
 */
export function writesBypassingFlush(
  sourceDir: string | URL,
  model: DataModel,
  allowed: Readonly<Record<string, string>> = {},
): string[] {
  const root = typeof sourceDir === 'string' ? sourceDir : fileURLToPath(sourceDir);
  for (const [file, reason] of Object.entries(allowed))
    if (!reason.trim()) throw new TypeError(`Say why ${file} may write around the unit of work.`);
  const auditedNames = new Set(Object.keys(model.audited ?? {}));
  const audited = new Set([
    AUDIT_TABLE,
    ...model.entities.filter((e) => auditedNames.has(e.meta.className)).map((e) => e.meta.tableName),
  ]);
  const found: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(root, path);
    if (file.startsWith('migrations') || file in allowed) continue;
    found.push(...bypassesIn(path, root, audited));
  }
  return found;
}

/** The model's entities that no `audited` entry declares. */
export function unauditedEntities(model: DataModel): string[] {
  const names = model.entities.map((entity) => entity.meta.className);
  return names.filter((name) => !(name in (model.audited ?? {}))).sort();
}

/** The audited entities' tables and the column of their (single) primary key. */
function auditedTables(orm: Orm, model: DataModel) {
  return Object.keys(model.audited ?? {}).map((entity) => {
    const meta = [...orm.getMetadata().getAll().values()].find((m) => m.className === entity)!;
    if (meta.primaryKeys.length !== 1) throw new TypeError(`${entity}: the audit check reads single-column keys only.`);
    const pk = meta.properties[meta.primaryKeys[0] as keyof typeof meta.properties] as { fieldNames: string[] };
    return {
      entity,
      tableName: meta.tableName,
      table: `"${model.schema}"."${meta.tableName}"`,
      key: pk.fieldNames[0]!,
    };
  });
}

// The write log of a test database: one row per row written to an audited table or the audit log, with its transaction.
const WRITES = 'audit_check.writes';

/**
 * Makes the database log every row written to the model's audited tables and to its audit
 * log, with the transaction that wrote it, from now on: `unauditedRecords` then finds every
 * unaudited write, also one that a later audited write of the same record covered up. For
 * test databases only (triggers in a schema of their own, `audit_check`).
 */
export async function logWrites(orm: Orm, model: DataModel): Promise<void> {
  if (!model.audited) return;
  const connection = orm.em.getConnection();
  await connection.execute('create schema if not exists "audit_check"');
  await connection.execute(`create table if not exists ${WRITES} (
    "schema_name" text not null, "table_name" text not null, "entity" text, "record_id" text not null, "op" text not null, "tx" text not null)`);
  await connection.execute(
    `create index if not exists "writes_index" on ${WRITES} ("schema_name", "table_name", "entity", "record_id", "tx")`,
  );
  // Argument 0 names the key column; 1, for the audit log, the column naming the entity.
  await connection.execute(`create or replace function "audit_check"."log_write"() returns trigger language plpgsql as $$
    declare written jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
    begin
      insert into ${WRITES} values (tg_table_schema, tg_table_name, written ->> tg_argv[1], written ->> tg_argv[0], lower(tg_op), pg_current_xact_id()::text);
      return null;
    end $$`);
  const watched = [
    ...auditedTables(orm, model).map(({ table, key }) => ({ table, args: `'${key}'` })),
    { table: `"${model.schema}"."${AUDIT_TABLE}"`, args: `'record_id', 'entity'` },
  ];
  for (const { table, args } of watched) {
    await connection.execute(
      `create or replace trigger "audit_check_log_write" after insert or update or delete on ${table} for each row execute function "audit_check"."log_write"(${args})`,
    );
  }
}

/** How many rows of audited tables (and audit entries) were written since `logWrites` ran, in any of the database's schemas. */
export async function loggedWriteCount(orm: Orm): Promise<number> {
  const [row] = (await orm.em.getConnection().execute(`select count(*)::int as n from ${WRITES}`)) as { n: number }[];
  return row?.n ?? 0;
}

/** Records written (since `logWrites`) in a transaction that wrote no audit entry for them. */
async function loggedUnaudited(
  orm: Orm,
  model: DataModel,
  entity: string,
  tableName: string,
): Promise<{ id: string; why: string }[]> {
  const connection = orm.em.getConnection();
  const [log] = (await connection.execute(`select to_regclass('${WRITES}') is not null as "present"`)) as {
    present: boolean;
  }[];
  if (!log!.present) return [];
  return (await connection.execute(
    `select distinct w."record_id" as "id", case w."op" when 'delete' then 'gone without a delete entry' else 'written without an audit entry' end as "why"
       from ${WRITES} w
      where w."schema_name" = ? and w."table_name" = ? and not exists (
        select 1 from ${WRITES} a where a."schema_name" = w."schema_name" and a."table_name" = ? and a."entity" = ? and a."record_id" = w."record_id" and a."tx" = w."tx")`,
    [model.schema, tableName, AUDIT_TABLE, entity],
  )) as { id: string; why: string }[];
}

/** Records whose last write left no audit entry, read from the tables themselves. */
async function lastWritesUnaudited(
  orm: Orm,
  model: DataModel,
  entity: string,
  table: string,
  key: string,
): Promise<{ id: string; why: string }[]> {
  const log = `"${model.schema}"."${AUDIT_TABLE}"`;
  return (await orm.em.getConnection().execute(
    `select t."${key}"::text as "id", 'written without an audit entry' as "why" from ${table} t
      where not exists (select 1 from ${log} a where a."entity" = ? and a."record_id" = t."${key}"::text and a.xmin = t.xmin)
     union all
     select l."record_id", 'gone without a delete entry' from (
       select "record_id", (array_agg("action" order by "id" desc))[1] as "last" from ${log} where "entity" = ? group by "record_id") l
      where l."last" <> 'delete' and not exists (select 1 from ${table} t where t."${key}"::text = l."record_id")`,
    [entity, entity],
  )) as { id: string; why: string }[];
}

/**
 * Records of the model's audited tables written without an audit entry, as `Entity id: why`.
 * Two views, because an audited write adds an entry for the record in its own transaction
 * (a flush through the subscriber, a seed's bulk upsert through auditBulkWrites): a row's
 * `xmin` names the transaction that last wrote it, which covers every row since the
 * database was created; and the write log of `logWrites` names the transaction of every
 * write since it was started, also of one a later audited write covered up. Either way
 * this finds writes whatever made them (raw SQL, native or QueryBuilder updates, a cascade
 * in the database) and whichever columns they changed, stamps and personal data included.
 */
export async function unauditedRecords(orm: Orm, model: DataModel): Promise<string[]> {
  const missing = new Set<string>();
  for (const { entity, tableName, table, key } of auditedTables(orm, model)) {
    const found = [
      ...(await lastWritesUnaudited(orm, model, entity, table, key)),
      ...(await loggedUnaudited(orm, model, entity, tableName)),
    ];
    for (const { id, why } of found) missing.add(`${entity} ${id}: ${why}`);
  }
  return [...missing];
}
