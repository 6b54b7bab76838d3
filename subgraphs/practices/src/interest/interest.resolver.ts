import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { MunicipalityRef } from '../federation/references.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { practicesPolicy, type PracticesAction } from '../policy.js';
import { Practice } from '../practice/practice.type.js';
import type { InterestRow } from './interest.entity.js';
import { markInterest, removeInterest } from './interest.service.js';
import { MarkInterestInput, PracticeInterest, RemoveInterestInput } from './interest.type.js';

@Resolver(() => Practice)
export class PracticeInterestsResolver {
  @Mutation(() => PracticeInterest, {
    description: 'Marks a practice as interesting to one of your municipalities; its owner sees who.',
  })
  markInterest(
    @Arg('input', () => MarkInterestInput, { description: 'Practice, municipality and an optional note.' })
    input: MarkInterestInput,
    @Ctx() ctx: Context,
  ) {
    return markInterest(ctx, input);
  }

  @Mutation(() => Boolean, { description: "Takes back one of your municipalities' interest in a practice." })
  removeInterest(
    @Arg('input', () => RemoveInterestInput, { description: 'Practice and municipality.' }) input: RemoveInterestInput,
    @Ctx() ctx: Context,
  ) {
    return removeInterest(ctx, input);
  }

  @Authorized<PracticesAction>('interest:read')
  @FieldResolver(() => [PracticeInterest], {
    nullable: true,
    description: "Who is interested; null unless you may change this practice (its owner's editors, coordinators).",
  })
  interests(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<InterestRow[]> {
    return ctx.loaders.interests.load(p.id);
  }

  @FieldResolver(() => [PracticeInterest], {
    description:
      'The interest of the municipalities you act for (whether to offer marking or taking it back); empty when signed out.',
  })
  async ownInterests(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<InterestRow[]> {
    // The same rule that lets the caller mark or take back an interest decides which it sees here.
    return (await ctx.loaders.interests.load(p.id)).filter((i) =>
      practicesPolicy.can(ctx.caller, 'interest:write', { ags: i.municipalityAgs }),
    );
  }

  @FieldResolver(() => Int, { description: 'How many municipalities marked it as interesting.' })
  async interestCount(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.interests.load(p.id)).length;
  }
}

@Resolver(() => PracticeInterest)
export class InterestResolver {
  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'The interested municipality.' })
  municipality(@Root() i: InterestRow): MunicipalityRef {
    return { ags: i.municipalityAgs };
  }
}
