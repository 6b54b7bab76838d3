import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType, idProperty } from '@welcome-hub/kit';
import { MunicipalityEntity } from '../municipality/municipality.entity.js';

/** An inter-municipal cooperation such as the Qualitätsoffensive or Integration.Interkommunal. */
export const CooperationEntity = defineEntity({
  name: 'Cooperation',
  tableName: 'cooperation',
  properties: {
    ...idProperty(),
    slug: p.string().length(80).unique(),
    name: p.string().length(200),
    summary: p.text().nullable(),
    coordinator: p.string().length(200).nullable(),
    region: p.string().length(20).nullable().check(`"region" in ('SUEDWESTFALEN', 'RUHR')`),
    foundedYear: p.integer().nullable(),
    participationRequirements: p.array().type(TextArrayType).nullable(),
    source: p.text(),
  },
});
export type CooperationRow = InstanceType<typeof CooperationEntity.class>;

/** A municipality's place in a cooperation: a member, or (Südwestfalen) invited to declare participation. */
export const MembershipEntity = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  uniques: [{ properties: ['cooperationId', 'municipalityAgs'] }],
  properties: {
    ...idProperty(),
    // The unique (cooperation, municipality) index serves lookups by cooperation.
    cooperationId: p
      .manyToOne(CooperationEntity)
      .mapToPk()
      .fieldName('cooperation_id')
      .foreignKeyName('membership_cooperation_id_fkey')
      .deleteRule('cascade'),
    municipalityAgs: p
      .manyToOne(MunicipalityEntity)
      .mapToPk()
      .fieldName('municipality_ags')
      .foreignKeyName('membership_municipality_ags_fkey')
      .index(),
    status: p.string().length(20).check(`"status" in ('MEMBER', 'INVITED')`),
    sinceYear: p.integer().nullable(),
    note: p.text().nullable(),
    source: p.text(),
  },
});
export type MembershipRow = InstanceType<typeof MembershipEntity.class>;
