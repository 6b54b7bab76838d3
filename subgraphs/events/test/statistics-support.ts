import { expect } from '@jest/globals';
import { forkForSystem } from '@welcome-hub/kit';
import type { SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { EventEntity, RegistrationEntity } from '../src/event/event.entity.js';

// Shared by the events statistics tests: fixture events written as the system's writes,
// and the eventStatistics query.

export const SIEGEN = '05970040';
export const OLPE = '05966024';
export const BAD_SASSENDORF = '05974008';

const COUNTS = 'events registrations registeredParticipants reportedParticipants eventsWithReportedParticipants';
export const STATISTICS = `query($interval: TimeInterval!) { eventStatistics {
  byPeriod(interval: $interval) { period ${COUNTS} }
  byKind { kind ${COUNTS} }
  bySeries { series { slug name } ${COUNTS} } } }`;

export type Counts = {
  events: number;
  registrations: number;
  registeredParticipants: number;
  reportedParticipants: number;
  eventsWithReportedParticipants: number;
};
export const counts = (
  events: number,
  registrations: number,
  registeredParticipants: number,
  reportedParticipants: number,
  eventsWithReportedParticipants: number,
): Counts => ({
  events,
  registrations,
  registeredParticipants,
  reportedParticipants,
  eventsWithReportedParticipants,
});

export type Registration = { ags: string; participants: number; status: 'REGISTERED' | 'WAITLISTED' | 'CANCELLED' };

/** A fixture event with its registrations, written as the system's (audited) writes. */
export async function addEvents(
  hub: SubgraphUnderTest,
  events: {
    slug: string;
    kind: string;
    date: string | null;
    status?: string;
    participantsCount?: number;
    series?: string;
    registrations?: Registration[];
  }[],
) {
  const em = forkForSystem(hub.runtime.orm.em);
  const now = new Date();
  const registrations: (Registration & { eventId: string })[] = [];
  for (const e of events) {
    const id = crypto.randomUUID();
    em.create(EventEntity, {
      id,
      slug: e.slug,
      title: `Testveranstaltung ${e.slug}`,
      kind: e.kind,
      date: e.date,
      seriesSlug: e.series ?? null,
      hostAgs: OLPE,
      region: 'SUEDWESTFALEN',
      status: e.status ?? 'HELD',
      participantsCount: e.participantsCount ?? null,
      createdAt: now,
      updatedAt: now,
      updatedBy: 'test',
    });
    registrations.push(...(e.registrations ?? []).map((r) => ({ ...r, eventId: id })));
  }
  // The entities declare no relation, so the events go first, in a flush of their own.
  await em.flush();
  for (const r of registrations) {
    em.create(RegistrationEntity, {
      id: crypto.randomUUID(),
      eventId: r.eventId,
      municipalityAgs: r.ags,
      participants: r.participants,
      names: [],
      status: r.status,
      createdAt: now,
      updatedAt: now,
      createdBy: 'test',
    });
  }
  await em.flush();
}

/** The hub's event statistics, grouped by `interval`. */
export async function statisticsOf(hub: SubgraphUnderTest, interval = 'YEAR') {
  const { data, errors } = await hub.gql(STATISTICS, { variables: { interval } });
  expect(errors).toBeUndefined();
  return data!.eventStatistics;
}
