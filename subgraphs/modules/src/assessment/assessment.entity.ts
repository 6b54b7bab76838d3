import { defineEntity, p } from '@mikro-orm/core';

/** One submitted self-assessment; earlier ones stay, so progress over time is visible. */
export const AssessmentEntity = defineEntity({
  name: 'Assessment',
  tableName: 'assessment',
  properties: {
    id: p.uuid().primary(),
    municipalityAgs: p.string().length(8).index(),
    submittedAt: p.datetime(),
    submittedBy: p.string().length(200),
  },
});
export type AssessmentRow = InstanceType<typeof AssessmentEntity.class>;

export const AnswerEntity = defineEntity({
  name: 'AssessmentAnswer',
  tableName: 'assessment_answer',
  uniques: [{ properties: ['assessmentId', 'criterionKey'] }],
  properties: {
    id: p.uuid().primary(),
    assessmentId: p.uuid().index(),
    criterionKey: p.string().length(60),
    score: p.integer(),
    note: p.text().nullable(),
  },
});
export type AnswerRow = InstanceType<typeof AnswerEntity.class>;
