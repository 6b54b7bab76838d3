import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forkForSystem } from '@welcome-hub/kit';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { EventEntity, RegistrationEntity } from '../src/event/event.entity.js';
import { eventsSubgraph } from '../src/server.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
const BAD_SASSENDORF = '05974008';
const _SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';
const _RUNDER_TISCH = { slug: 'runder-tisch-willkommenskultur', name: 'Runder Tisch Willkommenskultur' };
const _FORUM = { slug: 'interkommunales-forum-integration', name: 'Interkommunales Forum Integration' };

const COUNTS = 'events registrations registeredParticipants reportedParticipants eventsWithReportedParticipants';
const STATISTICS = `query($interval: TimeInterval!) { eventStatistics {
  byPeriod(interval: $interval) { period ${COUNTS} }
  byKind { kind ${COUNTS} }
  bySeries { series { slug name } ${COUNTS} } } }`;
const _CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id licence } }`;
const _UPDATE = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id licence } }`;

type Counts = {
  events: number;
  registrations: number;
  registeredParticipants: number;
  reportedParticipants: number;
  eventsWithReportedParticipants: number;
};
const counts = (
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
const _NONE = counts(0, 0, 0, 0, 0);

let hub: SubgraphUnderTest;
let _coordinator: string;
let _siegenEditor: string;
let _olpeEditor: string;

type Registration = { ags: string; participants: number; status: 'REGISTERED' | 'WAITLISTED' | 'CANCELLED' };

/** A fixture event with its registrations, written as the system's (audited) writes. */
async function addEvents(
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

async function statistics(interval = 'YEAR') {
  const { data, errors } = await hub.gql(STATISTICS, { variables: { interval } });
  expect(errors).toBeUndefined();
  return data!.eventStatistics;
}

beforeAll(async () => {
  hub = await startTestSubgraph(eventsSubgraph);
  _coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  _siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  _olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
});
afterAll(() => hub?.close());

describe('statement count', () => {
  it('costs one statement per statistics field, whatever the number of events and registrations', async () => {
    hub.statements.reset();
    const before = await statistics('MONTH');
    const few = hub.statements.count;
    expect(few).toBe(3);

    const ags = [SIEGEN, OLPE, BAD_SASSENDORF];
    await addEvents(
      Array.from({ length: 200 }, (_, i) => ({
        slug: `stat-last-${i}`,
        kind: i % 2 ? 'FORUM' : 'WORKSHOP',
        date: `20${10 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}-15`,
        participantsCount: i % 3 ? 10 : undefined,
        series: `stat-last-reihe-${i % 7}`,
        registrations: ags.map((a, j) => ({
          ags: a,
          participants: j + 1,
          status: j === 2 ? ('WAITLISTED' as const) : ('REGISTERED' as const),
        })),
      })),
    );

    hub.statements.reset();
    const after = await statistics('MONTH');
    expect(hub.statements.count).toBe(few);
    const sum = (rows: Counts[], key: keyof Counts) => rows.reduce((s, r) => s + r[key], 0);
    expect(sum(after.byPeriod, 'events') - sum(before.byPeriod, 'events')).toBe(200);
    expect(sum(after.byKind, 'registrations') - sum(before.byKind, 'registrations')).toBe(600);
    expect(sum(after.byKind, 'registeredParticipants') - sum(before.byKind, 'registeredParticipants')).toBe(1200);
    expect(after.bySeries.slice(0, 1)).toEqual([
      { series: { slug: 'stat-last-reihe-0', name: 'stat-last-reihe-0' }, ...counts(29, 87, 174, 190, 19) },
    ]);
  });
});
