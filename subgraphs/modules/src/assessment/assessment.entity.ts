import { defineEntity, p } from '@mikro-orm/core';
import { agsCheck, idProperty } from '@welcome-hub/kit';
import { CriterionEntity } from '../catalogue/catalogue.entity.js';

/** One submitted self-assessment; earlier ones stay, so progress over time is visible. */
export const AssessmentEntity = defineEntity({
  name: 'Assessment',
  tableName: 'assessment',
  // A municipality's assessments, newest first: the summaries pick each one's latest.
  indexes: [{ name: 'assessment_municipality_ags_index', properties: ['municipalityAgs', 'submittedAt'] }],
  properties: {
    ...idProperty(),
    municipalityAgs: p.string().length(8).check(agsCheck('municipality_ags')),
    submittedAt: p.datetime(),
    submittedBy: p.string().length(200),
  },
});
export type AssessmentRow = InstanceType<typeof AssessmentEntity.class>;

/** One criterion's score in an assessment. */
export const AnswerEntity = defineEntity({
  name: 'AssessmentAnswer',
  tableName: 'assessment_answer',
  // Also serves the lookups by assessment: no index of its own.
  uniques: [{ properties: ['assessmentId', 'criterionKey'] }],
  properties: {
    ...idProperty(),
    assessmentId: p
      .manyToOne(AssessmentEntity)
      .mapToPk()
      .fieldName('assessment_id')
      .foreignKeyName('assessment_answer_assessment_id_fkey')
      .deleteRule('cascade'),
    criterionKey: p
      .manyToOne(CriterionEntity)
      .mapToPk()
      .fieldName('criterion_key')
      .foreignKeyName('assessment_answer_criterion_key_fkey'),
    score: p.integer(),
    note: p.text().nullable(),
  },
});
export type AnswerRow = InstanceType<typeof AnswerEntity.class>;
