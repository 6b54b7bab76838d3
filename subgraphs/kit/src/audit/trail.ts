import type DataLoader from 'dataloader';
import { InputValidator } from '../errors/validation.js';
import type { Em } from '../db/orm.js';
import { pageWindow, toConnection, type ConnectionResult, type PageArgs } from '../graphql/pagination.js';
import { findAuditPage, type AuditPage, type HistoryKey } from './audit.repository.js';
import type { AuditEntry, AuditTrailFilter } from './audit.type.js';

/**
 * A page of a subgraph's audit trail, oldest first, narrowed by `filter`; bad filters are
 * BAD_USER_INPUT naming the field. The caller has been authorized already.
 */
export async function auditTrail(em: Em, schema: string, filter: AuditTrailFilter | null | undefined, page: PageArgs): Promise<ConnectionResult<AuditEntry>> {
  const window = pageWindow(page);
  const f = filter ?? {};
  const v = new InputValidator();
  const subject = f.subject == null ? null : v.text(f.subject, 'filter.subject', { max: 255 });
  const entity = f.entity == null ? null : v.text(f.entity, 'filter.entity', { max: 60 });
  const recordId = f.recordId == null ? null : v.text(f.recordId, 'filter.recordId', { max: 200 });
  if (f.municipality != null) v.check(/^\d{8}$/.test(f.municipality), 'filter.municipality', 'must be an 8-digit AGS');
  if (f.since != null && f.until != null) v.check(f.since < f.until, 'filter.until', 'must be after since');
  v.throwIfInvalid();
  const { rows, total } = await findAuditPage(em, schema, { subject, entity, recordId, action: f.action ?? null, ownerAgs: f.municipality ?? null, since: f.since, until: f.until }, window);
  return toConnection(rows, total, window);
}

/** A page of one record's history, oldest first, through the request's `auditHistoryLoader`. */
export async function auditHistory(loader: DataLoader<HistoryKey, AuditPage, string>, recordId: string, page: PageArgs): Promise<ConnectionResult<AuditEntry>> {
  const window = pageWindow(page);
  const { rows, total } = await loader.load({ recordId, window });
  return toConnection(rows, total, window);
}
