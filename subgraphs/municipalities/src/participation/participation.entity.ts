import { defineEntity, p } from '@mikro-orm/core';

/**
 * A municipality's binding participation declaration in a cooperation. Withdrawn
 * declarations stay as history; at most one is active per municipality and cooperation.
 */
export const ParticipationEntity = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  properties: {
    id: p.uuid().primary(),
    cooperationId: p.uuid().index(),
    municipalityAgs: p.string().length(8).index(),
    declaredOn: p.date(),
    withdrawnOn: p.date().nullable(),
    contactName: p.string().length(200),
    contactRole: p.string().length(200),
    contactEmail: p.string().length(254),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    updatedBy: p.string().length(200),
  },
});
export type ParticipationRow = InstanceType<typeof ParticipationEntity.class>;
