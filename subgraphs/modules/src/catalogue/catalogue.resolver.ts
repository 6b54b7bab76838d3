import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { ModuleRow } from '../module/module.entity.js';
import { Module } from '../module/module.type.js';
import type { AreaRow, CriterionRow } from './catalogue.entity.js';
import { upsertCriterion } from './catalogue.service.js';
import { Criterion, QualityArea, UpsertCriterionInput } from './catalogue.type.js';

@Resolver(() => QualityArea)
export class QualityAreaResolver {
  @Query(() => [QualityArea], { description: 'The Quick-Check catalogue: quality areas with their criteria, in order.' })
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
  async criterion(@Arg('key', { description: 'e.g. "personal-welcome".' }) key: string, @Ctx() ctx: Context): Promise<CriterionRow | null> {
    return (await ctx.loaders.catalogue.load('all')).criterion.get(key) ?? null;
  }

  @Mutation(() => Criterion, { description: 'Creates or changes a criterion of the catalogue (coordinators).' })
  upsertCriterion(@Arg('input', () => UpsertCriterionInput, { description: 'The criterion.' }) input: UpsertCriterionInput, @Ctx() ctx: Context) {
    return upsertCriterion(ctx, input);
  }

  @FieldResolver(() => QualityArea, { description: 'Its quality area.' })
  async area(@Root() c: CriterionRow, @Ctx() ctx: Context): Promise<AreaRow> {
    return (await ctx.loaders.catalogue.load('all')).areas.find((a) => a.key === c.areaKey)!;
  }

  @FieldResolver(() => [Module], { description: 'Modules that help with it.' })
  modules(@Root() c: CriterionRow, @Ctx() ctx: Context): Promise<ModuleRow[]> {
    return ctx.loaders.modulesByCriterion.load(c.key);
  }
}

export const criterionReference = {
  Criterion: {
    __resolveReference: async (ref: { key: string }, ctx: Context) => (await ctx.loaders.catalogue.load('all')).criterion.get(ref.key) ?? null,
  },
};
