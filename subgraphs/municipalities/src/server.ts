import 'reflect-metadata';
import type { SubgraphDefinition } from '@welcome-hub/kit';
import { createLoaders, type Loaders } from './loaders.js';
import { municipalitiesModel } from './model.js';
import { municipalitiesSchema } from './schema.js';
import { isEmpty, seedMunicipalities } from './seed.js';
import { municipalitySearchFeed } from './municipality/municipality.search.js';
import { municipalitiesOpenData } from './open-data.js';

/** Municipalities, districts, cooperations, memberships and participation declarations. */
export const municipalitiesSubgraph: SubgraphDefinition<Loaders> = {
  name: 'municipalities',
  defaultPort: 4001,
  model: municipalitiesModel,
  schema: municipalitiesSchema,
  createLoaders,
  seed: (orm, log) => seedMunicipalities(orm, { log }),
  isEmpty,
  search: municipalitySearchFeed,
  httpRoutes: municipalitiesOpenData,
};

export { municipalitiesModel } from './model.js';
export { DistrictEntity } from './district/district.entity.js';
export { MunicipalityEntity } from './municipality/municipality.entity.js';
export { CooperationEntity, MembershipEntity } from './cooperation/cooperation.entity.js';
export { ParticipationEntity } from './participation/participation.entity.js';
export { RegionCode } from './shared/region.js';
export { seedMunicipalities, isEmpty } from './seed.js';
