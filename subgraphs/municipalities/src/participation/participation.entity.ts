import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@welcome-hub/kit';
import { CooperationEntity } from '../cooperation/cooperation.entity.js';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';

/**
 * A municipality's binding participation declaration in a cooperation. Withdrawn
 * declarations stay as history; at most one is active per municipality and cooperation.
 */
export const ParticipationEntity = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  // One active declaration per municipality and cooperation; it also serves lookups by cooperation.
  uniques: [
    {
      name: 'participation_active_unique',
      properties: ['cooperationId', 'municipalityAgs'],
      where: '"withdrawn_on" is null',
    },
  ],
  checks: [{ name: 'participation_check', expression: '"withdrawn_on" is null or "withdrawn_on" >= "declared_on"' }],
  properties: {
    ...idProperty(),
    cooperationId: p
      .manyToOne(CooperationEntity)
      .mapToPk()
      .fieldName('cooperation_id')
      .foreignKeyName('participation_cooperation_id_fkey'),
    municipalityAgs: p
      .manyToOne(MunicipalityEntity)
      .mapToPk()
      .fieldName('municipality_ags')
      .foreignKeyName('participation_municipality_ags_fkey')
      .index(),
    declaredOn: p.date(),
    withdrawnOn: p.date().nullable(),
    contactName: p.string().length(200),
    contactRole: p.string().length(200),
    contactEmail: p.string().length(254),
    ...timestampProperties(),
    updatedBy: p.string().length(200),
  },
});
export type ParticipationRow = InstanceType<typeof ParticipationEntity.class>;
