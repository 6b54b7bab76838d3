import { Field, Float, Int, ObjectType } from 'type-graphql';
import { District } from '../district/district.type.js';
import { RegionCode } from '../shared/region.js';

/** What the statistics are about: all participations, or one cooperation's (by id). */
export interface ParticipationScope {
  cooperationId: string | null;
}

@ObjectType({
  description:
    'Participation figures of municipalities in cooperations, counted in PostgreSQL; contact persons never enter them.',
})
export class ParticipationStatistics {}

@ObjectType({ description: 'How a group of municipalities takes part.' })
export class ParticipationCounts {
  @Field(() => Int, { description: 'Municipalities in the group.' })
  municipalities!: number;

  @Field(() => Int, {
    description: 'Municipalities that declared participation at some time (withdrawn ones included).',
  })
  declared!: number;

  @Field(() => Int, { description: 'Municipalities with an active (not withdrawn) declaration.' })
  active!: number;

  @Field(() => Float, { description: 'Active municipalities as a share of the group, 0 to 100, one decimal.' })
  activePercent!: number;
}

@ObjectType({ description: 'Participation in one region.' })
export class RegionParticipation extends ParticipationCounts {
  @Field(() => RegionCode, { description: 'The region.' })
  region!: RegionCode;

  @Field({ description: 'Its German name.' })
  regionName!: string;
}

@ObjectType({ description: 'Participation in one district.' })
export class DistrictParticipation extends ParticipationCounts {
  @Field(() => District, { description: 'The district.' })
  district!: District;
}

@ObjectType({ description: 'Declarations in one period of a time series.' })
export class ParticipationPeriod {
  @Field({ description: 'The period: "YYYY" or "YYYY-MM".' })
  period!: string;

  @Field(() => Int, { description: 'Declarations made in the period.' })
  declared!: number;

  @Field(() => Int, { description: 'Declarations withdrawn in the period.' })
  withdrawn!: number;

  @Field(() => Int, { description: 'Municipalities with an active declaration at the end of the period.' })
  active!: number;
}
