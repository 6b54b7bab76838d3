import { auditHistory, auditTrail, type AuditEntry, type AuditTrailFilter, type ConnectionResult, type PageArgs } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { practicesModel } from '../model.js';
import { practicesPolicy as policy } from '../policy.js';
import type { PracticeRow } from '../practice/practice.entity.js';

/** A practice's writes; the field is `@Authorized('practice:read-history')`, so the caller may see them. */
export function practiceHistory(ctx: Context, practice: PracticeRow, page: PageArgs): Promise<ConnectionResult<AuditEntry>> {
  return auditHistory(ctx.loaders.practiceHistory, practice.id, page);
}

/** The subgraph's whole trail: UNAUTHENTICATED or FORBIDDEN unless the caller is a coordinator. */
export function practicesAuditTrail(ctx: Context, filter: AuditTrailFilter | null, page: PageArgs): Promise<ConnectionResult<AuditEntry>> {
  policy.require(ctx.caller, 'audit:read');
  return auditTrail(ctx.em, practicesModel.schema, filter, page);
}
