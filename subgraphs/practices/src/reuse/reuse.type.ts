import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "Adapts another municipality's practice as your own (created as a draft)." })
export class AdaptPracticeInput {
  @Field(() => ID, { description: 'The practice to adapt.' })
  sourceId!: string;

  @Field(() => ID, { description: 'AGS of the adapting municipality (must be one of yours).' })
  ags!: string;

  @Field({ description: 'What you change compared with the original, 3 to 5000 characters.' })
  changes!: string;

  @Field(() => String, { nullable: true, description: "Title of your version; default the original's." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of your version; default "<original slug>-<ags>".' })
  slug?: string | null;
}

@InputType({ description: 'Records that an existing practice was adapted from another.' })
export class SetAdaptedFromInput {
  @Field(() => ID, { description: 'The adapting practice (one you may change).' })
  practiceId!: string;

  @Field(() => ID, { description: 'The practice it was adapted from.' })
  sourceId!: string;

  @Field({ description: 'What was changed compared with the original, 3 to 5000 characters.' })
  changes!: string;
}
