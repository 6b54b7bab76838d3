import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AreaLevel, RegionCode, TimeInterval } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { AreaScore } from '../assessment/assessment.type.js';
import type { AreaScoreValue } from '../assessment/scoring.js';
import {
  assessmentSummaries,
  assessmentSummary,
  assessmentTrend,
  type AreaSummaryValue,
  type PeriodValue,
  type SummaryValue,
} from './summary.service.js';
import { AreaAssessmentSummary, AssessmentPeriod, AssessmentSummary } from './summary.type.js';

// Read by everyone: only published summaries, each of at least 3 municipalities and at
// least 3 contributors apart from the one before (summary.rule.ts).
const PUBLICATION_RULE =
  'Published only from 3 contributing municipalities on, and only when at least 3 contributors changed since the previous publication (a municipality added, or counted with a newer assessment): figures never move by one or two towns, so no two of them can be subtracted to reveal one. A region is also withheld while one or two of its contributors lie outside its published districts.';

@Resolver()
export class SummaryQueryResolver {
  @Query(() => AssessmentSummary, {
    nullable: true,
    description: `Anonymous aggregate of the latest assessments in a region or a district, as last published; null while nothing was published. ${PUBLICATION_RULE}`,
  })
  assessmentSummary(
    @Arg('region', () => RegionCode, { nullable: true, description: 'A region (give this or district).' })
    region: RegionCode | null,
    @Arg('district', () => ID, {
      nullable: true,
      description: 'A district by its 5-digit Kreisschlüssel (give this or region).',
    })
    district: string | null,
    @Ctx() ctx: Context,
  ): Promise<SummaryValue | null> {
    return assessmentSummary(ctx, region, district);
  }

  @Query(() => [AreaAssessmentSummary], {
    description: `The latest published Quick-Check summary of every region or of all 20 districts, in one call; an area without one has summary null. ${PUBLICATION_RULE}`,
  })
  assessmentSummaries(
    @Arg('level', () => AreaLevel, { description: 'Regions or districts.' }) level: AreaLevel,
    @Ctx() ctx: Context,
  ): Promise<AreaSummaryValue[]> {
    return assessmentSummaries(ctx, level);
  }

  @Query(() => [AssessmentPeriod], {
    description: `How the published Quick-Check summary of a region or district developed: per period, from the one of its first publication to the current one, the summary in force at the period's end; empty while nothing was published. ${PUBLICATION_RULE}`,
  })
  assessmentTrend(
    @Arg('region', () => RegionCode, { nullable: true, description: 'A region (give this or district).' })
    region: RegionCode | null,
    @Arg('district', () => ID, {
      nullable: true,
      description: 'A district by its 5-digit Kreisschlüssel (give this or region).',
    })
    district: string | null,
    @Arg('interval', () => TimeInterval, { defaultValue: TimeInterval.YEAR, description: 'Width of a period.' })
    interval: TimeInterval,
    @Ctx() ctx: Context,
  ): Promise<PeriodValue[]> {
    return assessmentTrend(ctx, region, district, interval);
  }
}

@Resolver(() => AssessmentSummary)
export class SummaryResolver {
  @FieldResolver(() => [AreaScore], { description: 'Scores per quality area.' })
  areas(@Root() summary: SummaryValue): AreaScoreValue[] {
    return summary.areas;
  }
}
