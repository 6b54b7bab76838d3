import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { ModuleRow } from '../module/module.entity.js';
import { Module } from '../module/module.type.js';
import type { AreaRow, CriterionRow } from './catalogue.entity.js';
import { upsertCriterion } from './catalogue.service.js';
import { Criterion, QualityArea, UpsertCriterionInput } from './catalogue.type.js';

@Resolver(() => QualityArea)
export class QualityAreaResolver {
  @Query(() => [QualityArea], {
    nullable: true,
    description: 'The Quick-Check catalogue: quality areas with their criteria, in order.',
  })
  async qualityAreas(@Ctx() ctx: Context): Promise<AreaRow[]> {
    return (await ctx.loaders.catalogue.load('all')).areas;
  }

  @FieldResolver(() => [Criterion], { description: 'Its criteria, in order.' })
  async criteria(@Root() area: AreaRow, @Ctx() ctx: Context): Promise<CriterionRow[]> {
    return (await ctx.loaders.catalogue.load('all')).criteria.filter((c) => c.areaKey === area.key);
  }
}

@Resolver(() => Criterion)
export class CriterionResolver {
  @Query(() => Criterion, { nullable: true, description: 'One criterion by key; null when unknown.' })
  async criterion(
    @Arg('key', { description: 'e.g. "personal-welcome".' }) key: string,
    @Ctx() ctx: Context,
  ): Promise<CriterionRow | null> {
    return (await ctx.loaders.catalogue.load('all')).criterion.get(key) ?? null;
  }

  @Mutation(() => Criterion, { description: 'Creates or changes a criterion of the catalogue (coordinators).' })
  upsertCriterion(
    @Arg('input', () => UpsertCriterionInput, { description: 'The criterion.' }) input: UpsertCriterionInput,
    @Ctx() ctx: Context,
  ) {
    return upsertCriterion(ctx, input);
  }

  @FieldResolver(() => QualityArea, {
    nullable: true,
    description: 'Its quality area; null when `inCatalogue` is false.',
  })
  async area(@Root() c: CriterionRow, @Ctx() ctx: Context): Promise<AreaRow | null> {
    return (await ctx.loaders.catalogue.load('all')).areas.find((a) => a.key === c.areaKey) ?? null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'False for a key another subgraph recorded (e.g. a practice) that the catalogue does not hold; its title is then the key.',
  })
  async inCatalogue(@Root() c: CriterionRow, @Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.loaders.catalogue.load('all')).criterion.has(c.key);
  }

  @FieldResolver(() => [Module], { description: 'Modules that help with it.' })
  modules(@Root() c: CriterionRow, @Ctx() ctx: Context): Promise<ModuleRow[]> {
    return ctx.loaders.modulesByCriterion.load(c.key);
  }
}

/**
 * Stands in for a key that practices (or another subgraph) recorded but the catalogue does
 * not hold, so a reference never turns into an error at the gateway.
 */
function criterionOutsideCatalogue(key: string): CriterionRow {
  return {
    key,
    areaKey: '',
    title: key,
    guidance: 'Not in the Quick-Check catalogue.',
    scaleMin: 0,
    scaleMax: 0,
    required: false,
    position: 0,
    example: false,
    source: null,
  } as CriterionRow;
}

export const criterionReference = {
  Criterion: {
    __resolveReference: async (ref: { key: string }, ctx: Context) =>
      (await ctx.loaders.catalogue.load('all')).criterion.get(ref.key) ?? criterionOutsideCatalogue(ref.key),
  },
};
