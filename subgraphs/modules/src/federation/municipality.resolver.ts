import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MunicipalityRef } from './references.js';
import type { Context } from '../context.js';
import type { AssessmentRow } from '../assessment/assessment.entity.js';
import { Assessment } from '../assessment/assessment.type.js';
import type { AdoptionRow } from '../module/module.entity.js';
import { ModuleAdoption } from '../module/module.type.js';
import type { ModulesAction } from '../policy.js';

@Resolver(() => MunicipalityRef)
export class MunicipalityModulesResolver {
  @FieldResolver(() => [ModuleAdoption], {
    nullable: true,
    description: 'Modules the municipality adopted, with its local variants.',
  })
  modules(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<AdoptionRow[]> {
    return ctx.loaders.adoptionsByMunicipality.load(m.ags);
  }

  @Authorized<ModulesAction>('assessment:read')
  @FieldResolver(() => [Assessment], {
    nullable: true,
    description: 'Quick-Check assessments, newest first; null unless you are its editor or a coordinator.',
  })
  assessments(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<AssessmentRow[]> {
    return ctx.loaders.assessmentsByMunicipality.load(m.ags);
  }

  @Authorized<ModulesAction>('assessment:read')
  @FieldResolver(() => Assessment, {
    nullable: true,
    description: 'The newest assessment; null when there is none or you may not see it.',
  })
  async latestAssessment(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<AssessmentRow | null> {
    return (await ctx.loaders.assessmentsByMunicipality.load(m.ags))[0] ?? null;
  }
}
