import DataLoader from 'dataloader';
import type { Em } from '../db/orm.js';
import { AUDIT_TABLE, type AuditAction } from './audit-log.js';
import type { Changes } from './changes.js';
import type { AuditActionCode, AuditEntry } from './audit.type.js';

/** What an audit trail may be narrowed to; see AuditTrailFilter. */
export interface AuditQuery {
  subject?: string | null;
  entity?: string | null;
  recordId?: string | null;
  action?: AuditAction | null;
  ownerAgs?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/**
 * A page of entries by keyset: those with an id above `afterId` ('0' from the start), up
 * to `limit`. Entries are appended in id order and never change, so a cursor stays valid
 * however long ago it was handed out, and a page costs the same at any depth.
 */
export interface AuditWindow {
  afterId: string;
  limit: number;
}

/** One entry and its position in the table (its id there), which the next page's cursor carries. */
export interface AuditRow {
  seq: string;
  entry: AuditEntry;
}

/** One page of entries, whether more follow, and the number of all that match. */
export interface AuditPage {
  rows: AuditRow[];
  hasNextPage: boolean;
  total: number;
}

interface AuditRecord {
  id: string;
  at: Date | string;
  subject: string;
  client: string | null;
  action: AuditAction;
  entity: string;
  record_id: string;
  owner_ags: string | null;
  changes: Changes | string;
}

const COLUMNS = `a."id"::text as "id", a."at", a."subject", a."client", a."action", a."entity", a."record_id", a."owner_ags", a."changes"`;

/** A row as GraphQL returns it; ids carry the schema, since each subgraph counts its own. */
function toRow(schema: string, row: AuditRecord): AuditRow {
  const changes = (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as Changes;
  const entry: AuditEntry = {
    id: `${schema}:${row.id}`,
    at: new Date(row.at),
    subject: row.subject,
    client: row.client,
    action: row.action as AuditActionCode,
    entity: row.entity,
    recordId: row.record_id,
    ownerAgs: row.owner_ags,
    changes: Object.entries(changes).map(([field, change]) => ({
      field,
      oldValue: change.old,
      newValue: change.new,
      masked: change.masked === true,
    })),
  };
  return { seq: row.id, entry };
}

/** The page of `records` fetched one beyond `limit`: that one only tells whether more follow. */
function toPage(schema: string, records: AuditRecord[], limit: number, total: number): AuditPage {
  return { rows: records.slice(0, limit).map((row) => toRow(schema, row)), hasNextPage: records.length > limit, total };
}

/** The SQL conditions of `query`, with their parameters. */
function conditionsOf(query: AuditQuery): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(sql);
    params.push(value);
  };
  if (query.subject != null) add(`a."subject" = ?`, query.subject);
  if (query.entity != null) add(`a."entity" = ?`, query.entity);
  if (query.recordId != null) add(`a."record_id" = ?`, query.recordId);
  if (query.action != null) add(`a."action" = ?`, query.action);
  if (query.ownerAgs != null) add(`a."owner_ags" = ?`, query.ownerAgs);
  if (query.since != null) add(`a."at" >= ?::timestamptz`, query.since.toISOString());
  if (query.until != null) add(`a."at" < ?::timestamptz`, query.until.toISOString());
  return { where: conditions.length > 0 ? conditions.join(' and ') : 'true', params };
}

/** Entries in the order they were written, after the window's cursor. */
export async function findAuditPage(
  em: Em,
  schema: string,
  query: AuditQuery,
  window: AuditWindow,
): Promise<AuditPage> {
  const { where, params } = conditionsOf(query);
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  const records = (await em.execute(
    `select ${COLUMNS} from ${table} a where ${where} and a."id" > ?::bigint order by a."id" limit ?`,
    [...params, window.afterId, window.limit + 1],
  )) as AuditRecord[];
  // The connection's totalCount: the filters' indexes keep it to the matching entries.
  const [count] = (await em.execute(`select count(*)::int as "n" from ${table} a where ${where}`, params)) as {
    n: number;
  }[];
  return toPage(schema, records, window.limit, Number(count!.n));
}

/** A record's history page: which record, and which window of its entries. */
export interface HistoryKey {
  recordId: string;
  window: AuditWindow;
}

const windowKey = (window: AuditWindow) => `${window.afterId}:${window.limit}`;

/**
 * Per request: the history pages of an entity's records, those asked for in one tick in
 * one statement per page window (a list of practices, each with `history(first: 5)`, is one).
 */
export function auditHistoryLoader(em: Em, schema: string, entity: string): DataLoader<HistoryKey, AuditPage, string> {
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  return new DataLoader<HistoryKey, AuditPage, string>(
    async (keys) => {
      const windows = new Map<string, { window: AuditWindow; ids: Set<string> }>();
      for (const { recordId, window } of keys) {
        const group = windows.get(windowKey(window)) ?? { window, ids: new Set<string>() };
        group.ids.add(recordId);
        windows.set(windowKey(window), group);
      }
      const pages = new Map<string, AuditPage>();
      for (const [key, { window, ids }] of windows) {
        // Every record yields a row with its total; its page's entries join it (none past the end).
        const rows = (await em.execute(
          `select r."record_id" as "requested", c."total", e.* from unnest(array[?]::varchar[]) as r("record_id")
           cross join lateral (select count(*)::int as "total" from ${table} a where a."entity" = ? and a."record_id" = r."record_id") c
           left join lateral (select ${COLUMNS}, a."id" as "seq" from ${table} a
             where a."entity" = ? and a."record_id" = r."record_id" and a."id" > ?::bigint order by a."id" limit ?) e on true
           order by r."record_id", e."seq"`,
          [[...ids], entity, entity, window.afterId, window.limit + 1],
        )) as (Partial<AuditRecord> & { requested: string; total: number })[];
        const byRecord = new Map<string, { records: AuditRecord[]; total: number }>();
        for (const row of rows) {
          const found = byRecord.get(row.requested) ?? { records: [], total: Number(row.total) };
          if (row.id != null) found.records.push(row as AuditRecord);
          byRecord.set(row.requested, found);
        }
        for (const [recordId, { records, total }] of byRecord)
          pages.set(`${key}:${recordId}`, toPage(schema, records, window.limit, total));
      }
      return keys.map(
        ({ recordId, window }) =>
          pages.get(`${windowKey(window)}:${recordId}`) ?? { rows: [], hasNextPage: false, total: 0 },
      );
    },
    { cacheKeyFn: ({ recordId, window }) => `${windowKey(window)}:${recordId}` },
  );
}
