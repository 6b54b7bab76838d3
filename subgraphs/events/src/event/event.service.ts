import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  LICENCES,
  NotFoundError,
  isHttpUrl,
  pageWindow,
  requireUser,
  subjectOf,
  toConnection,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/seed';
import type { Context } from '../context.js';
import { eventsPolicy as policy } from '../policy.js';
import { berlinDay } from './calendar-time.js';
import { RegistrationEntity, EventEntity, type EventRow } from './event.entity.js';
import { EventOrder, type CreateEventInput, type EventContentInput, type EventFilter, type UpdateEventInput } from './event.type.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** MikroORM conditions for a validated filter; shared by the GraphQL list and the calendar feeds. */
export function eventConditions(filter: EventFilter | null | undefined, today = berlinDay(new Date())): Record<string, unknown>[] {
  const c: Record<string, unknown>[] = [];
  if (!filter) return c;
  if (filter.from) c.push({ date: { $gte: filter.from } });
  if (filter.to) c.push({ date: { $lte: filter.to } });
  if (filter.time === 'UPCOMING') c.push({ date: { $gte: today } });
  if (filter.time === 'PAST') c.push({ $or: [{ date: { $lt: today } }, { date: null }] });
  if (filter.kind) c.push({ kind: filter.kind });
  if (filter.series) c.push({ seriesSlug: filter.series });
  if (filter.region) c.push({ region: filter.region });
  if (filter.host) c.push({ hostAgs: filter.host });
  if (filter.organizer) c.push({ organizerCooperation: filter.organizer });
  return c;
}

export function checkFilter(v: InputValidator, filter: EventFilter | null | undefined, at = 'filter'): void {
  if (!filter) return;
  if (filter.from != null) v.isoDate(filter.from, `${at}.from`);
  if (filter.to != null) v.isoDate(filter.to, `${at}.to`);
  if (filter.host != null) v.check(/^\d{8}$/.test(filter.host), `${at}.host`, 'must be an 8-digit AGS');
}

/** Series in number order, then by date; undated events last. */
export const EVENT_ORDER = { date: 'asc nulls last', seriesSlug: 'asc', seriesNumber: 'asc', id: 'asc' } as const;

/** What each EventOrder sorts by; the id last keeps pages stable. */
const ORDERS = {
  [EventOrder.DATE_ASC]: EVENT_ORDER,
  [EventOrder.DATE_DESC]: { date: 'desc nulls last', seriesSlug: 'asc', seriesNumber: 'asc', id: 'asc' },
  [EventOrder.PARTICIPANTS_DESC]: { participantsCount: 'desc nulls last', date: 'desc nulls last', seriesSlug: 'asc', seriesNumber: 'asc', id: 'asc' },
} as const;

/** Without `orderBy`, the order the list always had: by date, or in series order when one series is asked for. */
function listOrder(filter: EventFilter | null, orderBy: EventOrder | null | undefined) {
  if (orderBy) return ORDERS[orderBy];
  return filter?.series ? ({ seriesNumber: 'asc', date: 'asc nulls last', id: 'asc' } as const) : EVENT_ORDER;
}

export async function listEvents(ctx: Context, filter: EventFilter | null, page: PageArgs, orderBy?: EventOrder | null): Promise<ConnectionResult<EventRow>> {
  const window = pageWindow(page);
  const v = new InputValidator();
  checkFilter(v, filter);
  v.throwIfInvalid();
  const [rows, total] = await ctx.em.findAndCount(EventEntity, { $and: eventConditions(filter) } as never, {
    orderBy: listOrder(filter, orderBy),
    offset: window.offset,
    limit: window.limit,
  });
  return toConnection(rows, total, window);
}

function optionalText(v: InputValidator, value: string | null | undefined, field: string, max: number) {
  return value == null || value.trim() === '' ? null : v.text(value, field, { max });
}

/** Checks content fields; `existing` supplies the current values an update leaves in place. */
async function checkContent(ctx: Context, v: InputValidator, input: EventContentInput, existing?: EventRow): Promise<Partial<EventRow>> {
  const patch: Partial<EventRow> = {};
  const given = (k: keyof EventContentInput) => input[k] !== undefined;
  if (!existing) {
    v.check(input.title != null, 'input.title', 'is required');
    v.check(input.kind != null, 'input.kind', 'is required');
    v.check(input.startsAt != null, 'input.startsAt', 'is required');
  }
  if (input.title != null) patch.title = v.text(input.title, 'input.title', { min: 3, max: 300 });
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
    patch.venueName = input.venue ? v.text(input.venue.name, 'input.venue.name', { min: 2, max: 200 }) : null;
    patch.venueAddress = input.venue ? optionalText(v, input.venue.address, 'input.venue.address', 300) : null;
    const lat = input.venue?.lat ?? null;
    const lon = input.venue?.lon ?? null;
    v.check((lat === null) === (lon === null), 'input.venue', 'give lat and lon together');
    if (lat !== null) v.check(lat >= -90 && lat <= 90, 'input.venue.lat', 'must be between -90 and 90');
    if (lon !== null) v.check(lon >= -180 && lon <= 180, 'input.venue.lon', 'must be between -180 and 180');
    patch.venueLatitude = lat;
    patch.venueLongitude = lon;
  }
  if (given('onlineUrl')) {
    if (input.onlineUrl != null) v.check(isHttpUrl(input.onlineUrl.trim()), 'input.onlineUrl', 'must be an http or https URL');
    patch.onlineUrl = input.onlineUrl?.trim() || null;
  }
  for (const key of ['description', 'agenda', 'outcomes'] as const) if (given(key)) patch[key] = optionalText(v, input[key], `input.${key}`, 20000);
  if (given('registrationDeadline')) patch.registrationDeadline = input.registrationDeadline ?? null;
  if (given('status') && input.status) patch.status = input.status;
  if (given('licence')) {
    // The enum type already refuses unknown codes; this guards callers that bypass GraphQL.
    if (input.licence != null) v.check(Object.hasOwn(LICENCES, input.licence), 'input.licence', `must be one of ${Object.keys(LICENCES).join(', ')}`);
    patch.licence = input.licence ?? null;
  }

  const startsAt = patch.startsAt ?? existing?.startsAt ?? null;
  const endsAt = patch.endsAt !== undefined ? patch.endsAt : (existing?.endsAt ?? null);
  if (startsAt && endsAt && (given('startsAt') || given('endsAt'))) v.check(endsAt >= startsAt, 'input.endsAt', 'must not be before startsAt');
  const deadline = patch.registrationDeadline !== undefined ? patch.registrationDeadline : (existing?.registrationDeadline ?? null);
  if (deadline && given('registrationDeadline')) {
    v.check(deadline > new Date(), 'input.registrationDeadline', 'must be in the future');
    if (startsAt) v.check(deadline <= startsAt, 'input.registrationDeadline', 'must not be after startsAt');
  }
  if (given('capacity')) {
    if (input.capacity != null) {
      v.check(Number.isInteger(input.capacity) && input.capacity >= 1 && input.capacity <= 100000, 'input.capacity', 'must be between 1 and 100000');
      if (existing) {
        const taken = await ctx.em.find(RegistrationEntity, { eventId: existing.id, status: 'REGISTERED' });
        const seats = taken.reduce((sum, r) => sum + r.participants, 0);
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
  const directory = referenceDirectory();
  v.check(SLUG.test(input.slug) && input.slug.length <= 120, 'input.slug', 'must be lower-case letters, digits and single hyphens');
  v.check(input.host != null || input.organizer != null, 'input.host', 'give a host municipality, an organizing cooperation, or both');
  const host = input.host != null ? directory.municipalities.get(input.host) : undefined;
  if (input.host != null) v.check(host !== undefined, 'input.host', `no municipality of the hub has the AGS "${input.host}"`);
  const organizer = input.organizer != null ? directory.cooperations.get(input.organizer) : undefined;
  if (input.organizer != null) v.check(organizer !== undefined, 'input.organizer', `no cooperation has the slug "${input.organizer}"`);
  if (input.series != null) v.check(SLUG.test(input.series), 'input.series', 'must be a slug');
  if (input.seriesNumber != null) v.check(input.series != null && input.seriesNumber > 0, 'input.seriesNumber', 'needs a series and must be positive');
  const content = await checkContent(ctx, v, input);
  v.throwIfInvalid();
  const owner = { hostAgs: input.host ?? null, organizerCooperation: input.organizer ?? null };
  policy.require(user, 'event:write', owner);
  const now = new Date();
  const event = ctx.em.create(EventEntity, {
    id: crypto.randomUUID(), slug: input.slug, ...owner, seriesSlug: input.series ?? null, seriesName: null, seriesNumber: input.seriesNumber ?? null,
    title: content.title!, kind: content.kind!, date: content.date!, startsAt: content.startsAt!, endsAt: content.endsAt ?? null,
    venueName: content.venueName ?? null, venueAddress: content.venueAddress ?? null,
    venueLatitude: content.venueLatitude ?? null, venueLongitude: content.venueLongitude ?? null, onlineUrl: content.onlineUrl ?? null,
    organizerName: organizer?.name ?? null, region: host?.region ?? organizer!.region!, description: content.description ?? null,
    agenda: content.agenda ?? null, outcomes: content.outcomes ?? null, participationNote: null, participantsCount: null,
    capacity: content.capacity ?? null, registrationDeadline: content.registrationDeadline ?? null, status: content.status ?? 'PLANNED',
    source: null, licence: content.licence ?? null, createdAt: now, updatedAt: now, updatedBy: subjectOf(user),
  });
  try {
    await ctx.em.persist(event).flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`An event with the slug "${input.slug}" already exists.`);
    throw error;
  }
  return event;
}

export async function updateEvent(ctx: Context, input: UpdateEventInput): Promise<EventRow> {
  const user = requireUser(ctx.caller);
  new InputValidator().uuid(input.id, 'input.id', 'an event').throwIfInvalid();
  const event = await ctx.em.findOne(EventEntity, { id: input.id });
  if (!event) throw new NotFoundError('Event', input.id);
  policy.require(user, 'event:write', event);
  const v = new InputValidator();
  const patch = await checkContent(ctx, v, input, event);
  v.throwIfInvalid();
  Object.assign(event, patch, { updatedAt: new Date(), updatedBy: subjectOf(user) });
  await ctx.em.flush();
  return event;
}
