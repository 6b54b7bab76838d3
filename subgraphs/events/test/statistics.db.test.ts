import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { eventsSubgraph } from '../src/server.js';
import {
  addEvents as addEventsTo,
  BAD_SASSENDORF,
  type Counts,
  counts,
  OLPE,
  SIEGEN,
  STATISTICS,
  statisticsOf,
} from './statistics-support.js';

const SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';
const RUNDER_TISCH = { slug: 'runder-tisch-willkommenskultur', name: 'Runder Tisch Willkommenskultur' };
const FORUM = { slug: 'interkommunales-forum-integration', name: 'Interkommunales Forum Integration' };
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id licence } }`;
const UPDATE = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id licence } }`;
const NONE = counts(0, 0, 0, 0, 0);

let hub: SubgraphUnderTest;
let coordinator: string;
let siegenEditor: string;
let olpeEditor: string;

const addEvents = (events: Parameters<typeof addEventsTo>[1]) => addEventsTo(hub, events);
const statistics = (interval = 'YEAR') => statisticsOf(hub, interval);

beforeAll(async () => {
  hub = await startTestSubgraph(eventsSubgraph);
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
});
afterAll(() => hub?.close());

describe('eventStatistics', () => {
  it('counts the seeded events, publicly: undated ones by kind and series, not by period', async () => {
    const stats = await statistics();
    // Only the forum of 4 Feb 2019 (150 participants) has a date; the three Runde Tische have none.
    expect(stats.byPeriod).toEqual([{ period: '2019', ...counts(1, 0, 0, 150, 1) }]);
    expect(stats.byKind).toEqual([
      { kind: 'ROUND_TABLE', ...counts(3, 0, 0, 0, 0) },
      { kind: 'FORUM', ...counts(1, 0, 0, 150, 1) },
      { kind: 'CONFERENCE', ...NONE },
      { kind: 'NEWCOMER_RECEPTION', ...NONE },
      { kind: 'WORKSHOP', ...NONE },
    ]);
    expect(stats.bySeries).toEqual([
      { series: RUNDER_TISCH, ...counts(3, 0, 0, 0, 0) },
      { series: FORUM, ...counts(1, 0, 0, 150, 1) },
    ]);
  });

  it('counts live registrations (waiting list included), leaves cancelled ones out and fills gaps with zeros', async () => {
    await addEvents([
      {
        slug: 'stat-workshop-2021-03',
        kind: 'WORKSHOP',
        date: '2021-03-10',
        participantsCount: 40,
        series: 'stat-reihe',
        registrations: [
          { ags: SIEGEN, participants: 5, status: 'REGISTERED' },
          { ags: OLPE, participants: 3, status: 'WAITLISTED' },
          { ags: BAD_SASSENDORF, participants: 4, status: 'CANCELLED' },
        ],
      },
      {
        slug: 'stat-workshop-2021-05',
        kind: 'WORKSHOP',
        date: '2021-05-20',
        status: 'PLANNED',
        series: 'stat-reihe',
        registrations: [{ ags: SIEGEN, participants: 2, status: 'REGISTERED' }],
      },
      // Called off: none of it counts, not even its registration.
      {
        slug: 'stat-abgesagt-2021-04',
        kind: 'WORKSHOP',
        date: '2021-04-01',
        status: 'CANCELLED',
        participantsCount: 99,
        registrations: [{ ags: OLPE, participants: 7, status: 'REGISTERED' }],
      },
      {
        slug: 'stat-ohne-datum',
        kind: 'CONFERENCE',
        date: null,
        participantsCount: 60,
        registrations: [{ ags: SIEGEN, participants: 1, status: 'REGISTERED' }],
      },
    ]);

    const years = await statistics('YEAR');
    expect(years.byPeriod).toEqual([
      { period: '2019', ...counts(1, 0, 0, 150, 1) },
      { period: '2020', ...NONE },
      { period: '2021', ...counts(2, 3, 10, 40, 1) },
    ]);
    expect(years.byKind.find((k: { kind: string }) => k.kind === 'WORKSHOP')).toEqual({
      kind: 'WORKSHOP',
      ...counts(2, 3, 10, 40, 1),
    });
    expect(years.byKind.find((k: { kind: string }) => k.kind === 'CONFERENCE')).toEqual({
      kind: 'CONFERENCE',
      ...counts(1, 1, 1, 60, 1),
    });
    // Series created without a name are named by their slug; most events first.
    expect(years.bySeries).toEqual([
      { series: RUNDER_TISCH, ...counts(3, 0, 0, 0, 0) },
      { series: { slug: 'stat-reihe', name: 'stat-reihe' }, ...counts(2, 3, 10, 40, 1) },
      { series: FORUM, ...counts(1, 0, 0, 150, 1) },
    ]);
    const total = (rows: Counts[]) => rows.reduce((sum, r) => sum + r.events, 0);
    expect(total(years.byKind)).toBe(7);
    expect(await hub.count('event', `status <> 'CANCELLED'`)).toBe(7);

    const months = (await statistics('MONTH')).byPeriod;
    // February 2019 to May 2021, every month listed.
    expect(months).toHaveLength(28);
    expect(months[0]).toEqual({ period: '2019-02', ...counts(1, 0, 0, 150, 1) });
    expect(months.slice(-3)).toEqual([
      { period: '2021-03', ...counts(1, 2, 8, 40, 1) },
      { period: '2021-04', ...NONE },
      { period: '2021-05', ...counts(1, 1, 2, 0, 0) },
    ]);
  });

  it('answers by year when no interval is given', async () => {
    const { data } = await hub.gql(`{ eventStatistics { byPeriod { period } } }`);
    expect(data!.eventStatistics.byPeriod.map((p: { period: string }) => p.period)).toEqual(['2019', '2020', '2021']);
  });

  it('refuses an unknown interval with a typed error', async () => {
    const asVariable = await hub.gql(STATISTICS, { variables: { interval: 'WEEK' } });
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(asVariable.data ?? null).toBeNull();
    const unknown = await hub.gql(`{ eventStatistics { byPeriod(interval: WEEK) { period } } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('events orderBy', () => {
  const slugs = async (args: string) =>
    (await hub.gql(`{ events(${args}) { edges { node { slug } } } }`)).data!.events.edges.map(
      (e: { node: { slug: string } }) => e.node.slug,
    );

  it('sorts for dashboards and keeps the old order by default', async () => {
    expect(await slugs('first: 4, orderBy: PARTICIPANTS_DESC')).toEqual([
      'forum-integration-2019',
      'stat-abgesagt-2021-04',
      'stat-ohne-datum',
      'stat-workshop-2021-03',
    ]);
    expect(await slugs('first: 2, orderBy: DATE_DESC')).toEqual(['stat-workshop-2021-05', 'stat-abgesagt-2021-04']);
    expect(await slugs('first: 2')).toEqual(await slugs('first: 2, orderBy: DATE_ASC'));
    expect(await slugs('first: 2')).toEqual(['forum-integration-2019', 'stat-workshop-2021-03']);
    // With a series and no orderBy, series order as before; with orderBy, the order asked for.
    expect(await slugs('filter: { series: "runder-tisch-willkommenskultur" }')).toEqual([
      'runder-tisch-willkommenskultur-2',
      'runder-tisch-willkommenskultur-7',
      'runder-tisch-willkommen-8',
    ]);
    expect(await slugs('filter: { series: "stat-reihe" }, orderBy: DATE_DESC')).toEqual([
      'stat-workshop-2021-05',
      'stat-workshop-2021-03',
    ]);
  });
});

describe('licence', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const event = (slug: string, overrides: Record<string, unknown> = {}) => ({
    slug,
    title: 'Workshop Willkommenskultur',
    kind: 'WORKSHOP',
    host: OLPE,
    startsAt: inDays(60),
    ...overrides,
  });
  const licenceOf = async (slug: string) =>
    (await hub.gql(`{ event(slug: "${slug}") { licence } }`)).data!.event?.licence;

  it('is null for every seeded event: the seed invents none, and a second run keeps what an owner chose', async () => {
    const seeded = [
      'forum-integration-2019',
      'runder-tisch-willkommenskultur-2',
      'runder-tisch-willkommenskultur-7',
      'runder-tisch-willkommen-8',
    ];
    expect(await Promise.all(seeded.map(licenceOf))).toEqual([null, null, null, null]);
    const { id } = (await hub.gql(`{ event(slug: "forum-integration-2019") { id } }`)).data!.event;
    expect(
      (await hub.gql(UPDATE, { token: coordinator, variables: { input: { id, licence: 'DL_DE_BY_2_0' } } })).errors,
    ).toBeUndefined();
    await eventsSubgraph.seed!(hub.runtime.orm, () => undefined);
    expect(await licenceOf('forum-integration-2019')).toBe('DL_DE_BY_2_0');
  });

  it('is set on create, left alone when omitted, cleared with null, and audited', async () => {
    const created = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: event('lizenz-olpe', { licence: 'CC_BY_4_0' }) },
    });
    expect(created.errors).toBeUndefined();
    const { id, licence } = created.data!.createEvent;
    expect(licence).toBe('CC_BY_4_0');
    expect(
      (
        await hub.gql(UPDATE, {
          token: olpeEditor,
          variables: { input: { id, title: 'Workshop Willkommenskultur Olpe' } },
        })
      ).data!.updateEvent.licence,
    ).toBe('CC_BY_4_0');
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: 'CC0_1_0' } } })).data!.updateEvent
        .licence,
    ).toBe('CC0_1_0');
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: null } } })).data!.updateEvent
        .licence,
    ).toBeNull();
    expect(await hub.count('event', `id = '${id}' and licence is null`)).toBe(1);

    const trail = await hub.gql(
      `query($id: ID!) { eventsAuditTrail(filter: { recordId: $id }) { edges { node { subject action changes { field oldValue newValue } } } } }`,
      {
        token: coordinator,
        variables: { id },
      },
    );
    const licenceChanges = trail
      .data!.eventsAuditTrail.edges.map(
        (e: { node: { subject: string; changes: { field: string; oldValue: unknown; newValue: unknown }[] } }) => ({
          subject: e.node.subject,
          change: e.node.changes.find((c) => c.field === 'licence'),
        }),
      )
      .filter((e: { change?: unknown }) => e.change);
    expect(licenceChanges).toEqual([
      { subject: 'editor-olpe', change: { field: 'licence', oldValue: null, newValue: 'CC_BY_4_0' } },
      { subject: 'editor-olpe', change: { field: 'licence', oldValue: 'CC_BY_4_0', newValue: 'CC0_1_0' } },
      { subject: 'editor-olpe', change: { field: 'licence', oldValue: 'CC0_1_0', newValue: null } },
    ]);
  });

  it('refuses an unknown licence and writes nothing', async () => {
    const created = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: event('lizenz-unbekannt', { licence: 'MIT' }) },
    });
    expect(created.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('event', `slug = 'lizenz-unbekannt'`)).toBe(0);
    const { id } = (await hub.gql(`{ event(slug: "lizenz-olpe") { id } }`)).data!.event;
    const updated = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: 'CC-BY-4.0' } } });
    expect(updated.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await licenceOf('lizenz-olpe')).toBeNull();
  });

  it("lets only the event's owners set it: not an editor of another municipality, not an anonymous caller", async () => {
    const { id } = (await hub.gql(`{ event(slug: "lizenz-olpe") { id } }`)).data!.event;
    expect(
      (await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id, licence: 'CC_BY_4_0' } } })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await hub.gql(UPDATE, { variables: { input: { id, licence: 'CC_BY_4_0' } } })).errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (
        await hub.gql(CREATE, {
          token: siegenEditor,
          variables: { input: event('lizenz-fremd', { licence: 'CC_BY_4_0' }) },
        })
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await licenceOf('lizenz-olpe')).toBeNull();
    expect(await hub.count('event', `slug = 'lizenz-fremd'`)).toBe(0);
    const cooperation = await hub.gql(CREATE, {
      token: coordinator,
      variables: { input: event('lizenz-kooperation', { host: null, organizer: SWF, licence: 'DL_DE_ZERO_2_0' }) },
    });
    expect(cooperation.data!.createEvent.licence).toBe('DL_DE_ZERO_2_0');
  });
});
