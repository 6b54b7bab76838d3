import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  AuditEntryConnection,
  PageArgs,
  auditTrailResolver,
  type AuditEntry,
  type ConnectionResult,
} from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { practicesPolicy, type PracticesAction } from '../policy.js';
import { practicesModel } from '../model.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { Practice } from '../practice/practice.type.js';
import { practiceHistory } from './audit.service.js';

@Resolver(() => Practice)
export class PracticeHistoryResolver {
  @Authorized<PracticesAction>('practice:read-history')
  @FieldResolver(() => AuditEntryConnection, {
    nullable: true,
    description:
      "Every write to this practice, oldest first, contact persons masked; null unless you may change it (its owner's editors, coordinators).",
  })
  history(@Root() p: PracticeRow, @Args() page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionResult<AuditEntry>> {
    return practiceHistory(ctx, p, page);
  }
}

export const PracticesAuditTrailResolver = auditTrailResolver({
  field: 'practicesAuditTrail',
  schema: practicesModel.schema,
  records: 'practices, reuse links and interests in them',
  authorize: (caller, scope) => practicesPolicy.require(caller, 'audit:read', scope),
});
