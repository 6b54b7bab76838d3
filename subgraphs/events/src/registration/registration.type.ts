import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where a registration stands.',
  valuesConfig: {
    REGISTERED: { description: 'Has seats.' },
    WAITLISTED: { description: 'On the waiting list; moves up when seats free.' },
    CANCELLED: { description: 'Cancelled.' },
  },
});

@ObjectType('Registration', { description: "A municipality's registration for an event." })
export class Registration {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
  @Field(() => Int, { description: 'Number of participants.' })
  participants!: number;
  @Field(() => RegistrationStatus, { description: 'Registered, waitlisted or cancelled.' })
  status!: RegistrationStatus;
  @Field(() => DateTimeResolver, { description: 'When it was made; the waiting list moves up in this order.' })
  createdAt!: Date;
}

@InputType({ description: 'Registers one of your municipalities for an event.' })
export class RegisterInput {
  @Field(() => ID, { description: 'The event.' })
  eventId!: string;
  @Field(() => ID, { description: 'AGS of the municipality (one of yours).' })
  ags!: string;
  @Field(() => Int, { description: 'Participants, 1 to 50.' })
  participants!: number;
  @Field(() => [String], {
    nullable: true,
    description: 'Names of the participants (visible to the organizer and your municipality only).',
  })
  names?: string[] | null;
}
