import { LocalDateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('ContactPerson', { description: 'A contact person. Personal data: visible to authenticated callers only.' })
export class ContactPerson {
  @Field({ description: 'Full name.' })
  name!: string;

  @Field({ description: 'Role or office, e.g. "Projektverantwortliche".' })
  role!: string;

  @Field({ description: 'E-mail address.' })
  email!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Participation', { description: "A municipality's binding declaration to take part in a cooperation." })
export class Participation {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => LocalDateResolver, { description: 'Date of the declaration.' })
  declaredOn!: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Date of withdrawal; null while the declaration is active.',
  })
  withdrawnOn!: string | null;

  @Field({ description: 'True until withdrawn.' })
  active!: boolean;

  @Field(() => DateTimeResolver, { description: 'When the declaration was last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'A contact person for a participation.' })
export class ContactPersonInput {
  @Field({ description: 'Full name, 2 to 200 characters.' })
  name!: string;

  @Field({ description: 'Role or office, 2 to 200 characters.' })
  role!: string;

  @Field({ description: 'E-mail address.' })
  email!: string;
}

@InputType({ description: 'Declares that a municipality takes part in a cooperation.' })
export class DeclareParticipationInput {
  @Field(() => ID, { description: 'AGS of the declaring municipality (8 digits).' })
  ags!: string;

  @Field({ description: 'Slug of the cooperation, e.g. "qualitaetsoffensive-willkommen-suedwestfalen".' })
  cooperation!: string;

  @Field({ description: 'Date of the declaration, YYYY-MM-DD, not in the future.' })
  declaredOn!: string;

  @Field(() => ContactPersonInput, { description: 'The person responsible (Projektverantwortliche/r).' })
  contact!: ContactPersonInput;
}

@InputType({ description: 'Withdraws an active participation declaration.' })
export class WithdrawParticipationInput {
  @Field(() => ID, { description: 'The participation to withdraw.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Date of withdrawal, YYYY-MM-DD; default today (Europe/Berlin).',
  })
  withdrawnOn?: string | null;
}

@InputType({ description: "Replaces an active participation's contact person." })
export class UpdateParticipationContactInput {
  @Field(() => ID, { description: 'The participation to change.' })
  id!: string;

  @Field(() => ContactPersonInput, { description: 'The new contact person.' })
  contact!: ContactPersonInput;
}
