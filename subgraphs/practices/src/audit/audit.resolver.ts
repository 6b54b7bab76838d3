import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntryConnection, AuditTrailFilter, PageArgs, type AuditEntry, type ConnectionResult } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import type { PracticesAction } from '../policy.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { Practice } from '../practice/practice.type.js';
import { practiceHistory, practicesAuditTrail } from './audit.service.js';

@Resolver(() => Practice)
export class PracticeHistoryResolver {
  @Authorized<PracticesAction>('practice:read-history')
  @FieldResolver(() => AuditEntryConnection, {
    nullable: true,
    description: "Every write to this practice, oldest first, contact persons masked; null unless you may change it (its owner's editors, coordinators).",
  })
  history(@Root() p: PracticeRow, @Args() page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionResult<AuditEntry>> {
    return practiceHistory(ctx, p, page);
  }
}

@Resolver()
export class PracticesAuditTrailResolver {
  // Named after the subgraph: each subgraph answers for its own records, so root fields never clash.
  @Query(() => AuditEntryConnection, { nullable: true, description: 'Every write to practices and interests in them, oldest first, filtered and paged. Coordinators only.' })
  practicesAuditTrail(
    @Arg('filter', () => AuditTrailFilter, { nullable: true, description: 'Conditions; all must hold.' }) filter: AuditTrailFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<AuditEntry>> {
    return practicesAuditTrail(ctx, filter, page);
  }
}
