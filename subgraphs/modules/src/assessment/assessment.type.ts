import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('Assessment', {
  description: "A municipality's Quick-Check self-assessment. Private to that municipality and coordinators.",
})
export class Assessment {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
  @Field(() => DateTimeResolver, { description: 'When it was submitted.' })
  submittedAt!: Date;
}

@ObjectType('AssessmentAnswer', { description: 'The score and note for one criterion.' })
export class AssessmentAnswer {
  @Field(() => Int, { description: "Score on the criterion's scale." })
  score!: number;
  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;
}

@ObjectType('ScoreSummary', { description: 'Scores of a group of answers.' })
export class ScoreSummary {
  @Field(() => Float, { description: "Mean score on the criteria's scale." })
  average!: number;
  @Field(() => Float, { description: 'Mean score as a share of the scale, 0 to 100.' })
  percent!: number;
  @Field(() => Int, { description: 'Number of answers.' })
  answered!: number;
}

@ObjectType('AreaScore', { description: 'Scores of one quality area.' })
export class AreaScore {
  @Field(() => ScoreSummary, { description: 'The scores.' })
  score!: ScoreSummary;
}

@ObjectType('AssessmentGap', { description: 'A criterion scored below the threshold: where to improve.' })
export class AssessmentGap {
  @Field(() => Int, { description: 'The score given.' })
  score!: number;
  @Field(() => String, { nullable: true, description: 'The note given.' })
  note!: string | null;
}

@InputType({ description: 'The answer for one criterion.' })
export class AnswerInput {
  @Field({ description: 'Criterion key.' })
  criterion!: string;
  @Field(() => Int, { description: "Score on the criterion's scale." })
  score!: number;
  @Field(() => String, { nullable: true, description: 'Note, up to 2000 characters.' })
  note?: string | null;
}

@InputType({ description: 'A Quick-Check self-assessment for one of your municipalities.' })
export class SubmitAssessmentInput {
  @Field(() => ID, { description: 'AGS of the municipality (one of yours).' })
  ags!: string;
  @Field(() => [AnswerInput], { description: 'One answer per criterion; every required criterion must be answered.' })
  answers!: AnswerInput[];
}
