import { Field, Int, ObjectType } from 'type-graphql';
import { EventKind, EventSeries } from '../event/event.type.js';

/** The figures every grouping reports. A base class: no field returns it, so the schema does not list it. */
@ObjectType('EventCounts', { description: 'Event figures of one group.' })
export abstract class EventCounts {
  @Field(() => Int, { description: 'Events in the group that are planned or held; cancelled events are left out.' })
  events!: number;

  @Field(() => Int, {
    description:
      'Registrations for these events that are not cancelled: those with seats (REGISTERED) and those on the waiting list (WAITLISTED).',
  })
  registrations!: number;

  @Field(() => Int, {
    description:
      'Participants the municipalities signed up in those registrations (seats and waiting list): interest, not attendance.',
  })
  registeredParticipants!: number;

  @Field(() => Int, {
    description:
      'Sum of the participant numbers reported after the events (Event.participantsCount); events without a reported number add nothing.',
  })
  reportedParticipants!: number;

  @Field(() => Int, {
    description: 'Events of the group with a reported participant number: how many events reportedParticipants covers.',
  })
  eventsWithReportedParticipants!: number;
}

@ObjectType('EventPeriodStatistics', {
  description: 'Event figures for one calendar year or month, by the day of the event (Europe/Berlin).',
})
export class EventPeriodStatistics extends EventCounts {
  @Field({ description: 'The period: "YYYY" for years, "YYYY-MM" for months.' })
  period!: string;
}

@ObjectType('EventKindStatistics', { description: 'Event figures for one kind of meeting, with and without a date.' })
export class EventKindStatistics extends EventCounts {
  @Field(() => EventKind, { description: 'The kind of meeting.' })
  kind!: EventKind;
}

@ObjectType('EventSeriesStatistics', { description: 'Event figures for one series, with and without a date.' })
export class EventSeriesStatistics extends EventCounts {
  @Field(() => EventSeries, { description: 'The series.' })
  series!: EventSeries;
}

@ObjectType('EventStatistics', {
  description:
    "Public figures on the hub's events, counted by the database over all events (every event is public). Cancelled events and cancelled registrations are left out throughout.",
})
export class EventStatistics {}
