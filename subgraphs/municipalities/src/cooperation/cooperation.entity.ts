import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType } from '@welcome-hub/kit';

/** An inter-municipal cooperation such as the Qualitätsoffensive or Integration.Interkommunal. */
export const CooperationEntity = defineEntity({
  name: 'Cooperation',
  tableName: 'cooperation',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().length(80).unique(),
    name: p.string().length(200),
    summary: p.text().nullable(),
    coordinator: p.string().length(200).nullable(),
    region: p.string().length(20).nullable(),
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
    id: p.uuid().primary(),
    cooperationId: p.uuid().index(),
    municipalityAgs: p.string().length(8).index(),
    status: p.string().length(20),
    sinceYear: p.integer().nullable(),
    note: p.text().nullable(),
    source: p.text(),
  },
});
export type MembershipRow = InstanceType<typeof MembershipEntity.class>;
