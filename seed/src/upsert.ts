import type { Em } from '@welcome-hub/kit';

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
}

/**
 * Inserts missing rows and updates rows whose values differ; identical rows are not
 * touched, so a second run writes nothing.
 */
export async function upsertRows(em: Em, schema: string, table: string, key: string[], rows: Row[], options: UpsertOptions = {}): Promise<TableResult> {
  if (rows.length === 0) return { table, inserted: 0, updated: 0, unchanged: 0 };
  const fixed = options.fixed ?? [];
  const json = new Set(options.json ?? []);
  const columns = Object.keys(rows[0]);
  const updatable = columns.filter((c) => !key.includes(c) && !fixed.includes(c));
  const q = (c: string) => `"${c}"`;
  const isTextArray = (c: string) => !json.has(c) && rows.some((r) => Array.isArray(r[c]));
  const placeholder = (c: string) => (json.has(c) ? '?::jsonb' : isTextArray(c) ? '?::text[]' : '?');
  const value = (c: string, v: unknown) =>
    v === null || v === undefined ? null : json.has(c) ? JSON.stringify(v) : Array.isArray(v) ? pgTextArray(v as string[]) : v;
  const values = rows.map(() => `(${columns.map(placeholder).join(', ')})`).join(', ');
  const conflict = updatable.length
    ? `do update set ${updatable.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')} ` +
      `where (${updatable.map((c) => `t.${q(c)}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${q(c)}`).join(', ')})`
    : 'do nothing';
  const sql =
    `insert into "${schema}"."${table}" as t (${columns.map(q).join(', ')}) values ${values} ` +
    `on conflict (${key.map(q).join(', ')}) ${conflict} returning (xmax = 0) as inserted` +
    (options.outboxKey ? `, t.${q(options.outboxKey)}::text as outbox_key` : '');
  const result = (await em.execute(sql, rows.flatMap((row) => columns.map((c) => value(c, row[c]))))) as { inserted: boolean; outbox_key?: string }[];
  if (options.outboxKey && result.length > 0) {
    await em.execute(`insert into "${schema}"."search_outbox" (entity_key) select unnest(?::text[])`, [pgTextArray(result.map((r) => r.outbox_key!))]);
  }
  const inserted = result.filter((r) => r.inserted).length;
  return { table, inserted, updated: result.length - inserted, unchanged: rows.length - result.length };
}

/** A progress line for one table, as the seed prints it. */
export function describeResult(r: TableResult): string {
  return `  ${r.table.padEnd(13)} ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`;
}
