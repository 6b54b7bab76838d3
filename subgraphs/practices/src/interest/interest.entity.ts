import { defineEntity, p } from '@mikro-orm/core';

/** A municipality's note that a practice interests it; the practice's owner sees these. */
export const InterestEntity = defineEntity({
  name: 'PracticeInterest',
  tableName: 'practice_interest',
  uniques: [{ properties: ['practiceId', 'municipalityAgs'] }],
  properties: {
    id: p.uuid().primary(),
    practiceId: p.uuid().index(),
    municipalityAgs: p.string().length(8),
    note: p.text().nullable(),
    createdAt: p.datetime(),
    createdBy: p.string().length(200),
  },
});
export type InterestRow = InstanceType<typeof InterestEntity.class>;
