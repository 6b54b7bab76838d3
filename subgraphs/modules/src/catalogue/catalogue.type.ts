import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('QualityArea', { description: 'A quality area of the Quick-Check catalogue.' })
export class QualityArea {
  @Field({ description: 'Stable key.' })
  key!: string;
  @Field({ description: 'Title (German).' })
  title!: string;
}

@Directive('@key(fields: "key")')
@ObjectType('Criterion', {
  description: 'A Quick-Check criterion. Other subgraphs extend it (e.g. with practices that address it).',
})
export class Criterion {
  @Field({ description: 'Stable key, e.g. "personal-welcome".' })
  key!: string;
  @Field({ description: 'Title (German).' })
  title!: string;
  @Field({ description: 'How to assess it (German).' })
  guidance!: string;
  @Field(() => Int, { description: 'Lowest score.' })
  scaleMin!: number;
  @Field(() => Int, { description: 'Highest score.' })
  scaleMax!: number;
  @Field({ description: 'Whether every assessment must answer it.' })
  required!: boolean;
  @Field({ description: 'True for criteria of the example catalogue, not of the real Quick-Check.' })
  example!: boolean;
}

@InputType({ description: 'Creates or changes a criterion of the catalogue (coordinators). The key never changes.' })
export class UpsertCriterionInput {
  @Field({ description: 'Stable key: lower-case letters, digits and hyphens.' })
  key!: string;
  @Field({ description: 'Key of its quality area (created with `areaTitle` when new).' })
  areaKey!: string;
  @Field(() => String, { nullable: true, description: 'Title of the area, needed when the area is new.' })
  areaTitle?: string | null;
  @Field({ description: 'Title, 3 to 200 characters.' })
  title!: string;
  @Field({ description: 'Guidance, 3 to 2000 characters.' })
  guidance!: string;
  @Field(() => Int, { nullable: true, description: 'Highest score, 1 to 10 (default 3); the lowest is 0.' })
  scaleMax?: number | null;
  @Field({ description: 'Whether every assessment must answer it.' })
  required!: boolean;
}
