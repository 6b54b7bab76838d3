import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegionCode } from '@welcome-hub/kit';
import { Practice } from '../practice/practice.type.js';
import { VocabularyTerm } from '../shared/vocabulary.js';

@ObjectType({ description: 'How many public practices carry a vocabulary term.' })
export class PracticeTermCount {
  @Field(() => VocabularyTerm, { description: 'The term with its German label.' })
  term!: VocabularyTerm;

  @Field(() => Int, { description: 'Public practices carrying it (a practice may carry several terms).' })
  practices!: number;
}

@ObjectType({ description: 'How many public practices the owners of one region have.' })
export class PracticeRegionCount {
  @Field(() => RegionCode, { description: 'The region (cooperations count for theirs).' })
  region!: RegionCode;

  @Field(() => Int, { description: 'Public practices.' })
  practices!: number;
}

@ObjectType({ description: 'Counts over the public practices (published, not archived); drafts never count.' })
export class PracticeStatistics {
  @Field(() => Int, { description: 'Public practices.' })
  total!: number;

  @Field(() => [PracticeTermCount], {
    description: 'Per field of action, in vocabulary order; terms without practices count 0.',
  })
  byFieldOfAction!: PracticeTermCount[];

  @Field(() => [PracticeTermCount], {
    description: 'Per target group, in vocabulary order; terms without practices count 0.',
  })
  byTargetGroup!: PracticeTermCount[];

  @Field(() => [PracticeTermCount], { description: 'Per kind of measure, in vocabulary order.' })
  byKind!: PracticeTermCount[];

  @Field(() => [PracticeRegionCount], { description: "Per owner's region." })
  byRegion!: PracticeRegionCount[];
}

export enum PracticeRankingCriterion {
  REUSE = 'REUSE',
  INTEREST = 'INTEREST',
}

registerEnumType(PracticeRankingCriterion, {
  name: 'PracticeRankingCriterion',
  description: 'What a ranking of practices counts.',
  valuesConfig: {
    REUSE: { description: 'Adaptations: practices adapted from it, directly or through further adaptations.' },
    INTEREST: { description: 'Municipalities that marked it as interesting.' },
  },
});

@ObjectType({ description: 'A practice in a ranking, with both counts.' })
export class RankedPractice {
  @Field(() => Int, {
    description: 'Place in the ranking, from 1; equal counts share no place (ties are ordered by title).',
  })
  rank!: number;

  @Field(() => Practice, { description: 'The practice.' })
  practice!: Practice;

  @Field(() => Int, {
    description: 'Practices adapted from it, directly or through further adaptations (its `reuseCount`).',
  })
  adaptations!: number;

  @Field(() => Int, { description: 'Municipalities that marked it as interesting (its `interestCount`).' })
  interestedMunicipalities!: number;
}
