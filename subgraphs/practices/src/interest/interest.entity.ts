import { defineEntity, p } from '@mikro-orm/core';
import { agsCheck, createdAtProperty, idProperty } from '@welcome-hub/kit';
import { PracticeEntity } from '../practice/practice.entity.js';

/** A municipality's note that a practice interests it; the practice's owner sees these. */
export const InterestEntity = defineEntity({
  name: 'PracticeInterest',
  tableName: 'practice_interest',
  // Also serves the lookups by practice: no index of its own.
  uniques: [{ properties: ['practiceId', 'municipalityAgs'] }],
  properties: {
    ...idProperty(),
    practiceId: p
      .manyToOne(PracticeEntity)
      .mapToPk()
      .fieldName('practice_id')
      .foreignKeyName('practice_interest_practice_id_fkey')
      .deleteRule('cascade'),
    municipalityAgs: p.string().length(8).check(agsCheck('municipality_ags')),
    note: p.text().nullable(),
    ...createdAtProperty(),
    createdBy: p.string().length(200),
  },
});
export type InterestRow = InstanceType<typeof InterestEntity.class>;
