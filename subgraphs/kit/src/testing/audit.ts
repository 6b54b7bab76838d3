import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataModel, Orm } from '../db/orm.js';

// Writes the audit subscriber never sees: MikroORM's native operations and raw SQL.
const BYPASS = [
  /\.(?:nativeInsert|nativeUpdate|nativeDelete|insert|insertMany|upsert|upsertMany)\(/,
  /\b(?:insert\s+into|delete\s+from|truncate)\b/i,
  /\bupdate\s+"?\w+"?(?:\."?\w+"?)?\s+set\b/i,
];

/**
 * Lines under `sourceDir` that write around the unit of work, as `file:line: text`; files
 * named in `ignore` (e.g. the seed, which loads reference data outside any request) are
 * skipped. Empty when every write flushes, and so leaves an audit entry.
 */
export function writesBypassingFlush(sourceDir: string | URL, ignore: readonly string[] = ['seed.ts']): string[] {
  const root = typeof sourceDir === 'string' ? sourceDir : fileURLToPath(sourceDir);
  const found: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || ignore.includes(basename(entry.name))) continue;
    const path = join(entry.parentPath, entry.name);
    if (relative(root, path).startsWith('migrations')) continue;
    readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
      if (BYPASS.some((pattern) => pattern.test(line))) found.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

/** The model's entities that no `audited` entry declares. */
export function unauditedEntities(model: DataModel): string[] {
  const names = model.entities.map((entity) => entity.meta.className);
  return names.filter((name) => !(name in (model.audited ?? {}))).sort();
}

/** The audited tables' rows at one moment, to tell later which records were written since. */
export interface AuditBaseline {
  rows: Map<string, Map<string, string>>;
  lastEntry: number;
}

function auditedTables(orm: Orm, model: DataModel) {
  return Object.keys(model.audited ?? {}).map((entity) => {
    const meta = [...orm.getMetadata().getAll().values()].find((m) => m.className === entity)!;
    const pk = meta.properties[meta.primaryKeys[0] as keyof typeof meta.properties] as { fieldNames: string[] };
    return { entity, sql: `select "${pk.fieldNames[0]}"::text as "id", to_jsonb(t)::text as "row" from "${model.schema}"."${meta.tableName}" t` };
  });
}

/** Snapshots the audited tables (e.g. right after the seed). */
export async function auditBaseline(orm: Orm, model: DataModel): Promise<AuditBaseline> {
  const connection = orm.em.getConnection();
  const rows = new Map<string, Map<string, string>>();
  for (const { entity, sql } of auditedTables(orm, model)) {
    rows.set(entity, new Map(((await connection.execute(sql)) as { id: string; row: string }[]).map((r) => [r.id, r.row])));
  }
  const [last] = (await connection.execute(`select coalesce(max("id"), 0)::int as "n" from "${model.schema}"."audit_log"`)) as { n: number }[];
  return { rows, lastEntry: last!.n };
}

/**
 * Records of audited tables written since `baseline` without an audit entry saying so, as
 * `Entity id`: rows new or changed with none, rows gone without a delete entry last.
 */
export async function unauditedChanges(orm: Orm, model: DataModel, baseline: AuditBaseline): Promise<string[]> {
  const connection = orm.em.getConnection();
  const missing: string[] = [];
  for (const { entity, sql } of auditedTables(orm, model)) {
    const before = baseline.rows.get(entity) ?? new Map<string, string>();
    const now = new Map(((await connection.execute(sql)) as { id: string; row: string }[]).map((r) => [r.id, r.row]));
    const lastAction = new Map(
      ((await connection.execute(
        `select "record_id", (array_agg("action" order by "id" desc))[1] as "action" from "${model.schema}"."audit_log" where "entity" = ? and "id" > ? group by "record_id"`,
        [entity, baseline.lastEntry],
      )) as { record_id: string; action: string }[]).map((r) => [r.record_id, r.action]),
    );
    const written = [...now].filter(([id, row]) => before.get(id) !== row && (lastAction.get(id) ?? 'delete') === 'delete').map(([id]) => id);
    const gone = [...new Set([...before.keys(), ...lastAction.keys()])].filter((id) => !now.has(id) && lastAction.get(id) !== 'delete');
    missing.push(...[...written, ...gone].map((id) => `${entity} ${id}`));
  }
  return missing;
}
