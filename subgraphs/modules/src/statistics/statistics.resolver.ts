import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { ModuleRow } from '../module/module.entity.js';
import { Module } from '../module/module.type.js';
import { adoptionByDistrict, adoptionByModule, type ModuleAdoptionValue } from './statistics.service.js';
import { DistrictModuleAdoption, ModuleAdoptionCount, ModuleAdoptionStatistics } from './statistics.type.js';

// Each list is one grouped statement (and byModule's modules one batched lookup), whatever
// the number of adoptions; a list nobody asks for is not computed.
@Resolver(() => ModuleAdoptionStatistics)
export class ModuleAdoptionStatisticsResolver {
  @Query(() => ModuleAdoptionStatistics, {
    description: 'How widely the shared modules are adopted, per district and per module; public.',
  })
  moduleAdoptionStatistics(): ModuleAdoptionStatistics {
    return {};
  }

  @FieldResolver(() => [DistrictModuleAdoption], {
    description:
      'Per district and status: all 20 districts, every status, in Kreisschlüssel order; zeros where nothing is adopted.',
  })
  byDistrict(@Ctx() ctx: Context): Promise<DistrictModuleAdoption[]> {
    return adoptionByDistrict(ctx);
  }

  @FieldResolver(() => [ModuleAdoptionCount], {
    description: 'Per module, every module: most adopted first, ties by title.',
  })
  byModule(@Ctx() ctx: Context): Promise<ModuleAdoptionValue[]> {
    return adoptionByModule(ctx);
  }
}

@Resolver(() => ModuleAdoptionCount)
export class ModuleAdoptionCountResolver {
  @FieldResolver(() => Module, { description: 'The module.' })
  async module(@Root() count: ModuleAdoptionValue, @Ctx() ctx: Context): Promise<ModuleRow> {
    return (await ctx.loaders.module.load(count.moduleId))!;
  }
}
