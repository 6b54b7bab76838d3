import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { forkForSystem } from '@welcome-hub/kit';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { EventEntity } from '../src/event/event.entity.js';
import { eventsSubgraph } from '../src/server.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
const BAD_SASSENDORF = '05974008';
const SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id slug date region status host { ags } organizer { slug } } }`;
const REGISTER = `mutation($input: RegisterInput!) { registerForEvent(input: $input) { id status participants } }`;

let hub: SubgraphUnderTest;
let coordinator: string;
let siegenEditor: string;
let olpeEditor: string;
let sassendorfEditor: string;
const inDays = (days: number, hour = 14) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

beforeAll(async () => {
  hub = await startTestSubgraph(eventsSubgraph);
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  sassendorfEditor = await devToken({ sub: 'editor-bad-sassendorf', role: 'editor', ags: [BAD_SASSENDORF] });
});
afterAll(() => hub?.close());

describe('seeded events', () => {
  it('answers the Dortmund forum of 4 Feb 2019', async () => {
    const { data } = await hub.gql(
      `{ event(slug: "forum-integration-2019") { title kind date startsAt status venue { name } host { ags } organizer { slug } participantsCount source } }`,
    );
    expect(data!.event).toMatchObject({
      kind: 'FORUM',
      date: '2019-02-04',
      startsAt: '2019-02-04', // the day only: the time is not in the sources
      status: 'HELD',
      venue: { name: 'Rathaus Dortmund' },
      host: { ags: '05913000' },
      organizer: { slug: 'integration-interkommunal' },
      participantsCount: 150,
    });
  });

  it('lists the Runde Tische in series order, without invented dates', async () => {
    const { data } = await hub.gql(
      `{ events(filter: { series: "runder-tisch-willkommenskultur" }) { edges { node { seriesNumber date series { name } host { ags } } } } }`,
    );
    expect(data!.events.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { seriesNumber: 2, date: null, series: { name: 'Runder Tisch Willkommenskultur' }, host: { ags: SIEGEN } },
      { seriesNumber: 7, date: null, series: { name: 'Runder Tisch Willkommenskultur' }, host: { ags: '05966012' } },
      {
        seriesNumber: 8,
        date: null,
        series: { name: 'Runder Tisch Willkommenskultur' },
        host: { ags: BAD_SASSENDORF },
      },
    ]);
  });
});

describe('createEvent and updateEvent', () => {
  const reception = (overrides: Record<string, unknown> = {}) => ({
    slug: 'neubuergerempfang-olpe-2027',
    title: 'Neubürgerempfang Olpe',
    kind: 'NEWCOMER_RECEPTION',
    host: OLPE,
    startsAt: inDays(30),
    endsAt: inDays(30, 17),
    venue: { name: 'Rathaus Olpe', address: 'Franziskanerstraße 6, 57462 Olpe', lat: 51.0289, lon: 7.8514 },
    capacity: 10,
    registrationDeadline: inDays(20),
    ...overrides,
  });

  it("lets an editor create their municipality's own event", async () => {
    const { data, errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input: reception() } });
    expect(errors).toBeUndefined();
    expect(data!.createEvent).toMatchObject({
      region: 'SUEDWESTFALEN',
      status: 'PLANNED',
      host: { ags: OLPE },
      organizer: null,
    });
    const shown = (
      await hub.gql(`{ event(slug: "neubuergerempfang-olpe-2027") { startsAt venue { name location { lat lon } } } }`)
    ).data!.event;
    // Local time in Europe/Berlin with its offset (14:00 UTC is 15:00 or 16:00 there).
    expect(shown.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T1[56]:00:00\+0[12]:00$/);
    expect(shown.venue).toEqual({ name: 'Rathaus Olpe', location: { lat: 51.0289, lon: 7.8514 } });
  });

  it("keeps cooperations' events to coordinators and everything to signed-in callers", async () => {
    const runderTisch = reception({
      slug: 'runder-tisch-9',
      kind: 'ROUND_TABLE',
      organizer: SWF,
      host: SIEGEN,
      series: 'runder-tisch-willkommenskultur',
      seriesNumber: 9,
    });
    expect(
      (await hub.gql(CREATE, { token: siegenEditor, variables: { input: runderTisch } })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await hub.gql(CREATE, { variables: { input: { ...runderTisch, slug: 'x-anon' } } })).errors?.[0].extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await hub.gql(CREATE, { token: siegenEditor, variables: { input: reception({ slug: 'x-foreign' }) } }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const { errors } = await hub.gql(CREATE, { token: coordinator, variables: { input: runderTisch } });
    expect(errors).toBeUndefined();
    expect(await hub.count('event', `slug like 'x-%'`)).toBe(0);
  });

  it('names every bad field and writes nothing', async () => {
    const bad = reception({
      slug: 'x-bad',
      endsAt: inDays(29),
      registrationDeadline: inDays(-1),
      onlineUrl: 'javascript:alert(1)',
      capacity: 0,
    });
    const { errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input: bad } });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.onlineUrl',
      'input.endsAt',
      'input.registrationDeadline',
      'input.capacity',
    ]);
    expect(
      (await hub.gql(CREATE, { token: olpeEditor, variables: { input: reception() } })).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    expect(await hub.count('event', `slug = 'x-bad'`)).toBe(0);
  });

  it('refuses a series or online URL longer than its column, naming the input field, and writes nothing', async () => {
    const longUrl = `https://example.org/${'a'.repeat(481)}`;
    const tooLong = reception({ slug: 'x-too-long', series: 's'.repeat(121), onlineUrl: longUrl });
    const { errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input: tooLong } });
    expect(errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.series', message: 'must have at most 120 characters' },
        { field: 'input.onlineUrl', message: 'must have at most 500 characters' },
      ],
    });
    expect(await hub.count('event', `slug = 'x-too-long'`)).toBe(0);

    // The same check holds for changes (the reception created above).
    const { id } = (await hub.gql(`{ event(slug: "neubuergerempfang-olpe-2027") { id } }`)).data!.event;
    const UPDATE = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { onlineUrl } }`;
    const update = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, onlineUrl: longUrl } } });
    expect(update.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.onlineUrl', message: 'must have at most 500 characters' },
    ]);
    expect(await hub.count('event', `slug = 'neubuergerempfang-olpe-2027' and online_url is null`)).toBe(1);
  });
});

describe('registrations', () => {
  let eventId: string;
  let firstId: string;
  beforeAll(async () => {
    eventId = (await hub.gql(`{ event(slug: "neubuergerempfang-olpe-2027") { id } }`)).data!.event.id;
  });

  it('registers while seats last, then waitlists; cancelling moves the list up', async () => {
    const first = await hub.gql(REGISTER, {
      token: siegenEditor,
      variables: { input: { eventId, ags: SIEGEN, participants: 6, names: ['Anna A', 'Null'] } },
    });
    expect(first.data!.registerForEvent).toMatchObject({ status: 'REGISTERED', participants: 6 });
    firstId = first.data!.registerForEvent.id;
    const second = await hub.gql(REGISTER, {
      token: sassendorfEditor,
      variables: { input: { eventId, ags: BAD_SASSENDORF, participants: 5 } },
    });
    expect(second.data!.registerForEvent.status).toBe('WAITLISTED');
    expect(
      (
        await hub.gql(REGISTER, {
          token: siegenEditor,
          variables: { input: { eventId, ags: SIEGEN, participants: 1 } },
        })
      ).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');

    const capacity = await hub.gql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { capacity } }`, {
      token: olpeEditor,
      variables: { input: { id: eventId, capacity: 5 } },
    });
    expect(capacity.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.capacity' }],
    });

    const cancelled = await hub.gql(`mutation($id: ID!) { cancelRegistration(id: $id) { status } }`, {
      token: siegenEditor,
      variables: { id: firstId },
    });
    expect(cancelled.data!.cancelRegistration.status).toBe('CANCELLED');
    const { data } = await hub.gql(
      `{ event(slug: "neubuergerempfang-olpe-2027") { seatsLeft registrations { status participants } } }`,
    );
    expect(data!.event).toEqual({
      seatsLeft: 5,
      registrations: [
        { status: 'CANCELLED', participants: 6 },
        { status: 'REGISTERED', participants: 5 },
      ],
    });
  });

  it('shows participant names only to the organizer and the municipality, exactly as given ("Null" is a name, not SQL NULL)', async () => {
    const query = `{ event(slug: "neubuergerempfang-olpe-2027") { registrations { names } } }`;
    expect((await hub.gql(query)).data!.event.registrations[0].names).toBeNull();
    expect((await hub.gql(query, { token: sassendorfEditor })).data!.event.registrations[0].names).toBeNull();
    expect((await hub.gql(query, { token: siegenEditor })).data!.event.registrations[0].names).toEqual([
      'Anna A',
      'Null',
    ]);
    expect((await hub.gql(query, { token: olpeEditor })).data!.event.registrations[0].names).toEqual([
      'Anna A',
      'Null',
    ]);
  });

  it('refuses foreign editors, bad input and registrations after the deadline', async () => {
    expect(
      (await hub.gql(REGISTER, { token: siegenEditor, variables: { input: { eventId, ags: OLPE, participants: 1 } } }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const bad = await hub.gql(REGISTER, {
      token: olpeEditor,
      variables: { input: { eventId, ags: OLPE, participants: 0 } },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.participants' }],
    });
    // The deadline passes: a fixture written outside any request, audited as the system's.
    const system = forkForSystem(hub.runtime.orm.em);
    (await system.findOneOrFail(EventEntity, { id: eventId })).registrationDeadline = new Date(Date.now() - 3_600_000);
    await system.flush();
    expect(
      (await hub.gql(REGISTER, { token: olpeEditor, variables: { input: { eventId, ags: OLPE, participants: 1 } } }))
        .errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    expect(await hub.count('registration', `municipality_ags = '${OLPE}'`)).toBe(0);
  });

  it('never overbooks when two editors race for the last seat', async () => {
    const created = await hub.gql(CREATE, {
      token: coordinator,
      variables: {
        input: {
          slug: 'letzter-platz',
          title: 'Workshop mit einem Platz',
          kind: 'WORKSHOP',
          organizer: SWF,
          startsAt: inDays(40),
          capacity: 1,
        },
      },
    });
    const id = created.data!.createEvent.id;
    const race = await Promise.all(
      [
        [siegenEditor, SIEGEN],
        [olpeEditor, OLPE],
      ].map(([token, ags]) =>
        hub.gql(REGISTER, { token, variables: { input: { eventId: id, ags, participants: 1 } } }),
      ),
    );
    expect(race.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(race.map((r) => r.data!.registerForEvent.status).sort()).toEqual(['REGISTERED', 'WAITLISTED']);
  });
});

describe('calendar feeds', () => {
  const feed = async (path: string) => {
    const response = await fetch(`${hub.url}${path}`);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    return new ICAL.Component(ICAL.parse(await response.text()));
  };
  const summaries = (calendar: ICAL.Component) =>
    calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));

  it('filters by region and leaves undated events out', async () => {
    const swf = await feed('/calendar/events.ics?region=SUEDWESTFALEN');
    // The dated Südwestfalen events of this test (the 9th Runder Tisch reuses the reception's title); no Ruhr event.
    expect(summaries(swf).sort()).toEqual([
      'Neubürgerempfang Olpe',
      'Neubürgerempfang Olpe',
      'Workshop mit einem Platz',
    ]);
    const ruhr = await feed('/calendar/events.ics?region=RUHR');
    expect(summaries(ruhr)).toEqual([
      'Interkommunales Forum Integration „Zukunft in Vielfalt – Die Metropole Ruhr gemeinsam gestalten“',
    ]);
  });

  it('uses Europe/Berlin, stable UIDs and marks cancelled events', async () => {
    const id = (await hub.gql(`{ event(slug: "neubuergerempfang-olpe-2027") { id } }`)).data!.event.id;
    await hub.gql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { status } }`, {
      token: olpeEditor,
      variables: { input: { id, status: 'CANCELLED' } },
    });
    const calendar = await feed('/calendar/events.ics?kind=NEWCOMER_RECEPTION');
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event.getFirstPropertyValue('uid')).toBe(`${id}@welcome-hub`);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    const forum = (await feed('/calendar/municipalities/05913000.ics')).getAllSubcomponents('vevent');
    expect(forum).toHaveLength(1);
    expect(String(forum[0].getFirstPropertyValue('dtstart'))).toBe('2019-02-04');
  });

  it('answers bad filters with 400 and unknown feeds with 404', async () => {
    expect((await fetch(`${hub.url}/calendar/events.ics?kind=PARTY`)).status).toBe(400);
    expect((await fetch(`${hub.url}/calendar/nope.ics`)).status).toBe(404);
  });
});

describe('batching', () => {
  it('resolves events and registrations of many municipalities in a fixed number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { hostedEvents { slug registrations { status } } registrations { event { slug } } } } }`;
    const all = [SIEGEN, OLPE, BAD_SASSENDORF, '05913000', '05966012', '05112000'];
    hub.statements.reset();
    await hub.gql(query, { variables: { r: all.slice(0, 2).map((ags) => ({ __typename: 'Municipality', ags })) } });
    const few = hub.statements.count;
    hub.statements.reset();
    const { errors } = await hub.gql(query, {
      variables: { r: all.map((ags) => ({ __typename: 'Municipality', ags })) },
    });
    expect(errors).toBeUndefined();
    expect(hub.statements.count).toBe(few);
  });
});
