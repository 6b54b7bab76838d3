import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, LicenceCode, RegionCode } from '@welcome-hub/kit';

export enum EventKind {
  ROUND_TABLE = 'ROUND_TABLE',
  FORUM = 'FORUM',
  CONFERENCE = 'CONFERENCE',
  NEWCOMER_RECEPTION = 'NEWCOMER_RECEPTION',
  WORKSHOP = 'WORKSHOP',
}
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  ROUND_TABLE: 'Runder Tisch',
  FORUM: 'Forum',
  CONFERENCE: 'Konferenz',
  NEWCOMER_RECEPTION: 'Neubürger-Empfang',
  WORKSHOP: 'Workshop',
};
registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of meeting an event is.',
  valuesConfig: Object.fromEntries(Object.entries(EVENT_KIND_LABELS).map(([k, label]) => [k, { description: label }])),
});

export enum EventStatus {
  PLANNED = 'PLANNED',
  CANCELLED = 'CANCELLED',
  HELD = 'HELD',
}
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether an event is ahead, called off or over.',
  valuesConfig: {
    PLANNED: { description: 'Planned.' },
    CANCELLED: { description: 'Cancelled.' },
    HELD: { description: 'Took place.' },
  },
});

export enum EventOrder {
  DATE_ASC = 'DATE_ASC',
  DATE_DESC = 'DATE_DESC',
  PARTICIPANTS_DESC = 'PARTICIPANTS_DESC',
}
registerEnumType(EventOrder, {
  name: 'EventOrder',
  description: 'How a list of events is sorted; ties fall back to the series order.',
  valuesConfig: {
    DATE_ASC: { description: 'Oldest first; events without a date last.' },
    DATE_DESC: { description: 'Newest first; events without a date last.' },
    PARTICIPANTS_DESC: {
      description:
        'Most reported participants (participantsCount) first, then newest first; events without a reported number last.',
    },
  },
});

export enum EventTime {
  UPCOMING = 'UPCOMING',
  PAST = 'PAST',
}
registerEnumType(EventTime, {
  name: 'EventTime',
  description: 'Upcoming or past, relative to today (Europe/Berlin); events without a known date count as past.',
  valuesConfig: {
    UPCOMING: { description: 'Today or later.' },
    PAST: { description: 'Before today, or date unknown.' },
  },
});

@ObjectType('VenueLocation', { description: 'A point in WGS 84.' })
export class VenueLocation {
  @Field(() => Float, { description: 'Latitude in degrees.' })
  lat!: number;
  @Field(() => Float, { description: 'Longitude in degrees.' })
  lon!: number;
}

@ObjectType('Venue', { description: 'Where an event takes place.' })
export class Venue {
  @Field({ description: 'Name, e.g. "Rathaus Dortmund".' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'Postal address.' })
  address!: string | null;
  @Field(() => VenueLocation, { nullable: true, description: 'Location on the map, where known.' })
  location!: VenueLocation | null;
}

@ObjectType('EventSeries', { description: 'A numbered series of events, e.g. the Runde Tische.' })
export class EventSeries {
  @Field({ description: 'Stable key, e.g. "runder-tisch-willkommenskultur".' })
  slug!: string;
  @Field({ description: 'Name (German).' })
  name!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Event', {
  description: 'A meeting of the cooperations or a municipality: Runder Tisch, forum, conference, reception, workshop.',
})
export class Event {
  @Field(() => ID, { description: 'Stable identifier (UUID); also the calendar UID.' })
  id!: string;
  @Field({ description: 'Human-readable unique key, e.g. "forum-integration-2019".' })
  slug!: string;
  @Field({ description: 'Title (German).' })
  title!: string;
  @Field(() => EventKind, { description: 'Kind of meeting.' })
  kind!: EventKind;
  @Field(() => Int, { nullable: true, description: 'Number within its series, e.g. 8 for the 8th Runder Tisch.' })
  seriesNumber!: number | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Day of the event (Europe/Berlin); null when the sources give no date.',
  })
  date!: string | null;
  @Field(() => String, { nullable: true, description: 'Link for online participation.' })
  onlineUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Organizer as the sources name it, e.g. "Südwestfalen Agentur".',
  })
  organizerName!: string | null;
  @Field(() => RegionCode, { description: 'Region of the host or organizer.' })
  region!: RegionCode;
  @Field(() => String, { nullable: true, description: 'Description (German).' })
  description!: string | null;
  @Field(() => String, { nullable: true, description: 'Agenda (German).' })
  agenda!: string | null;
  @Field(() => String, { nullable: true, description: 'Outcomes, after the event (German).' })
  outcomes!: string | null;
  @Field(() => String, { nullable: true, description: 'Who took part, as the sources put it.' })
  participationNote!: string | null;
  @Field(() => Int, { nullable: true, description: 'Number of participants reported by the sources.' })
  participantsCount!: number | null;
  @Field(() => Int, { nullable: true, description: 'Seats; null for no limit.' })
  capacity!: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Registrations close at this moment.' })
  registrationDeadline!: Date | null;
  @Field(() => EventStatus, { description: 'Planned, cancelled or held.' })
  status!: EventStatus;
  @Field(() => String, { nullable: true, description: 'Where the facts come from, for seeded records.' })
  source!: string | null;
  @Field(() => LicenceCode, {
    nullable: true,
    description:
      "Licence under which the owner shares the event's description. Null: the owner has not chosen one, so the licence is unknown and the text is not open data.",
  })
  licence!: LicenceCode | null;
}

export const EventConnection = Connection(Event, 'Event', 'event');

@InputType({ description: 'Narrows a list of events; all given conditions must hold.' })
export class EventFilter {
  @Field(() => String, { nullable: true, description: 'On or after this day, YYYY-MM-DD.' })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'On or before this day, YYYY-MM-DD.' })
  to?: string | null;
  @Field(() => EventTime, { nullable: true, description: 'Upcoming or past.' })
  time?: EventTime | null;
  @Field(() => EventKind, { nullable: true, description: 'Only this kind.' })
  kind?: EventKind | null;
  @Field(() => String, { nullable: true, description: 'Only this series (slug).' })
  series?: string | null;
  @Field(() => RegionCode, { nullable: true, description: 'Only this region.' })
  region?: RegionCode | null;
  @Field(() => ID, { nullable: true, description: 'Only events hosted by this municipality (AGS).' })
  host?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events organized by this cooperation (slug).' })
  organizer?: string | null;
}

@InputType({ description: 'A venue.' })
export class VenueInput {
  @Field({ description: 'Name, 2 to 200 characters.' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'Address, up to 300 characters.' })
  address?: string | null;
  @Field(() => Float, { nullable: true, description: 'Latitude, -90 to 90 (give with lon).' })
  lat?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude, -180 to 180 (give with lat).' })
  lon?: number | null;
}

@InputType({ description: 'The editable content of an event.' })
export class EventContentInput {
  @Field(() => String, { nullable: true, description: 'Title, 3 to 300 characters.' })
  title?: string | null;
  @Field(() => EventKind, { nullable: true, description: 'Kind of meeting.' })
  kind?: EventKind | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Start (with time zone offset).' })
  startsAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'End, not before the start.' })
  endsAt?: Date | null;
  @Field(() => VenueInput, { nullable: true, description: 'Venue.' })
  venue?: VenueInput | null;
  @Field(() => String, { nullable: true, description: 'http(s) link for online participation.' })
  onlineUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Description, up to 20000 characters.' })
  description?: string | null;
  @Field(() => String, { nullable: true, description: 'Agenda, up to 20000 characters.' })
  agenda?: string | null;
  @Field(() => String, { nullable: true, description: 'Outcomes, up to 20000 characters.' })
  outcomes?: string | null;
  @Field(() => Int, { nullable: true, description: 'Seats, 1 or more; not below the seats already taken.' })
  capacity?: number | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Registrations close at this moment; not after the start.',
  })
  registrationDeadline?: Date | null;
  @Field(() => EventStatus, { nullable: true, description: 'Planned, cancelled or held.' })
  status?: EventStatus | null;
  @Field(() => LicenceCode, {
    nullable: true,
    description:
      "Licence for the event's description; null: none chosen (licence unknown, not open). In an update, omitted leaves it and null clears it.",
  })
  licence?: LicenceCode | null;
}

@InputType({
  description: 'A new event: a cooperation event (its coordinators) or a municipality event (its editors).',
})
export class CreateEventInput extends EventContentInput {
  @Field({ description: 'Unique key: lower-case letters, digits and single hyphens.' })
  slug!: string;
  @Field(() => ID, { nullable: true, description: 'AGS of the hosting municipality.' })
  host?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the organizing cooperation (coordinators only).' })
  organizer?: string | null;
  @Field(() => String, { nullable: true, description: 'Series slug, e.g. "runder-tisch-willkommenskultur".' })
  series?: string | null;
  @Field(() => Int, { nullable: true, description: 'Number within the series.' })
  seriesNumber?: number | null;
}

@InputType({ description: 'Changes to an event; omitted fields stay.' })
export class UpdateEventInput extends EventContentInput {
  @Field(() => ID, { description: 'The event.' })
  id!: string;
}
