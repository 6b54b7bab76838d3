import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, pageWindow, toConnection, type ConnectionResult } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { identityPolicy as policy } from '../policy.js';
import { AccountEntity, type AccountRow } from './account.entity.js';
import {
  INVITATION_TTL_SECONDS,
  changePassword,
  inviteAccount,
  reinviteAccount,
  updateAccount,
} from './account.service.js';
import {
  Account,
  AccountConnection,
  AccountInvitation,
  ChangePasswordInput,
  InviteAccountInput,
  UpdateAccountInput,
  type AccountRole,
} from './account.type.js';

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AccountRole,
    municipalities: row.ags.map((ags) => ({ ags })),
    active: row.active,
    passwordSet: row.passwordHash !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function invitation({ account, invitationUrl }: { account: AccountRow; invitationUrl: string }): AccountInvitation {
  return {
    account: toAccount(account),
    invitationUrl,
    expiresAt: new Date(Date.now() + INVITATION_TTL_SECONDS * 1000),
  };
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, {
    description: "Accounts of the hub's own provider by e-mail address (coordinators only).",
  })
  async accounts(@Args() page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionResult<Account>> {
    policy.require(ctx.caller, 'account:manage');
    const window = pageWindow(page);
    const [rows, total] = await ctx.em.findAndCount(
      AccountEntity,
      {},
      { orderBy: { email: 'asc' }, offset: window.offset, limit: window.limit },
    );
    return toConnection(rows.map(toAccount), total, window);
  }

  @Mutation(() => AccountInvitation, {
    description: 'Creates an account and returns its one-time invitation link (coordinators only).',
  })
  async inviteAccount(
    @Arg('input', () => InviteAccountInput, { description: 'Whom to invite.' }) input: InviteAccountInput,
    @Ctx() ctx: Context,
  ) {
    const result = await inviteAccount(ctx.em, ctx.caller, { ...input, ags: input.municipalities }, ctx.publicUrl);
    return invitation(result);
  }

  @Mutation(() => AccountInvitation, {
    description: 'A new invitation link for an account; earlier unused links stop working (coordinators only).',
  })
  async reinviteAccount(@Arg('id', () => ID, { description: 'The account.' }) id: string, @Ctx() ctx: Context) {
    return invitation(await reinviteAccount(ctx.em, ctx.caller, id, ctx.publicUrl));
  }

  @Mutation(() => Account, {
    description: "Changes an account's role or municipalities, or deactivates it (coordinators only; not their own).",
  })
  async updateAccount(
    @Arg('input', () => UpdateAccountInput, { description: 'What to change.' }) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ) {
    const row = await updateAccount(ctx.em, ctx.caller, input.id, {
      role: input.role,
      ags: input.municipalities,
      active: input.active,
    });
    return toAccount(row);
  }

  @Mutation(() => Account, {
    description: "Changes the signed-in person's own password at the hub's own provider, given the current one.",
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'Current and new password.' }) input: ChangePasswordInput,
    @Ctx() ctx: Context,
  ) {
    return toAccount(await changePassword(ctx.em, ctx.caller, input.currentPassword, input.newPassword));
  }
}
