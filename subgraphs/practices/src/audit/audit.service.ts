import { auditHistory, type AuditEntry, type ConnectionResult, type PageArgs } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import type { PracticeRow } from '../practice/practice.entity.js';

/** A practice's writes; the field is `@Authorized('practice:read-history')`, so the caller may see them. */
export function practiceHistory(
  ctx: Context,
  practice: PracticeRow,
  page: PageArgs,
): Promise<ConnectionResult<AuditEntry>> {
  return auditHistory(ctx.loaders.practiceHistory, practice.id, page);
}
