import { defineEntity, p } from '@mikro-orm/core';
import {
  LICENCE_CODE_LENGTH,
  agsCheck,
  idProperty,
  slugCheck,
  textListProperty,
  timestampProperties,
} from '@welcome-hub/kit';

/**
 * A meeting: a Runder Tisch, a forum, a reception. Historical records may lack a date
 * (`date` null): the sources do not give one, and none is invented. `startsAt`/`endsAt`
 * hold the time of day where it is known.
 */
export const EventEntity = defineEntity({
  name: 'Event',
  tableName: 'event',
  indexes: [
    // Series in number order; lists by date.
    { name: 'event_series_slug_index', properties: ['seriesSlug', 'seriesNumber'] },
    { name: 'event_date_index', properties: ['date'] },
  ],
  checks: [
    { name: 'event_has_owner', expression: '"host_ags" is not null or "organizer_cooperation" is not null' },
    { name: 'event_check', expression: '"ends_at" is null or "starts_at" is null or "ends_at" >= "starts_at"' },
  ],
  properties: {
    ...idProperty(),
    slug: p.string().length(120).unique().check(slugCheck('slug')),
    title: p.string().length(300),
    kind: p
      .string()
      .length(30)
      .check(`"kind" in ('ROUND_TABLE', 'FORUM', 'CONFERENCE', 'NEWCOMER_RECEPTION', 'WORKSHOP')`),
    seriesSlug: p.string().length(120).nullable(),
    seriesName: p.string().length(200).nullable(),
    seriesNumber: p.integer().nullable().check(`"series_number" > 0`),
    date: p.date().nullable(),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    venueName: p.string().length(200).nullable(),
    venueAddress: p.string().length(300).nullable(),
    // `between` as PostgreSQL stores it (see kit's testing/schema-drift.ts).
    venueLatitude: p
      .float()
      .columnType('double precision')
      .nullable()
      .check(`"venue_latitude" >= -90 and "venue_latitude" <= 90`),
    venueLongitude: p
      .float()
      .columnType('double precision')
      .nullable()
      .check(`"venue_longitude" >= -180 and "venue_longitude" <= 180`),
    onlineUrl: p.string().length(500).nullable(),
    hostAgs: p.string().length(8).nullable().index().check(agsCheck('host_ags')),
    organizerCooperation: p.string().length(80).nullable().index(),
    organizerName: p.string().length(200).nullable(),
    region: p.string().length(20).check(`"region" in ('SUEDWESTFALEN', 'RUHR')`),
    description: p.text().nullable(),
    agenda: p.text().nullable(),
    outcomes: p.text().nullable(),
    participationNote: p.text().nullable(),
    participantsCount: p.integer().nullable(),
    capacity: p.integer().nullable().check(`"capacity" is null or "capacity" > 0`),
    registrationDeadline: p.datetime().nullable(),
    status: p.string().length(20).check(`"status" in ('PLANNED', 'CANCELLED', 'HELD')`),
    source: p.text().nullable(),
    // A LicenceCode; null while the owner has not chosen one (never assumed open).
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    ...timestampProperties(),
    updatedBy: p.string().length(200),
  },
});
export type EventRow = InstanceType<typeof EventEntity.class>;

/** A municipality's registration; the waiting list moves up when seats free. */
export const RegistrationEntity = defineEntity({
  name: 'Registration',
  tableName: 'registration',
  indexes: [{ name: 'registration_event_id_index', properties: ['eventId', 'createdAt'] }],
  // One live registration per municipality and event; cancelled ones stay as history.
  uniques: [
    { name: 'registration_live_unique', properties: ['eventId', 'municipalityAgs'], where: `"status" <> 'CANCELLED'` },
  ],
  properties: {
    ...idProperty(),
    eventId: p
      .manyToOne(EventEntity)
      .mapToPk()
      .fieldName('event_id')
      .foreignKeyName('registration_event_id_fkey')
      .deleteRule('cascade'),
    municipalityAgs: p.string().length(8).index().check(agsCheck('municipality_ags')),
    participants: p.integer().check(`"participants" >= 1 and "participants" <= 50`),
    names: textListProperty(),
    status: p.string().length(20).check(`"status" in ('REGISTERED', 'WAITLISTED', 'CANCELLED')`),
    ...timestampProperties(),
    createdBy: p.string().length(200),
  },
});
export type RegistrationRow = InstanceType<typeof RegistrationEntity.class>;
