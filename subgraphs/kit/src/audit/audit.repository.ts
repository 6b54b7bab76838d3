import DataLoader from 'dataloader';
import type { Em } from '../db/orm.js';
import type { PageWindow } from '../graphql/pagination.js';
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

/** One page of entries and the number of all that match. */
export interface AuditPage {
  rows: AuditEntry[];
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
function toEntry(schema: string, row: AuditRecord): AuditEntry {
  const changes = (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as Changes;
  return {
    id: `${schema}:${row.id}`,
    at: new Date(row.at),
    subject: row.subject,
    client: row.client,
    action: row.action as AuditActionCode,
    entity: row.entity,
    recordId: row.record_id,
    ownerAgs: row.owner_ags,
    changes: Object.entries(changes).map(([field, change]) => ({ field, oldValue: change.old, newValue: change.new, masked: change.masked === true })),
  };
}

/** Entries in the order they were written: appending never moves an entry already paged past. */
export async function findAuditPage(em: Em, schema: string, query: AuditQuery, window: PageWindow): Promise<AuditPage> {
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
  const where = conditions.length > 0 ? conditions.join(' and ') : 'true';
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  const rows = (await em.execute(`select ${COLUMNS} from ${table} a where ${where} order by a."id" offset ? limit ?`, [
    ...params,
    window.offset,
    window.limit,
  ])) as AuditRecord[];
  const [count] = (await em.execute(`select count(*)::int as "n" from ${table} a where ${where}`, params)) as { n: number }[];
  return { rows: rows.map((row) => toEntry(schema, row)), total: Number(count!.n) };
}

/** A record's history page: which record, and which window of its entries. */
export interface HistoryKey {
  recordId: string;
  window: PageWindow;
}

/**
 * Per request: the history pages of an entity's records, those asked for in one tick in
 * one statement per page window (a list of practices, each with `history(first: 5)`, is one).
 */
export function auditHistoryLoader(em: Em, schema: string, entity: string): DataLoader<HistoryKey, AuditPage, string> {
  const table = `"${schema}"."${AUDIT_TABLE}"`;
  return new DataLoader<HistoryKey, AuditPage, string>(
    async (keys) => {
      const windows = new Map<string, { window: PageWindow; ids: Set<string> }>();
      for (const { recordId, window } of keys) {
        const group = windows.get(`${window.offset}:${window.limit}`) ?? { window, ids: new Set<string>() };
        group.ids.add(recordId);
        windows.set(`${window.offset}:${window.limit}`, group);
      }
      const pages = new Map<string, AuditPage>();
      for (const [windowKey, { window, ids }] of windows) {
        // Every record yields a row with its total; its page's entries join it (none past the end).
        const rows = (await em.execute(
          `select r."record_id" as "requested", c."total", e.* from unnest(array[?]::varchar[]) as r("record_id")
           cross join lateral (select count(*)::int as "total" from ${table} a where a."entity" = ? and a."record_id" = r."record_id") c
           left join lateral (select ${COLUMNS}, a."id" as "seq" from ${table} a where a."entity" = ? and a."record_id" = r."record_id" order by a."id" offset ? limit ?) e on true
           order by r."record_id", e."seq"`,
          [[...ids], entity, entity, window.offset, window.limit],
        )) as (Partial<AuditRecord> & { requested: string; total: number })[];
        for (const row of rows) {
          const page = pages.get(`${windowKey}:${row.requested}`) ?? { rows: [], total: Number(row.total) };
          if (row.id != null) page.rows.push(toEntry(schema, row as AuditRecord));
          pages.set(`${windowKey}:${row.requested}`, page);
        }
      }
      return keys.map(({ recordId, window }) => pages.get(`${window.offset}:${window.limit}:${recordId}`) ?? { rows: [], total: 0 });
    },
    { cacheKeyFn: ({ recordId, window }) => `${window.offset}:${window.limit}:${recordId}` },
  );
}
