import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InputValidator } from '@welcome-hub/kit';
import { MunicipalityRef } from '../federation/references.js';
import type { Context } from '../context.js';
import type { AreaRow, CriterionRow } from '../catalogue/catalogue.entity.js';
import { Criterion, QualityArea } from '../catalogue/catalogue.type.js';
import type { AnswerRow, AssessmentRow } from './assessment.entity.js';
import { getAssessment, submitAssessment } from './assessment.service.js';
import {
  AreaScore,
  Assessment,
  AssessmentAnswer,
  AssessmentGap,
  ScoreSummary,
  SubmitAssessmentInput,
} from './assessment.type.js';
import { areaScores, defaultThreshold, summarize, type AreaScoreValue, type ScoreSummaryValue } from './scoring.js';

interface GapValue {
  criterionKey: string;
  score: number;
  note: string | null;
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Mutation(() => Assessment, {
    description: 'Submits a Quick-Check self-assessment for one of your municipalities; earlier ones are kept.',
  })
  submitAssessment(
    @Arg('input', () => SubmitAssessmentInput, { description: 'Municipality and answers.' })
    input: SubmitAssessmentInput,
    @Ctx() ctx: Context,
  ) {
    return submitAssessment(ctx, input);
  }

  @Query(() => Assessment, {
    nullable: true,
    description: 'One assessment; only for its municipality and coordinators.',
  })
  assessment(@Arg('id', () => ID, { description: 'The assessment.' }) id: string, @Ctx() ctx: Context) {
    return getAssessment(ctx, id);
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'The assessed municipality.' })
  municipality(@Root() a: AssessmentRow): MunicipalityRef {
    return { ags: a.municipalityAgs };
  }

  @FieldResolver(() => [AssessmentAnswer], { description: 'The answers, in catalogue order.' })
  async answers(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<AnswerRow[]> {
    const [answers, catalogue] = await Promise.all([ctx.loaders.answers.load(a.id), ctx.loaders.catalogue.load('all')]);
    const order = new Map(catalogue.criteria.map((c, i) => [c.key, i]));
    return [...answers].sort((x, y) => (order.get(x.criterionKey) ?? 0) - (order.get(y.criterionKey) ?? 0));
  }

  @FieldResolver(() => ScoreSummary, { description: 'Scores over all answers.' })
  async overall(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<ScoreSummaryValue> {
    const [answers, catalogue] = await Promise.all([ctx.loaders.answers.load(a.id), ctx.loaders.catalogue.load('all')]);
    return summarize(answers, catalogue.criterion);
  }

  @FieldResolver(() => [AreaScore], { description: 'Scores per quality area.' })
  async areas(@Root() a: AssessmentRow, @Ctx() ctx: Context): Promise<AreaScoreValue[]> {
    const [answers, catalogue] = await Promise.all([ctx.loaders.answers.load(a.id), ctx.loaders.catalogue.load('all')]);
    return areaScores(answers, catalogue);
  }

  @FieldResolver(() => [AssessmentGap], {
    description: 'Criteria scored below the threshold, lowest first: where to improve.',
  })
  async gaps(
    @Root() a: AssessmentRow,
    @Arg('threshold', () => Int, {
      nullable: true,
      description: "Scores below this are gaps; default the middle of each criterion's scale (2 on 0–3).",
    })
    threshold: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<GapValue[]> {
    if (threshold != null) new InputValidator().between(threshold, 'threshold', 0, 10).throwIfInvalid();
    const [answers, catalogue] = await Promise.all([ctx.loaders.answers.load(a.id), ctx.loaders.catalogue.load('all')]);
    return answers
      .filter((answer) => {
        const criterion = catalogue.criterion.get(answer.criterionKey);
        return criterion !== undefined && answer.score < (threshold ?? defaultThreshold(criterion));
      })
      .sort((x, y) => x.score - y.score || x.criterionKey.localeCompare(y.criterionKey))
      .map((answer) => ({ criterionKey: answer.criterionKey, score: answer.score, note: answer.note ?? null }));
  }
}

async function criterionOf(key: string, ctx: Context): Promise<CriterionRow> {
  return (await ctx.loaders.catalogue.load('all')).criterion.get(key)!;
}

@Resolver(() => AssessmentAnswer)
export class AnswerResolver {
  @FieldResolver(() => Criterion, { description: 'The criterion answered.' })
  criterion(@Root() answer: AnswerRow, @Ctx() ctx: Context) {
    return criterionOf(answer.criterionKey, ctx);
  }
}

@Resolver(() => AssessmentGap)
export class GapResolver {
  @FieldResolver(() => Criterion, {
    description:
      'The criterion; its `modules` and (from the practices subgraph) `practices` show how others solved it.',
  })
  criterion(@Root() gap: GapValue, @Ctx() ctx: Context) {
    return criterionOf(gap.criterionKey, ctx);
  }
}

@Resolver(() => AreaScore)
export class AreaScoreResolver {
  @FieldResolver(() => QualityArea, { description: 'The quality area.' })
  async area(@Root() score: AreaScoreValue, @Ctx() ctx: Context): Promise<AreaRow> {
    return (await ctx.loaders.catalogue.load('all')).areas.find((a) => a.key === score.areaKey)!;
  }
}
