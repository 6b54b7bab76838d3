import type { DataModel } from '@welcome-hub/kit';
import { CooperationEntity, MembershipEntity } from './cooperation/cooperation.entity.js';
import { DistrictEntity } from './district/district.entity.js';
import { migrations } from './migrations/index.js';
import { MunicipalityEntity } from './municipality/municipality.entity.js';
import { ParticipationEntity } from './participation/participation.entity.js';

/** The `municipalities` PostgreSQL schema: its tables and migrations. */
export const municipalitiesModel: DataModel = {
  schema: 'municipalities',
  entities: [DistrictEntity, MunicipalityEntity, CooperationEntity, MembershipEntity, ParticipationEntity],
  migrations,
  // Changes of these reach the search index through the outbox.
  searchable: { Municipality: 'ags' },
  // Every write of these leaves an audit entry; the reference tables are written by the seed only.
  audited: {
    // The contact's role is free text too: it may as well name the person.
    Participation: { owner: 'municipalityAgs', personal: ['contactName', 'contactEmail', 'contactRole'] },
  },
};
