import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { graphqlClient } from '@welcome-hub/kit/testing/client';
import { sharedHub, type SharedHub } from './shared-hub.js';

// Reads only: the run's shared hub.
let hub: SharedHub;

beforeAll(async () => {
  hub = await sharedHub();
});
afterAll(() => hub?.close());

describe('events through the gateway', () => {
  it('answers the Dortmund town hall forum with its host from the municipalities subgraph', async () => {
    const { data, errors } = await graphqlClient(`${hub.url}/graphql`)(
      `{ event(slug: "forum-integration-2019") { title date startsAt venue { name } host { name } organizer { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.event).toEqual({
      title: 'Interkommunales Forum Integration „Zukunft in Vielfalt – Die Metropole Ruhr gemeinsam gestalten“',
      date: '2019-02-04',
      startsAt: '2019-02-04',
      venue: { name: 'Rathaus Dortmund' },
      host: { name: 'Dortmund' },
      organizer: { name: 'Städtekooperation Integration.Interkommunal' },
    });
  });

  it('shows hosted events on municipalities and organized events on cooperations', async () => {
    const { data } = await graphqlClient(`${hub.url}/graphql`)(`{
      municipality(ags: "05974008") { hostedEvents { seriesNumber } }
      cooperation(slug: "qualitaetsoffensive-willkommen-suedwestfalen") { events { seriesNumber host { name } } }
    }`);
    expect(data!.municipality.hostedEvents).toEqual([{ seriesNumber: 8 }]);
    expect(data!.cooperation.events.map((e: { seriesNumber: number }) => e.seriesNumber).sort()).toEqual([2, 7, 8]);
  });

  it('serves the calendar feed on the public port', async () => {
    const response = await fetch(`${hub.url}/calendar/events.ics?region=RUHR`);
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('location'))).toEqual([
      'Rathaus Dortmund',
    ]);
  });
});
