import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { eventsSubgraph } from '../src/server.js';
import {
  addEvents as addEventsTo,
  BAD_SASSENDORF,
  type Counts,
  counts,
  OLPE,
  SIEGEN,
  statisticsOf,
} from './statistics-support.js';

let hub: SubgraphUnderTest;

const addEvents = (events: Parameters<typeof addEventsTo>[1]) => addEventsTo(hub, events);
const statistics = (interval = 'YEAR') => statisticsOf(hub, interval);

beforeAll(async () => {
  hub = await startTestSubgraph(eventsSubgraph);
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
