import type { DataModel } from '@welcome-hub/kit';
import { AnswerEntity, AssessmentEntity } from './assessment/assessment.entity.js';
import { AreaEntity, CriterionEntity } from './catalogue/catalogue.entity.js';
import { migrations } from './migrations/index.js';
import { AdoptionEntity, ModuleEntity, ModuleVersionEntity } from './module/module.entity.js';
import { PublishedSummaryEntity } from './summary/summary.entity.js';

/** The `modules` PostgreSQL schema: its tables and migrations. */
export const modulesModel: DataModel = {
  schema: 'modules',
  entities: [
    ModuleEntity,
    ModuleVersionEntity,
    AdoptionEntity,
    AreaEntity,
    CriterionEntity,
    AssessmentEntity,
    AnswerEntity,
    PublishedSummaryEntity,
  ],
  migrations,
  // Changes of these reach the search index through the outbox.
  searchable: { Module: 'id' },
  // Every write of these leaves an audit entry; a municipality's own notes are masked in
  // it, since free text may name people.
  audited: {
    Module: { owner: 'ownerAgs' },
    ModuleVersion: {},
    ModuleAdoption: { owner: 'municipalityAgs', personal: ['localNotes'] },
    QualityArea: {},
    Criterion: {},
    Assessment: { owner: 'municipalityAgs' },
    AssessmentAnswer: { personal: ['note'] },
    // Written by the publication rule, recorded as the system's: no caller chose to publish.
    PublishedSummary: {},
  },
};
