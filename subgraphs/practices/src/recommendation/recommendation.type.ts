import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { Practice } from '../practice/practice.type.js';

@Directive('@key(fields: "key")')
@ObjectType('Criterion', {
  description: 'A Quick-Check criterion. Other subgraphs extend it (e.g. with practices that address it).',
})
export class CriterionRef {
  @Field({ description: 'Stable key, e.g. "personal-welcome".' })
  key!: string;
}

@ObjectType('PracticeRecommendation', {
  description: 'A practice that addresses a criterion, ranked for one municipality.',
})
export class PracticeRecommendation {
  @Field(() => Practice, { description: 'The practice.' })
  practice!: unknown;

  @Field(() => Float, {
    description: 'Rank score from 0 to 1: similar population (40 %), nearness (40 %), how often it was adopted (20 %).',
  })
  score!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Distance in km between the owners' representative points; null for cooperations' practices or without a municipality to rank for.",
  })
  distanceKm!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Owner's population divided by the municipality's; null when not comparable.",
  })
  populationRatio!: number | null;

  @Field(() => Int, { description: 'How many practices were adapted from it.' })
  reuseCount!: number;
}
