import { InputValidator, NotFoundError, requireUser, subjectOf } from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/seed';
import type { Context } from '../context.js';
import { modulesPolicy as policy } from '../policy.js';
import { AnswerEntity, AssessmentEntity, type AssessmentRow } from './assessment.entity.js';
import type { SubmitAssessmentInput } from './assessment.type.js';
import { areaScores, summarize, type AreaScoreValue, type ScoreSummaryValue } from './scoring.js';

/** Public aggregates need this many contributing municipalities, so no single town can be singled out. */
export const MIN_CONTRIBUTORS = 3;

export async function submitAssessment(ctx: Context, input: SubmitAssessmentInput): Promise<AssessmentRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  v.check(referenceDirectory().municipalities.has(input.ags), 'input.ags', `no municipality of the hub has the AGS "${input.ags}"`);
  v.throwIfInvalid();
  policy.require(ctx.caller, 'assessment:write', { ags: input.ags });

  const catalogue = await ctx.loaders.catalogue.load('all');
  const seen = new Set<string>();
  input.answers.forEach((answer, i) => {
    const criterion = catalogue.criterion.get(answer.criterion);
    const at = `input.answers[${i}]`;
    if (!criterion) return v.check(false, `${at}.criterion`, `no criterion has the key "${answer.criterion}"`);
    v.check(!seen.has(answer.criterion), `${at}.criterion`, `criterion "${answer.criterion}" is answered twice`);
    seen.add(answer.criterion);
    v.check(
      Number.isInteger(answer.score) && answer.score >= criterion.scaleMin && answer.score <= criterion.scaleMax,
      `${at}.score`,
      `score for criterion "${answer.criterion}" must be between ${criterion.scaleMin} and ${criterion.scaleMax}`,
    );
    if (answer.note != null) v.check(answer.note.length <= 2000, `${at}.note`, `note for criterion "${answer.criterion}" must have at most 2000 characters`);
  });
  for (const criterion of catalogue.criteria) {
    if (criterion.required && !seen.has(criterion.key)) v.check(false, 'input.answers', `criterion "${criterion.key}" (${criterion.title}) is required`);
  }
  v.throwIfInvalid();

  return ctx.em.transactional(async (em) => {
    const assessment = em.create(AssessmentEntity, { id: crypto.randomUUID(), municipalityAgs: input.ags, submittedAt: new Date(), submittedBy: subjectOf(ctx.caller) });
    // No ORM relations are declared, so flush the parent row before its answers (foreign key).
    await em.persist(assessment).flush();
    for (const answer of input.answers) {
      em.persist(
        em.create(AnswerEntity, {
          id: crypto.randomUUID(), assessmentId: assessment.id, criterionKey: answer.criterion, score: answer.score,
          note: answer.note?.trim() ? answer.note.trim() : null,
        }),
      );
    }
    return assessment;
  });
}

export async function getAssessment(ctx: Context, id: string): Promise<AssessmentRow> {
  requireUser(ctx.caller);
  new InputValidator().uuid(id, 'id', 'an assessment').throwIfInvalid();
  const assessment = await ctx.em.findOne(AssessmentEntity, { id });
  if (!assessment) throw new NotFoundError('Assessment', id);
  policy.require(ctx.caller, 'assessment:read', { ags: assessment.municipalityAgs });
  return assessment;
}

export interface SummaryValue {
  contributingMunicipalities: number;
  overall: ScoreSummaryValue;
  areas: AreaScoreValue[];
}

/**
 * Anonymous aggregate over the latest assessment of each municipality of a region or
 * district; null while fewer than MIN_CONTRIBUTORS municipalities have one.
 *
 * A region's figures minus those of its published districts describe the contributors in
 * unpublished districts (a kreisfreie Stadt is a district of one). The region is therefore
 * published only when that remainder is empty or itself has MIN_CONTRIBUTORS members.
 */
export async function assessmentSummary(ctx: Context, region: string | null, district: string | null): Promise<SummaryValue | null> {
  const v = new InputValidator();
  v.check((region == null) !== (district == null), 'region', 'give exactly one of region or district');
  if (district != null) v.check(/^\d{5}$/.test(district), 'district', 'must be a 5-digit Kreisschlüssel');
  v.throwIfInvalid();
  const directory = referenceDirectory().municipalities;
  const members = [...directory].filter(([, m]) => (region ? m.region === region : m.districtCode === district)).map(([ags]) => ags);
  if (members.length === 0) return null;
  const latest = (await ctx.em.execute(
    `select distinct on (municipality_ags) id, municipality_ags from "modules"."assessment" where municipality_ags in (?) order by municipality_ags, submitted_at desc`,
    [members],
  )) as { id: string; municipality_ags: string }[];
  if (latest.length < MIN_CONTRIBUTORS) return null;
  if (region != null && !remainderIsAnonymous(latest.map((l) => directory.get(l.municipality_ags)?.districtCode ?? ''))) return null;
  const answers = await ctx.em.find(AnswerEntity, { assessmentId: { $in: latest.map((l) => l.id) } });
  const catalogue = await ctx.loaders.catalogue.load('all');
  return {
    contributingMunicipalities: latest.length,
    overall: summarize(answers, catalogue.criterion),
    areas: areaScores(answers, catalogue),
  };
}

/** True when the contributors of districts too small to publish are none or at least MIN_CONTRIBUTORS. */
export function remainderIsAnonymous(contributorDistricts: readonly string[]): boolean {
  const perDistrict = new Map<string, number>();
  for (const code of contributorDistricts) perDistrict.set(code, (perDistrict.get(code) ?? 0) + 1);
  const hidden = [...perDistrict.values()].filter((n) => n < MIN_CONTRIBUTORS).reduce((a, b) => a + b, 0);
  return hidden === 0 || hidden >= MIN_CONTRIBUTORS;
}
