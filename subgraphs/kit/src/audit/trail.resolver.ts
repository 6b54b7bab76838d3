import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Caller } from '../auth/caller.js';
import type { ConnectionResult } from '../graphql/pagination.js';
import { PageArgs } from '../graphql/pagination.js';
import type { RequestContext } from '../server/context.js';
import { AuditEntryConnection, AuditTrailFilter, type AuditEntry } from './audit.type.js';
import { auditTrail } from './trail.js';

/** Whose entries an audit trail is asked for: `filter.municipality`, or null for all. */
export interface AuditScope {
  ags: string | null;
}

export interface AuditTrailResolverOptions {
  /** The root field, named after the subgraph (`eventsAuditTrail`) so that subgraphs never clash. */
  field: string;
  /** The subgraph's PostgreSQL schema, whose audit_log it reads. */
  schema: string;
  /** What its records are, for the field's description: "events and registrations". */
  records: string;
  /** The subgraph's policy check, `(caller, scope) => policy.require(caller, 'audit:read', scope)`: throws unless allowed. */
  authorize: (caller: Caller, scope: AuditScope) => unknown;
}

/**
 * A subgraph's `…AuditTrail(filter, first, after)` query: its writes, oldest first, filtered
 * and paged, for whom its policy's 'audit:read' allows (coordinators everything; editors
 * their municipality's records, named in `filter.municipality`).
 */
export function auditTrailResolver(options: AuditTrailResolverOptions): new () => unknown {
  @Resolver()
  class AuditTrailResolver {
    @Query(() => AuditEntryConnection, {
      name: options.field,
      nullable: true,
      description: `Every write to ${options.records}, oldest first, personal data masked, filtered and paged. Coordinators read all of it; editors the records of their own municipality (set filter.municipality).`,
    })
    auditTrail(
      @Arg('filter', () => AuditTrailFilter, { nullable: true, description: 'Conditions; all must hold.' })
      filter: AuditTrailFilter | null,
      @Args() page: PageArgs,
      @Ctx() ctx: RequestContext,
    ): Promise<ConnectionResult<AuditEntry>> {
      options.authorize(ctx.caller, { ags: filter?.municipality ?? null });
      return auditTrail(ctx.em, options.schema, filter, page);
    }
  }
  return AuditTrailResolver;
}
