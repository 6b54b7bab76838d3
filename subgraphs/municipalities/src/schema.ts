import 'reflect-metadata';
import { auditTrailResolver, policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { CooperationResolver, MembershipResolver, cooperationReference } from './cooperation/cooperation.resolver.js';
import { DistrictResolver, districtReference } from './district/district.resolver.js';
import { municipalityReference } from './municipality/municipality.reference.js';
import { MunicipalityResolver } from './municipality/municipality.resolver.js';
import { ParticipationResolver, participationReference } from './participation/participation.resolver.js';
import { municipalitiesPolicy } from './policy.js';
import { ParticipationStatisticsResolver } from './statistics/participation-statistics.resolver.js';
import { municipalitiesModel } from './model.js';

const MunicipalitiesAuditTrailResolver = auditTrailResolver({
  field: 'municipalitiesAuditTrail',
  schema: municipalitiesModel.schema,
  records: 'participation declarations and the reference statistics',
  authorize: (caller, scope) => municipalitiesPolicy.require(caller, 'audit:read', scope),
});

export const municipalitiesSchema: SubgraphSchemaInput = {
  resolvers: [
    MunicipalityResolver,
    DistrictResolver,
    CooperationResolver,
    MembershipResolver,
    ParticipationResolver,
    ParticipationStatisticsResolver,
    MunicipalitiesAuditTrailResolver,
  ],
  referenceResolvers: {
    ...municipalityReference,
    ...districtReference,
    ...cooperationReference,
    ...participationReference,
  },
  authChecker: policyAuthChecker(municipalitiesPolicy),
};
