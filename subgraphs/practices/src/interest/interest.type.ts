import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('PracticeInterest', {
  description: 'A municipality that marked a practice as interesting; visible to the practice owner and coordinators.',
})
export class PracticeInterest {
  @Field(() => String, { nullable: true, description: 'What the municipality wrote, if anything.' })
  note!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was marked.' })
  createdAt!: Date;
}

@InputType({ description: 'Marks a practice as interesting to one of your municipalities.' })
export class MarkInterestInput {
  @Field(() => ID, { description: 'The practice.' })
  practiceId!: string;

  @Field(() => ID, { description: 'AGS of the interested municipality (one of yours).' })
  ags!: string;

  @Field(() => String, { nullable: true, description: 'A note to the owner, up to 1000 characters.' })
  note?: string | null;
}

@InputType({ description: "Takes back a municipality's interest in a practice." })
export class RemoveInterestInput {
  @Field(() => ID, { description: 'The practice.' })
  practiceId!: string;

  @Field(() => ID, { description: 'AGS of the municipality (one of yours).' })
  ags!: string;
}
