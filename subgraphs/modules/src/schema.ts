import 'reflect-metadata';
import { policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { foreignReferences } from './federation/references.js';
import { AnswerResolver, AreaScoreResolver, AssessmentResolver, GapResolver, SummaryResolver } from './assessment/assessment.resolver.js';
import { CriterionResolver, QualityAreaResolver, criterionReference } from './catalogue/catalogue.resolver.js';
import { MunicipalityModulesResolver } from './federation/municipality.resolver.js';
import { AdoptionResolver, ModuleResolver, moduleReference } from './module/module.resolver.js';
import { modulesPolicy } from './policy.js';

export const modulesSchema: SubgraphSchemaInput = {
  resolvers: [
    ModuleResolver, AdoptionResolver, QualityAreaResolver, CriterionResolver, AssessmentResolver,
    AnswerResolver, GapResolver, AreaScoreResolver, SummaryResolver, MunicipalityModulesResolver,
  ],
  referenceResolvers: { ...moduleReference, ...criterionReference, Municipality: foreignReferences.Municipality, Cooperation: foreignReferences.Cooperation },
  authChecker: policyAuthChecker(modulesPolicy),
};
