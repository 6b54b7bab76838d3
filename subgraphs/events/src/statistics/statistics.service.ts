import { InputValidator, periodsBetween, TimeInterval, type Em } from '@welcome-hub/kit';
import { EventKind } from '../event/event.type.js';
import { countByKind, countByPeriod, countBySeries, type CountsRow } from './statistics.repository.js';
import type { EventKindStatistics, EventPeriodStatistics, EventSeriesStatistics } from './statistics.type.js';

const NONE: CountsRow = {
  events: 0,
  registrations: 0,
  registeredParticipants: 0,
  reportedParticipants: 0,
  eventsWithReportedParticipants: 0,
};

const countsOf = (row: CountsRow): CountsRow => ({
  events: row.events,
  registrations: row.registrations,
  registeredParticipants: row.registeredParticipants,
  reportedParticipants: row.reportedParticipants,
  eventsWithReportedParticipants: row.eventsWithReportedParticipants,
});

/** Every period from the first dated event to the last, oldest first; a period without events has zeros. */
export async function statisticsByPeriod(em: Em, interval: TimeInterval): Promise<EventPeriodStatistics[]> {
  new InputValidator()
    .check(
      Object.values(TimeInterval).includes(interval),
      'interval',
      `must be one of ${Object.values(TimeInterval).join(', ')}`,
    )
    .throwIfInvalid();
  const rows = await countByPeriod(em, interval);
  if (rows.length === 0) return [];
  const found = new Map(rows.map((r) => [r.period, countsOf(r)]));
  return periodsBetween(interval, rows[0].period, rows[rows.length - 1].period).map((period) => ({
    period,
    ...(found.get(period) ?? NONE),
  }));
}

/** Every kind, in the order of EventKind; a kind without events has zeros. */
export async function statisticsByKind(em: Em): Promise<EventKindStatistics[]> {
  const found = new Map((await countByKind(em)).map((r) => [r.kind, countsOf(r)]));
  return Object.values(EventKind).map((kind) => ({ kind, ...(found.get(kind) ?? NONE) }));
}

/** The series that have events, most events first, then by name. */
export async function statisticsBySeries(em: Em): Promise<EventSeriesStatistics[]> {
  return (await countBySeries(em)).map((r) => ({ series: { slug: r.slug, name: r.name }, ...countsOf(r) }));
}
