import type DataLoader from 'dataloader';
import { InputValidator } from '../errors/validation.js';
import type { Em } from '../db/orm.js';
import { NOT_A_CURSOR, pageSize, type ConnectionResult, type PageArgs } from '../graphql/pagination.js';
import { findAuditPage, type AuditPage, type AuditWindow, type HistoryKey } from './audit.repository.js';
import type { AuditEntry, AuditTrailFilter } from './audit.type.js';

const CURSOR_PREFIX = 'audit:';

/** The cursor of an entry: its id in the table, opaque to clients. */
export function encodeAuditCursor(seq: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** Validates `first`/`after` of an audit trail; bad values are `BAD_USER_INPUT` naming the argument. */
export function auditWindow(args: PageArgs): AuditWindow {
  const v = new InputValidator();
  const limit = pageSize(v, args.first);
  let afterId = '0';
  if (args.after != null) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const seq = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
    // A bigint id; 18 digits at most, so a forged cursor cannot overflow the cast in SQL.
    const known = /^[1-9]\d{0,17}$/.test(seq);
    v.check(known, 'after', NOT_A_CURSOR);
    if (known) afterId = seq;
  }
  v.throwIfInvalid();
  return { afterId, limit };
}

/** A page of entries as a Relay connection; cursors name entries, not positions. */
function toAuditConnection(page: AuditPage, window: AuditWindow): ConnectionResult<AuditEntry> {
  const edges = page.rows.map(({ seq, entry }) => ({ cursor: encodeAuditCursor(seq), node: entry }));
  return {
    totalCount: page.total,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: window.afterId !== '0',
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * A page of a subgraph's audit trail, oldest first, narrowed by `filter`; bad filters are
 * BAD_USER_INPUT naming the field. The caller has been authorized already.
 */
export async function auditTrail(
  em: Em,
  schema: string,
  filter: AuditTrailFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<AuditEntry>> {
  const window = auditWindow(page);
  const f = filter ?? {};
  const v = new InputValidator();
  const subject = f.subject == null ? null : v.text(f.subject, 'filter.subject', { max: 255 });
  const entity = f.entity == null ? null : v.text(f.entity, 'filter.entity', { max: 60 });
  const recordId = f.recordId == null ? null : v.text(f.recordId, 'filter.recordId', { max: 200 });
  if (f.municipality != null) v.ags(f.municipality, 'filter.municipality', 'must be an 8-digit AGS');
  // PostgreSQL's timestamps start in 4713 BC and have no year 0; the trail starts long after 1900.
  const inRange = (d: Date) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9999;
  if (f.since != null) v.check(inRange(f.since), 'filter.since', 'must be a time between the years 1900 and 9999');
  if (f.until != null) v.check(inRange(f.until), 'filter.until', 'must be a time between the years 1900 and 9999');
  if (f.since != null && f.until != null) v.check(f.since < f.until, 'filter.until', 'must be after since');
  v.throwIfInvalid();
  const query = {
    subject,
    entity,
    recordId,
    action: f.action ?? null,
    ownerAgs: f.municipality ?? null,
    since: f.since,
    until: f.until,
  };
  return toAuditConnection(await findAuditPage(em, schema, query, window), window);
}

/** A page of one record's history, oldest first, through the request's `auditHistoryLoader`. */
export async function auditHistory(
  loader: DataLoader<HistoryKey, AuditPage, string>,
  recordId: string,
  page: PageArgs,
): Promise<ConnectionResult<AuditEntry>> {
  const window = auditWindow(page);
  return toAuditConnection(await loader.load({ recordId, window }), window);
}
