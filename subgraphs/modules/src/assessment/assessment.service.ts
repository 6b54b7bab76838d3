import { InputValidator, NotFoundError, requireUser, subjectOf } from '@welcome-hub/kit';
import { knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { modulesPolicy as policy } from '../policy.js';
import { publishSummaries } from '../summary/summary.service.js';
import { AnswerEntity, AssessmentEntity, type AssessmentRow } from './assessment.entity.js';
import { findAssessment } from './assessment.repository.js';
import type { SubmitAssessmentInput } from './assessment.type.js';

export async function submitAssessment(ctx: Context, input: SubmitAssessmentInput): Promise<AssessmentRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  knownMunicipality(v, input.ags, 'input.ags');
  v.throwIfInvalid();
  policy.require(ctx.caller, 'assessment:write', { ags: input.ags });

  const catalogue = await ctx.loaders.catalogue.load('all');
  const seen = new Set<string>();
  for (const [i, answer] of input.answers.entries()) {
    const criterion = catalogue.criterion.get(answer.criterion);
    const at = `input.answers[${i}]`;
    if (!criterion) {
      v.check(false, `${at}.criterion`, `no criterion has the key "${answer.criterion}"`);
      continue;
    }
    v.check(!seen.has(answer.criterion), `${at}.criterion`, `criterion "${answer.criterion}" is answered twice`);
    seen.add(answer.criterion);
    v.check(
      Number.isInteger(answer.score) && answer.score >= criterion.scaleMin && answer.score <= criterion.scaleMax,
      `${at}.score`,
      `score for criterion "${answer.criterion}" must be between ${criterion.scaleMin} and ${criterion.scaleMax}`,
    );
    if (answer.note != null)
      v.check(
        answer.note.length <= 2000,
        `${at}.note`,
        `note for criterion "${answer.criterion}" must have at most 2000 characters`,
      );
  }
  for (const criterion of catalogue.criteria) {
    if (criterion.required && !seen.has(criterion.key))
      v.check(false, 'input.answers', `criterion "${criterion.key}" (${criterion.title}) is required`);
  }
  v.throwIfInvalid();

  // The assessment and the summaries it lets the rule publish commit together or not at all.
  return ctx.em.transactional(async (em) => {
    const submitted = { municipalityAgs: input.ags, submittedAt: new Date(), submittedBy: subjectOf(ctx.caller) };
    const assessment = em.create(AssessmentEntity, submitted);
    // The assessment row first, then its answers (their foreign key needs it).
    await em.persist(assessment).flush();
    for (const answer of input.answers) {
      em.persist(
        em.create(AnswerEntity, {
          assessmentId: assessment.id,
          criterionKey: answer.criterion,
          score: answer.score,
          note: answer.note?.trim() ? answer.note.trim() : null,
        }),
      );
    }
    await em.flush();
    await publishSummaries(em, input.ags, null);
    return assessment;
  });
}

export async function getAssessment(ctx: Context, id: string): Promise<AssessmentRow> {
  requireUser(ctx.caller);
  new InputValidator().uuid(id, 'id', 'an assessment').throwIfInvalid();
  const assessment = await findAssessment(ctx.em, id);
  if (!assessment) throw new NotFoundError('Assessment', id);
  policy.require(ctx.caller, 'assessment:read', { ags: assessment.municipalityAgs });
  return assessment;
}
