import 'reflect-metadata';
import { auditTrailResolver, policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { foreignReferences } from './federation/references.js';
import {
  AnswerResolver,
  AreaScoreResolver,
  AssessmentResolver,
  GapResolver,
} from './assessment/assessment.resolver.js';
import { CriterionResolver, QualityAreaResolver, criterionReference } from './catalogue/catalogue.resolver.js';
import { MunicipalityModulesResolver } from './federation/municipality.resolver.js';
import { AdoptionResolver, ModuleResolver, moduleReference } from './module/module.resolver.js';
import { modulesPolicy } from './policy.js';
import { modulesModel } from './model.js';
import { ModuleAdoptionCountResolver, ModuleAdoptionStatisticsResolver } from './statistics/statistics.resolver.js';
import { SummaryQueryResolver, SummaryResolver } from './summary/summary.resolver.js';

const ModulesAuditTrailResolver = auditTrailResolver({
  field: 'modulesAuditTrail',
  schema: modulesModel.schema,
  records: 'modules, the Quick-Check catalogue, adoptions, assessments and published assessment summaries',
  authorize: (caller, scope) => modulesPolicy.require(caller, 'audit:read', scope),
});

export const modulesSchema: SubgraphSchemaInput = {
  resolvers: [
    ModuleResolver,
    AdoptionResolver,
    QualityAreaResolver,
    CriterionResolver,
    AssessmentResolver,
    AnswerResolver,
    GapResolver,
    AreaScoreResolver,
    SummaryQueryResolver,
    SummaryResolver,
    ModuleAdoptionStatisticsResolver,
    ModuleAdoptionCountResolver,
    MunicipalityModulesResolver,
    ModulesAuditTrailResolver,
  ],
  referenceResolvers: {
    ...moduleReference,
    ...criterionReference,
    Municipality: foreignReferences.Municipality,
    Cooperation: foreignReferences.Cooperation,
  },
  authChecker: policyAuthChecker(modulesPolicy),
};
