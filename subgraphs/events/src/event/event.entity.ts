import { defineEntity, p } from '@mikro-orm/core';
import { LICENCE_CODE_LENGTH, TextArrayType } from '@welcome-hub/kit';

/**
 * A meeting: a Runder Tisch, a forum, a reception. Historical records may lack a date
 * (`date` null): the sources do not give one, and none is invented. `startsAt`/`endsAt`
 * hold the time of day where it is known.
 */
export const EventEntity = defineEntity({
  name: 'Event',
  tableName: 'event',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().length(120).unique(),
    title: p.string().length(300),
    kind: p.string().length(30),
    seriesSlug: p.string().length(120).nullable().index(),
    seriesName: p.string().length(200).nullable(),
    seriesNumber: p.integer().nullable(),
    date: p.date().nullable(),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    venueName: p.string().length(200).nullable(),
    venueAddress: p.string().length(300).nullable(),
    venueLatitude: p.float().columnType('double precision').nullable(),
    venueLongitude: p.float().columnType('double precision').nullable(),
    onlineUrl: p.string().length(500).nullable(),
    hostAgs: p.string().length(8).nullable().index(),
    organizerCooperation: p.string().length(80).nullable().index(),
    organizerName: p.string().length(200).nullable(),
    region: p.string().length(20),
    description: p.text().nullable(),
    agenda: p.text().nullable(),
    outcomes: p.text().nullable(),
    participationNote: p.text().nullable(),
    participantsCount: p.integer().nullable(),
    capacity: p.integer().nullable(),
    registrationDeadline: p.datetime().nullable(),
    status: p.string().length(20),
    source: p.text().nullable(),
    // A LicenceCode; null while the owner has not chosen one (never assumed open).
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});
export type EventRow = InstanceType<typeof EventEntity.class>;

/** A municipality's registration; the waiting list moves up when seats free. */
export const RegistrationEntity = defineEntity({
  name: 'Registration',
  tableName: 'registration',
  properties: {
    id: p.uuid().primary(),
    eventId: p.uuid().index(),
    municipalityAgs: p.string().length(8).index(),
    participants: p.integer(),
    names: p.array().type(TextArrayType),
    status: p.string().length(20),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    createdBy: p.string().length(200),
  },
});
export type RegistrationRow = InstanceType<typeof RegistrationEntity.class>;
