import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type ConnectionResult, isUuid } from '@welcome-hub/kit';
import { CooperationRef, MunicipalityRef } from '../federation/references.js';
import type { Context } from '../context.js';
import type { CriterionRow } from '../catalogue/catalogue.entity.js';
import { Criterion } from '../catalogue/catalogue.type.js';
import type { AdoptionRow, ModuleRow, ModuleVersionRow } from './module.entity.js';
import { ModuleOrder } from './module.order.js';
import { addModuleVersion, getModuleBySlug, listModules, setModuleAdoption, updateModule } from './module.service.js';
import {
  AddModuleVersionInput,
  AdoptionStatus,
  Module,
  ModuleAdoption,
  ModuleConnection,
  ModuleFilter,
  ModuleVersion,
  SetModuleAdoptionInput,
  UpdateModuleInput,
} from './module.type.js';

@Resolver(() => Module)
export class ModuleResolver {
  @Query(() => Module, { nullable: true, description: 'One module by slug; null when unknown.' })
  module(@Arg('slug', { description: 'e.g. "quick-check".' }) slug: string, @Ctx() ctx: Context) {
    return getModuleBySlug(ctx, slug);
  }

  @Query(() => ModuleConnection, {
    nullable: true,
    description: 'Modules, filtered, ordered (by title unless `orderBy` says otherwise) and paged.',
  })
  modules(
    @Arg('filter', () => ModuleFilter, { nullable: true, description: 'Conditions; all must hold.' })
    filter: ModuleFilter | null,
    @Args() page: PageArgs,
    @Arg('orderBy', () => ModuleOrder, { nullable: true, description: 'Order of the list; default TITLE.' })
    orderBy: ModuleOrder | null,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<ModuleRow>> {
    return listModules(ctx, filter, page, orderBy);
  }

  @Mutation(() => Module, { description: 'Changes a module (coordinators).' })
  updateModule(
    @Arg('input', () => UpdateModuleInput, { description: 'What to change.' }) input: UpdateModuleInput,
    @Ctx() ctx: Context,
  ) {
    return updateModule(ctx, input);
  }

  @Mutation(() => ModuleVersion, { description: 'Adds a released version to a module (coordinators).' })
  addModuleVersion(
    @Arg('input', () => AddModuleVersionInput, { description: 'The version.' }) input: AddModuleVersionInput,
    @Ctx() ctx: Context,
  ) {
    return addModuleVersion(ctx, input);
  }

  @Mutation(() => ModuleAdoption, {
    description: 'Records how one of your municipalities uses a module, and its local variant.',
  })
  setModuleAdoption(
    @Arg('input', () => SetModuleAdoptionInput, { description: 'Module, municipality, status and local variant.' })
    input: SetModuleAdoptionInput,
    @Ctx() ctx: Context,
  ) {
    return setModuleAdoption(ctx, input);
  }

  @FieldResolver(() => [ModuleVersion], { description: 'Released versions, newest first.' })
  versions(@Root() m: ModuleRow, @Ctx() ctx: Context): Promise<ModuleVersionRow[]> {
    return ctx.loaders.versions.load(m.id);
  }

  @FieldResolver(() => [ModuleAdoption], { description: 'Municipalities using it, by AGS.' })
  adoptions(@Root() m: ModuleRow, @Ctx() ctx: Context): Promise<AdoptionRow[]> {
    return ctx.loaders.adoptionsByModule.load(m.id);
  }

  @FieldResolver(() => Int, { description: 'Number of adoptions, optionally of one status.' })
  async adoptionCount(
    @Root() m: ModuleRow,
    @Arg('status', () => AdoptionStatus, { nullable: true, description: 'Only this status.' })
    status: AdoptionStatus | null,
    @Ctx() ctx: Context,
  ): Promise<number> {
    const adoptions = await ctx.loaders.adoptionsByModule.load(m.id);
    return status ? adoptions.filter((a) => a.status === status).length : adoptions.length;
  }

  @FieldResolver(() => [Criterion], { description: 'Quick-Check criteria it helps with.' })
  async criteria(@Root() m: ModuleRow, @Ctx() ctx: Context): Promise<CriterionRow[]> {
    const catalogue = await ctx.loaders.catalogue.load('all');
    return m.criteria.map((key) => catalogue.criterion.get(key)).filter((c): c is CriterionRow => c !== undefined);
  }

  @FieldResolver(() => MunicipalityRef, {
    nullable: true,
    description: 'The owning municipality; null when a cooperation owns it.',
  })
  municipality(@Root() m: ModuleRow): MunicipalityRef | null {
    return m.ownerAgs ? { ags: m.ownerAgs } : null;
  }

  @FieldResolver(() => CooperationRef, {
    nullable: true,
    description: 'The owning cooperation; null when a municipality owns it.',
  })
  cooperation(@Root() m: ModuleRow): CooperationRef | null {
    return m.ownerCooperation ? { slug: m.ownerCooperation } : null;
  }
}

@Resolver(() => ModuleAdoption)
export class AdoptionResolver {
  @FieldResolver(() => Module, { description: 'The adopted module.' })
  async module(@Root() a: AdoptionRow, @Ctx() ctx: Context): Promise<ModuleRow> {
    return (await ctx.loaders.module.load(a.moduleId))!;
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'The adopting municipality.' })
  municipality(@Root() a: AdoptionRow): MunicipalityRef {
    return { ags: a.municipalityAgs };
  }
}

export const moduleReference = {
  Module: {
    __resolveReference: (ref: { id: string }, ctx: Context) =>
      isUuid(ref.id) ? ctx.loaders.module.load(ref.id) : null,
  },
};
