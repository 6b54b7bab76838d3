import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { AreaLevel, RegionCode } from '@welcome-hub/kit';
import { ScoreSummary } from '../assessment/assessment.type.js';
import { DistrictRef } from '../federation/references.js';

@ObjectType('AssessmentSummary', {
  description:
    'Anonymous aggregate of the latest assessments of a region or district, as published: figures change only when at least 3 contributors changed.',
})
export class AssessmentSummary {
  @Field(() => Int, { description: 'Municipalities whose latest assessment (as of publication) counts; at least 3.' })
  contributingMunicipalities!: number;
  @Field(() => ScoreSummary, { description: 'Overall scores.' })
  overall!: ScoreSummary;
  @Field(() => DateTimeResolver, { description: 'When these figures were published.' })
  publishedAt!: Date;
}

@ObjectType('AreaAssessmentSummary', { description: 'The published Quick-Check summary of one region or district.' })
export class AreaAssessmentSummary {
  @Field(() => AreaLevel, { description: 'Whether this is a region or a district.' })
  level!: AreaLevel;
  @Field(() => RegionCode, { description: 'The region, or the region the district belongs to.' })
  region!: RegionCode;
  @Field(() => DistrictRef, { nullable: true, description: 'The district; null for a region.' })
  district!: DistrictRef | null;
  @Field(() => AssessmentSummary, {
    nullable: true,
    description: 'The latest published summary; null while none was published.',
  })
  summary!: AssessmentSummary | null;
}

@ObjectType('AssessmentPeriod', {
  description: 'The published Quick-Check summary of an area in force at the end of one period.',
})
export class AssessmentPeriod {
  @Field({ description: 'The period: "YYYY" or "YYYY-MM".' })
  period!: string;
  @Field(() => AssessmentSummary, {
    description: 'The summary in force at the end of the period (for the current period: now).',
  })
  summary!: AssessmentSummary;
}
