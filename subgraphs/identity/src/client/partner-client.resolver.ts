import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, pageWindow, toConnection, type ConnectionResult } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { identityPolicy as policy } from '../policy.js';
import { PartnerClientEntity, type PartnerClientRow } from './partner-client.entity.js';
import { registerClient, rotateClientSecret, updateClient } from './partner-client.service.js';
import {
  PartnerClient,
  PartnerClientConnection,
  PartnerClientCredentials,
  RegisterPartnerClientInput,
  UpdatePartnerClientInput,
  type ClientTierValue,
} from './partner-client.type.js';

function toClient(row: PartnerClientRow): PartnerClient {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    municipalities: row.ags.map((ags) => ({ ags })),
    tier: row.tier as ClientTierValue,
    active: row.active,
    secretRotatedAt: row.secretRotatedAt,
    createdAt: row.createdAt,
  };
}

function credentials(
  ctx: Context,
  { client, secret }: { client: PartnerClientRow; secret: string },
): PartnerClientCredentials {
  return { client: toClient(client), clientSecret: secret, tokenEndpoint: `${ctx.publicUrl}/oidc/token` };
}

@Resolver(() => PartnerClient)
export class PartnerClientResolver {
  @Query(() => PartnerClientConnection, { description: 'Registered partner systems by name (coordinators only).' })
  async partnerClients(@Args() page: PageArgs, @Ctx() ctx: Context): Promise<ConnectionResult<PartnerClient>> {
    policy.require(ctx.caller, 'client:manage');
    const window = pageWindow(page);
    const [rows, total] = await ctx.em.findAndCount(
      PartnerClientEntity,
      {},
      { orderBy: { name: 'asc', id: 'asc' }, offset: window.offset, limit: window.limit },
    );
    return toConnection(rows.map(toClient), total, window);
  }

  @Mutation(() => PartnerClientCredentials, {
    description: 'Registers a partner system and returns its secret, once (coordinators only).',
  })
  async registerPartnerClient(
    @Arg('input', () => RegisterPartnerClientInput, { description: 'The system.' }) input: RegisterPartnerClientInput,
    @Ctx() ctx: Context,
  ) {
    return credentials(
      ctx,
      await registerClient(ctx.em, ctx.caller, { name: input.name, ags: input.municipalities, tier: input.tier }),
    );
  }

  @Mutation(() => PartnerClientCredentials, {
    description: 'Gives a partner system a new secret, shown once; the old one stops working (coordinators only).',
  })
  async rotatePartnerClientSecret(
    @Arg('id', () => ID, { description: 'The client.' }) id: string,
    @Ctx() ctx: Context,
  ) {
    return credentials(ctx, await rotateClientSecret(ctx.em, ctx.caller, id));
  }

  @Mutation(() => PartnerClient, {
    description: "Changes a partner system's municipalities or tier, or deactivates it (coordinators only).",
  })
  async updatePartnerClient(
    @Arg('input', () => UpdatePartnerClientInput, { description: 'What to change.' }) input: UpdatePartnerClientInput,
    @Ctx() ctx: Context,
  ) {
    return toClient(
      await updateClient(ctx.em, ctx.caller, input.id, {
        ags: input.municipalities,
        tier: input.tier,
        active: input.active,
      }),
    );
  }
}
