import 'reflect-metadata';
import { policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { PracticeHistoryResolver, PracticesAuditTrailResolver } from './audit/audit.resolver.js';
import { CooperationPracticesResolver, MunicipalityPracticesResolver } from './federation/owner.resolver.js';
import { foreignReferences } from './federation/references.js';
import { InterestResolver, PracticeInterestsResolver } from './interest/interest.resolver.js';
import { practicesPolicy } from './policy.js';
import { PracticeResolver, practiceReference } from './practice/practice.resolver.js';
import {
  CriterionPracticesResolver,
  PracticeCriteriaResolver,
  criterionReference,
} from './recommendation/recommendation.resolver.js';
import { ReuseResolver } from './reuse/reuse.resolver.js';
import { PracticeStatisticsResolver } from './statistics/statistics.resolver.js';

export const practicesSchema: SubgraphSchemaInput = {
  resolvers: [
    PracticeResolver,
    ReuseResolver,
    PracticeInterestsResolver,
    InterestResolver,
    MunicipalityPracticesResolver,
    CooperationPracticesResolver,
    CriterionPracticesResolver,
    PracticeCriteriaResolver,
    PracticeHistoryResolver,
    PracticesAuditTrailResolver,
    PracticeStatisticsResolver,
  ],
  referenceResolvers: { ...practiceReference, ...foreignReferences, ...criterionReference },
  authChecker: policyAuthChecker(practicesPolicy),
};
