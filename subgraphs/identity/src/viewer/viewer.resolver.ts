import { Ctx, Query, Resolver } from 'type-graphql';
import { isAuthenticated } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { AccountEntity } from '../account/account.entity.js';
import { Viewer } from './viewer.type.js';
import type { AccountRole } from '../account/account.type.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is calling; null when signed out.' })
  async viewer(@Ctx() ctx: Context): Promise<Viewer | null> {
    const caller = ctx.caller;
    if (!isAuthenticated(caller)) return null;
    const account = caller.partner
      ? null
      : await ctx.em.findOne(AccountEntity, { id: caller.sub }, { fields: ['name'] }).catch(() => null);
    return {
      subject: caller.sub,
      role: caller.role as AccountRole,
      municipalities: caller.ags.map((ags) => ({ ags })),
      client: caller.client ?? null,
      partner: caller.partner === true,
      name: account?.name ?? null,
    };
  }
}
