import { berlinDay, findByKeys, type Em, type PageWindow } from '@welcome-hub/kit';
import { EventEntity, type EventRow } from './event.entity.js';
import { EventOrder, type EventFilter } from './event.type.js';

/**
 * The order of every event list without an `orderBy` (lists, the lists other subgraphs'
 * entities show, the calendar feeds): series in number order, then by date; undated events
 * last. Declared with the queries, which the loaders and feeds share.
 */
export const EVENT_ORDER = { date: 'asc nulls last', seriesSlug: 'asc', seriesNumber: 'asc', id: 'asc' } as const;

/** What each EventOrder sorts by; the id last keeps pages stable. */
const ORDERS = {
  [EventOrder.DATE_ASC]: EVENT_ORDER,
  [EventOrder.DATE_DESC]: { date: 'desc nulls last', seriesSlug: 'asc', seriesNumber: 'asc', id: 'asc' },
  [EventOrder.PARTICIPANTS_DESC]: {
    participantsCount: 'desc nulls last',
    date: 'desc nulls last',
    seriesSlug: 'asc',
    seriesNumber: 'asc',
    id: 'asc',
  },
} as const;

/** Without `orderBy`, the order the list always had: by date, or in series order when one series is asked for. */
function listOrder(filter: EventFilter | null, orderBy: EventOrder | null | undefined) {
  if (orderBy) return ORDERS[orderBy];
  return filter?.series ? ({ seriesNumber: 'asc', date: 'asc nulls last', id: 'asc' } as const) : EVENT_ORDER;
}

/**
 * MikroORM conditions for a validated filter; the GraphQL list and the calendar feeds
 * share them. `today` is the Berlin calendar day UPCOMING and PAST are measured from.
 */
export function eventConditions(
  filter: EventFilter | null | undefined,
  today = berlinDay(new Date()),
): Record<string, unknown>[] {
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

/** One page of a validated filter's events, plus the size of the whole list: two statements. */
export async function findEventPage(
  em: Em,
  filter: EventFilter | null,
  window: PageWindow,
  orderBy?: EventOrder | null,
): Promise<{ rows: EventRow[]; total: number }> {
  const [rows, total] = await em.findAndCount(EventEntity, { $and: eventConditions(filter) } as never, {
    orderBy: listOrder(filter, orderBy),
    offset: window.offset,
    limit: window.limit,
  });
  return { rows, total };
}

/** Every event of a validated filter, in EVENT_ORDER (a calendar feed). */
export function findFilteredEvents(em: Em, filter: EventFilter): Promise<EventRow[]> {
  return em.find(EventEntity, { $and: eventConditions(filter) } as never, { orderBy: EVENT_ORDER });
}

/** Events a municipality hosts or that have one of `eventIds`, in EVENT_ORDER. */
export function findHostedOrListedEvents(em: Em, ags: string, eventIds: readonly string[]): Promise<EventRow[]> {
  return em.find(EventEntity, { $or: [{ hostAgs: ags }, { id: { $in: [...eventIds] } }] }, { orderBy: EVENT_ORDER });
}

export function findEvent(em: Em, id: string): Promise<EventRow | null> {
  return em.findOne(EventEntity, { id });
}

/**
 * Locks the event row until the transaction of `em` ends and returns it as committed:
 * registrations and cancellations of one event run one after another.
 */
export async function lockEvent(em: Em, id: string): Promise<EventRow> {
  await em.execute('select id from "events"."event" where id = ? for update', [id]);
  return em.findOneOrFail(EventEntity, { id }, { refresh: true });
}

export function findEventsByIds(em: Em, ids: readonly string[]): Promise<EventRow[]> {
  return em.find(EventEntity, { id: { $in: [...ids] } });
}

export function findEventsBySlugs(em: Em, slugs: readonly string[]): Promise<EventRow[]> {
  return em.find(EventEntity, { slug: { $in: [...slugs] } });
}

/** Events hosted by the given municipalities, in EVENT_ORDER. */
export function findEventsByHosts(em: Em, ags: readonly string[]): Promise<EventRow[]> {
  return findByKeys(em, EventEntity, 'hostAgs', ags, { orderBy: EVENT_ORDER });
}

/** Events organized by the given cooperations, in EVENT_ORDER. */
export function findEventsByOrganizers(em: Em, slugs: readonly string[]): Promise<EventRow[]> {
  return findByKeys(em, EventEntity, 'organizerCooperation', slugs, { orderBy: EVENT_ORDER });
}

/** Events of the given series, in series order. */
export function findEventsBySeries(em: Em, slugs: readonly string[]): Promise<EventRow[]> {
  return em.find(EventEntity, { seriesSlug: { $in: [...slugs] } }, { orderBy: { seriesNumber: 'asc', id: 'asc' } });
}
