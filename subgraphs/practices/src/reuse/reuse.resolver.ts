import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { isVisible } from '../practice/practice.visibility.js';
import { Practice } from '../practice/practice.type.js';
import { adaptPractice, setAdaptedFrom } from './reuse.service.js';
import { AdaptPracticeInput, SetAdaptedFromInput } from './reuse.type.js';

@Resolver(() => Practice)
export class ReuseResolver {
  @Mutation(() => Practice, {
    description: "Adapts another practice as your municipality's own draft, recording what you changed.",
  })
  adaptPractice(
    @Arg('input', () => AdaptPracticeInput, { description: 'Source, your municipality and your changes.' })
    input: AdaptPracticeInput,
    @Ctx() ctx: Context,
  ) {
    return adaptPractice(ctx, input);
  }

  @Mutation(() => Practice, {
    description: 'Records where an existing practice came from; rejected when it would create a cycle.',
  })
  setAdaptedFrom(
    @Arg('input', () => SetAdaptedFromInput, { description: 'The practice, its source and the changes.' })
    input: SetAdaptedFromInput,
    @Ctx() ctx: Context,
  ) {
    return setAdaptedFrom(ctx, input);
  }

  @FieldResolver(() => Practice, { nullable: true, description: 'The practice this one was adapted from.' })
  async adaptedFrom(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<PracticeRow | null> {
    if (!p.adaptedFromId) return null;
    const source = await ctx.loaders.practice.load(p.adaptedFromId);
    return source && isVisible(ctx.caller, source) ? source : null;
  }

  @FieldResolver(() => [Practice], { description: 'Practices adapted directly from this one.' })
  adaptations(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<PracticeRow[]> {
    return ctx.loaders.adaptations.load(p.id);
  }

  @FieldResolver(() => [Practice], {
    description: 'Where this practice comes from, over every hop: its source first, the original last.',
  })
  async lineage(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<PracticeRow[]> {
    const ids = await ctx.loaders.ancestorIds.load(p.id);
    const ancestors = await ctx.loaders.practice.loadMany(ids);
    return ancestors.filter((a): a is PracticeRow => a !== null && !(a instanceof Error) && isVisible(ctx.caller, a));
  }

  @FieldResolver(() => Int, {
    description: 'How many practices were adapted from this one, directly or through further adaptations.',
  })
  reuseCount(@Root() p: PracticeRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.reuseCount.load(p.id);
  }
}
