import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  LICENCES,
  NotFoundError,
  SLUG_MESSAGE,
  berlinDay,
  columnLimit,
  httpUrlSchema,
  isSlug,
  latitudeSchema,
  longitudeSchema,
  pageWindow,
  requireUser,
  slugSchema,
  subjectOf,
  toConnection,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { knownCooperation, knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { eventsPolicy as policy } from '../policy.js';
import { seatsTaken } from '../registration/registration.repository.js';
import { EventEntity, type EventRow } from './event.entity.js';
import { findEvent, findEventPage } from './event.repository.js';
import type { CreateEventInput, EventContentInput, EventFilter, EventOrder, UpdateEventInput } from './event.type.js';

/** Text limits from the entity's columns, so input check and column cannot disagree. */
const LIMIT = {
  slug: columnLimit(EventEntity, 'slug'),
  title: columnLimit(EventEntity, 'title'),
  venueName: columnLimit(EventEntity, 'venueName'),
  venueAddress: columnLimit(EventEntity, 'venueAddress'),
};

export function checkFilter(v: InputValidator, filter: EventFilter | null | undefined, at = 'filter'): void {
  if (!filter) return;
  if (filter.from != null) v.isoDate(filter.from, `${at}.from`);
  if (filter.to != null) v.isoDate(filter.to, `${at}.to`);
  if (filter.host != null) v.ags(filter.host, `${at}.host`, 'must be an 8-digit AGS');
}

/** One event by slug, through the request's loader (batched with the other lookups); null when unknown. */
export function getEventBySlug(ctx: Context, slug: string): Promise<EventRow | null> {
  return ctx.loaders.eventBySlug.load(slug);
}

export async function listEvents(
  ctx: Context,
  filter: EventFilter | null,
  page: PageArgs,
  orderBy?: EventOrder | null,
): Promise<ConnectionResult<EventRow>> {
  const window = pageWindow(page);
  const v = new InputValidator();
  checkFilter(v, filter);
  v.throwIfInvalid();
  const { rows, total } = await findEventPage(ctx.em, filter, window, orderBy);
  return toConnection(rows, total, window);
}

function optionalText(v: InputValidator, value: string | null | undefined, field: string, max: number) {
  return value == null || value.trim() === '' ? null : v.text(value, field, { max });
}

/** Checks content fields; `existing` supplies the current values an update leaves in place. */
async function checkContent(
  ctx: Context,
  v: InputValidator,
  input: EventContentInput,
  existing?: EventRow,
): Promise<Partial<EventRow>> {
  const patch: Partial<EventRow> = {};
  const given = (k: keyof EventContentInput) => input[k] !== undefined;
  if (!existing) {
    v.check(input.title != null, 'input.title', 'is required');
    v.check(input.kind != null, 'input.kind', 'is required');
    v.check(input.startsAt != null, 'input.startsAt', 'is required');
  }
  if (input.title != null) patch.title = v.text(input.title, 'input.title', { min: 3, max: LIMIT.title });
  if (input.kind != null) patch.kind = input.kind;
  if (given('startsAt')) {
    v.check(input.startsAt !== null, 'input.startsAt', 'cannot be cleared');
    if (input.startsAt) {
      patch.startsAt = input.startsAt;
      patch.date = berlinDay(input.startsAt);
    }
  }
  if (given('endsAt')) patch.endsAt = input.endsAt ?? null;
  if (given('venue')) {
    const venue = input.venue;
    patch.venueName = venue ? v.text(venue.name, 'input.venue.name', { min: 2, max: LIMIT.venueName }) : null;
    patch.venueAddress = venue ? optionalText(v, venue.address, 'input.venue.address', LIMIT.venueAddress) : null;
    const lat = venue?.lat ?? null;
    const lon = venue?.lon ?? null;
    v.check((lat === null) === (lon === null), 'input.venue', 'give lat and lon together');
    if (lat !== null) v.rule(latitudeSchema, lat, 'input.venue.lat');
    if (lon !== null) v.rule(longitudeSchema, lon, 'input.venue.lon');
    patch.venueLatitude = lat;
    patch.venueLongitude = lon;
  }
  if (given('onlineUrl')) {
    if (input.onlineUrl != null) v.rule(httpUrlSchema, input.onlineUrl, 'input.onlineUrl');
    patch.onlineUrl = input.onlineUrl?.trim() || null;
  }
  for (const key of ['description', 'agenda', 'outcomes'] as const)
    if (given(key)) patch[key] = optionalText(v, input[key], `input.${key}`, 20000);
  if (given('registrationDeadline')) patch.registrationDeadline = input.registrationDeadline ?? null;
  if (given('status') && input.status) patch.status = input.status;
  if (given('licence')) {
    // The enum type already refuses unknown codes; this guards callers that bypass GraphQL.
    if (input.licence != null)
      v.check(
        Object.hasOwn(LICENCES, input.licence),
        'input.licence',
        `must be one of ${Object.keys(LICENCES).join(', ')}`,
      );
    patch.licence = input.licence ?? null;
  }

  const startsAt = patch.startsAt ?? existing?.startsAt ?? null;
  const endsAt = patch.endsAt !== undefined ? patch.endsAt : (existing?.endsAt ?? null);
  if (startsAt && endsAt && (given('startsAt') || given('endsAt')))
    v.check(endsAt >= startsAt, 'input.endsAt', 'must not be before startsAt');
  const deadline =
    patch.registrationDeadline !== undefined ? patch.registrationDeadline : (existing?.registrationDeadline ?? null);
  if (deadline && given('registrationDeadline')) {
    v.check(deadline > new Date(), 'input.registrationDeadline', 'must be in the future');
    if (startsAt) v.check(deadline <= startsAt, 'input.registrationDeadline', 'must not be after startsAt');
  }
  if (given('capacity')) {
    if (input.capacity != null) {
      v.between(input.capacity, 'input.capacity', 1, 100000);
      if (existing) {
        const seats = await seatsTaken(ctx.em, existing.id);
        v.check(input.capacity >= seats, 'input.capacity', `must not be below the ${seats} seats already registered`);
      }
    }
    patch.capacity = input.capacity ?? null;
  }
  return patch;
}

export async function createEvent(ctx: Context, input: CreateEventInput): Promise<EventRow> {
  const user = requireUser(ctx.caller);
  const v = new InputValidator();
  v.rule(slugSchema({ max: LIMIT.slug }), input.slug, 'input.slug', SLUG_MESSAGE);
  v.check(
    input.host != null || input.organizer != null,
    'input.host',
    'give a host municipality, an organizing cooperation, or both',
  );
  const host = input.host != null ? knownMunicipality(v, input.host, 'input.host') : undefined;
  const organizer = input.organizer != null ? knownCooperation(v, input.organizer, 'input.organizer') : undefined;
  // An event's region is its host's, else its organizer's: a cooperation across regions needs a host.
  if (input.host == null && organizer !== undefined)
    v.check(organizer.region !== null, 'input.host', 'give a host municipality: this cooperation spans both regions');
  if (input.series != null) v.check(isSlug(input.series), 'input.series', 'must be a slug');
  if (input.seriesNumber != null)
    v.check(
      input.series != null && input.seriesNumber > 0,
      'input.seriesNumber',
      'needs a series and must be positive',
    );
  const content = await checkContent(ctx, v, input);
  // checkContent requires title, kind and start of a new event; the region was checked above.
  const [title, kind, date, startsAt, region] = v.valid(
    content.title,
    content.kind,
    content.date,
    content.startsAt,
    host?.region ?? organizer?.region,
  );
  const owner = { hostAgs: input.host ?? null, organizerCooperation: input.organizer ?? null };
  policy.require(user, 'event:write', owner);
  // What the input leaves out starts null, as the entity's nullable columns do; id and timestamps are the entity's.
  const event = ctx.em.create(EventEntity, {
    ...content,
    slug: input.slug,
    ...owner,
    seriesSlug: input.series ?? null,
    seriesNumber: input.seriesNumber ?? null,
    title,
    kind,
    date,
    startsAt,
    organizerName: organizer?.name ?? null,
    region,
    status: content.status ?? 'PLANNED',
    updatedBy: subjectOf(user),
  });
  try {
    await ctx.em.persist(event).flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`An event with the slug "${input.slug}" already exists.`);
    throw error;
  }
  return event;
}

export async function updateEvent(ctx: Context, input: UpdateEventInput): Promise<EventRow> {
  const user = requireUser(ctx.caller);
  new InputValidator().uuid(input.id, 'input.id', 'an event').throwIfInvalid();
  const event = await findEvent(ctx.em, input.id);
  if (!event) throw new NotFoundError('Event', input.id);
  policy.require(user, 'event:write', event);
  const v = new InputValidator();
  const patch = await checkContent(ctx, v, input, event);
  v.throwIfInvalid();
  Object.assign(event, patch, { updatedBy: subjectOf(user) });
  await ctx.em.flush();
  return event;
}
