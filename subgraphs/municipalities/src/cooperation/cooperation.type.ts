import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegionCode } from '../shared/region.js';

export enum MembershipStatus {
  MEMBER = 'MEMBER',
  INVITED = 'INVITED',
}

registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'How a municipality belongs to a cooperation.',
  valuesConfig: {
    MEMBER: { description: 'A member, as the sources record.' },
    INVITED: { description: 'Invited to join; whether it has declared participation shows in `participations`.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@key(fields: "slug")')
@ObjectType('Cooperation', { description: 'An inter-municipal cooperation on welcoming newcomers.' })
export class Cooperation {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Human-readable unique key, e.g. "integration-interkommunal".' })
  slug!: string;

  @Field({ description: 'Name (German).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the cooperation does (German).' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'Who coordinates it.' })
  coordinator!: string | null;

  @Field(() => RegionCode, { nullable: true, description: 'Region it serves.' })
  region!: RegionCode | null;

  @Field(() => Int, { nullable: true, description: 'Year it started, where a source gives it.' })
  foundedYear!: number | null;

  @Field(() => [String], {
    description: 'What a municipality must do to participate (German); empty when not documented.',
  })
  participationRequirements!: string[];

  @Field({ description: 'Where the record comes from.' })
  source!: string;
}

@ObjectType('Membership', { description: "A municipality's place in a cooperation." })
export class Membership {
  @Field(() => MembershipStatus, { description: 'Member, or invited.' })
  status!: MembershipStatus;

  @Field(() => Int, { nullable: true, description: 'Year of signing or joining; null where no source gives it.' })
  since!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Note from the sources (German), e.g. how the municipality joined.',
  })
  note!: string | null;

  @Field({ description: 'Where the record comes from.' })
  source!: string;
}
