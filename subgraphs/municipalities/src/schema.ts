import 'reflect-metadata';
import { policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { CooperationResolver, MembershipResolver, cooperationReference } from './cooperation/cooperation.resolver.js';
import { DistrictResolver, districtReference } from './district/district.resolver.js';
import { municipalityReference } from './municipality/municipality.reference.js';
import { MunicipalityResolver } from './municipality/municipality.resolver.js';
import { ParticipationResolver, participationReference } from './participation/participation.resolver.js';
import { municipalitiesPolicy } from './policy.js';

export const municipalitiesSchema: SubgraphSchemaInput = {
  resolvers: [MunicipalityResolver, DistrictResolver, CooperationResolver, MembershipResolver, ParticipationResolver],
  referenceResolvers: { ...municipalityReference, ...districtReference, ...cooperationReference, ...participationReference },
  authChecker: policyAuthChecker(municipalitiesPolicy),
};
