import type { Em } from '@welcome-hub/kit';
import { AnswerEntity, AssessmentEntity, type AnswerRow, type AssessmentRow } from './assessment.entity.js';

/** One submission, for replaying them (summary.service.ts `replayPublications`). */
export interface Submission {
  ags: string;
  /** A Date from PGlite, text from the PostgreSQL server (raw rows keep the driver's form). */
  submittedAt: Date | string;
}

export function findAssessment(em: Em, id: string): Promise<AssessmentRow | null> {
  return em.findOne(AssessmentEntity, { id });
}

/** Assessments of the given municipalities, newest first. */
export function findAssessmentsByMunicipalities(em: Em, ags: readonly string[]): Promise<AssessmentRow[]> {
  return em.find(
    AssessmentEntity,
    { municipalityAgs: { $in: [...ags] } },
    { orderBy: { submittedAt: 'desc', id: 'asc' } },
  );
}

export function findAnswersByAssessments(em: Em, ids: readonly string[]): Promise<AnswerRow[]> {
  return em.find(AnswerEntity, { assessmentId: { $in: [...ids] } });
}

/** How many answers score a criterion: its scale is fixed once there are any. */
export function countAnswersOf(em: Em, criterionKey: string): Promise<number> {
  return em.count(AnswerEntity, { criterionKey });
}

/** Every submission, in the order they were made. */
export async function listSubmissions(em: Em): Promise<Submission[]> {
  return (await em.execute(
    `select "municipality_ags" as "ags", "submitted_at" as "submittedAt"
       from "modules"."assessment" order by "submitted_at", "id"`,
  )) as Submission[];
}
