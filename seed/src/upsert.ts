import { auditBulkWrites, type BulkAudit, type Em } from '@welcome-hub/kit';

/** What one table's upsert did. */
export interface TableResult {
  table: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

export type Row = Record<string, unknown>;

/** A PostgreSQL array literal: MikroORM inlines parameters, and would spread a JS array into a list. */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export interface UpsertOptions {
  /** Columns set on insert only (generated ids, creation stamps). */
  fixed?: string[];
  /** Columns holding JSON (jsonb); other array values go to text[] columns. */
  json?: string[];
  /**
   * For a searchable table: the column holding the search key. Every inserted or changed
   * row then gets a row in the schema's search outbox, in the same transaction, so the
   * search index learns of seeded changes like of any other.
   */
  outboxKey?: string;
  /**
   * The entity the table holds and how it is audited: every inserted or changed row then
   * gets the audit entry a flush would have written, in the same transaction, as the
   * actor `em` was forked for (the seeds fork for the system).
   */
  audit?: BulkAudit;
}

/** The rows of `table` having the keys of `rows`, by key: what an audited upsert changes from. */
async function currentRows(
  em: Em,
  schema: string,
  table: string,
  key: string[],
  rows: Row[],
): Promise<Map<string, Row>> {
  const tuples = rows.map(() => `(${key.map(() => '?').join(', ')})`).join(', ');
  const sql = `select t.* from "${schema}"."${table}" t where (${key.map((c) => `t."${c}"`).join(', ')}) in (${tuples})`;
  const found = (await em.execute(
    sql,
    rows.flatMap((row) => key.map((c) => row[c])),
  )) as Row[];
  return new Map(found.map((row) => [keyOf(row, key), row]));
}

function keyOf(row: Row, key: string[]): string {
  return JSON.stringify(key.map((c) => String(row[c])));
}

/**
 * Inserts missing rows and updates rows whose values differ; identical rows are not
 * touched, so a second run writes nothing (and, audited, records nothing).
 */
export async function upsertRows(
  em: Em,
  schema: string,
  table: string,
  key: string[],
  rows: Row[],
  options: UpsertOptions = {},
): Promise<TableResult> {
  if (rows.length === 0) return { table, inserted: 0, updated: 0, unchanged: 0 };
  const fixed = options.fixed ?? [];
  const json = new Set(options.json ?? []);
  const columns = Object.keys(rows[0]);
  const updatable = columns.filter((c) => !key.includes(c) && !fixed.includes(c));
  const q = (c: string) => `"${c}"`;
  const isTextArray = (c: string) => !json.has(c) && rows.some((r) => Array.isArray(r[c]));
  const placeholder = (c: string) => (json.has(c) ? '?::jsonb' : isTextArray(c) ? '?::text[]' : '?');
  const value = (c: string, v: unknown) =>
    v === null || v === undefined
      ? null
      : json.has(c)
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? pgTextArray(v as string[])
          : v;
  const values = rows.map(() => `(${columns.map(placeholder).join(', ')})`).join(', ');
  const conflict = updatable.length
    ? `do update set ${updatable.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')} ` +
      `where (${updatable.map((c) => `t.${q(c)}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${q(c)}`).join(', ')})`
    : 'do nothing';
  const before = options.audit ? await currentRows(em, schema, table, key, rows) : null;
  const sql =
    `insert into "${schema}"."${table}" as t (${columns.map(q).join(', ')}) values ${values} ` +
    `on conflict (${key.map(q).join(', ')}) ${conflict} returning (xmax = 0) as "upsert_inserted"` +
    (options.outboxKey ? `, t.${q(options.outboxKey)}::text as "upsert_outbox_key"` : '') +
    (options.audit ? ', t.*' : '');
  type Written = Row & { upsert_inserted: boolean; upsert_outbox_key?: string };
  const result = (await em.execute(
    sql,
    rows.flatMap((row) => columns.map((c) => value(c, row[c]))),
  )) as Written[];
  if (options.outboxKey && result.length > 0) {
    await em.execute(`insert into "${schema}"."search_outbox" (entity_key) select unnest(?::text[])`, [
      pgTextArray(result.map((r) => r.upsert_outbox_key!)),
    ]);
  }
  if (options.audit) {
    const writes = result.map(({ upsert_inserted: _inserted, upsert_outbox_key: _key, ...after }) => ({
      before: before!.get(keyOf(after, key)) ?? null,
      after,
    }));
    await auditBulkWrites(em, schema, options.audit, writes);
  }
  const inserted = result.filter((r) => r.upsert_inserted).length;
  return { table, inserted, updated: result.length - inserted, unchanged: rows.length - result.length };
}

/** A progress line for one table, as the seed prints it. */
export function describeResult(r: TableResult): string {
  return `  ${r.table.padEnd(13)} ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`;
}
