import { isUuid } from '@welcome-hub/kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Municipality } from '../municipality/municipality.type.js';
import type { MunicipalityRow } from '../municipality/municipality.entity.js';
import { Participation } from '../participation/participation.type.js';
import type { ParticipationRow } from '../participation/participation.entity.js';
import type { CooperationRow, MembershipRow } from './cooperation.entity.js';
import { listCooperations } from './cooperation.repository.js';
import { Cooperation, Membership, MembershipStatus } from './cooperation.type.js';

@Resolver(() => Cooperation)
export class CooperationResolver {
  @Query(() => Cooperation, { nullable: true, description: 'One cooperation by slug; null when unknown.' })
  cooperation(@Arg('slug', { description: 'e.g. "integration-interkommunal".' }) slug: string, @Ctx() ctx: Context) {
    return ctx.loaders.cooperationBySlug.load(slug);
  }

  @Query(() => [Cooperation], { nullable: true, description: 'All cooperations, by name.' })
  cooperations(@Ctx() ctx: Context) {
    return listCooperations(ctx.em);
  }

  @FieldResolver(() => [String])
  participationRequirements(@Root() c: CooperationRow): string[] {
    return c.participationRequirements ?? [];
  }

  @FieldResolver(() => [Membership], { description: 'Members and invitees in AGS order, optionally of one status.' })
  async members(
    @Root() c: CooperationRow,
    @Arg('status', () => MembershipStatus, { nullable: true, description: 'Only this status.' })
    status: MembershipStatus | null,
    @Ctx() ctx: Context,
  ): Promise<MembershipRow[]> {
    const all = await ctx.loaders.membershipsByCooperation.load(c.id);
    return status ? all.filter((m) => m.status === status) : all;
  }

  @FieldResolver(() => Int, { description: 'Number of members and invitees.' })
  async memberCount(@Root() c: CooperationRow, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.membershipsByCooperation.load(c.id)).length;
  }

  @FieldResolver(() => [Participation], { description: 'Active participation declarations, in AGS order.' })
  participations(@Root() c: CooperationRow, @Ctx() ctx: Context): Promise<ParticipationRow[]> {
    return ctx.loaders.activeParticipationsByCooperation.load(c.id);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Int, { nullable: true })
  since(@Root() m: MembershipRow): number | null {
    return m.sinceYear ?? null;
  }

  @FieldResolver(() => Municipality, { description: 'The municipality.' })
  async municipality(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<MunicipalityRow> {
    return (await ctx.loaders.municipality.load(m.municipalityAgs))!;
  }

  @FieldResolver(() => Cooperation, { description: 'The cooperation.' })
  async cooperation(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<CooperationRow> {
    return (await ctx.loaders.cooperation.load(m.cooperationId))!;
  }
}

export const cooperationReference = {
  Cooperation: {
    __resolveReference: (ref: { id?: string; slug?: string }, ctx: Context) =>
      ref.id
        ? isUuid(ref.id)
          ? ctx.loaders.cooperation.load(ref.id)
          : null
        : ctx.loaders.cooperationBySlug.load(ref.slug!),
  },
};
