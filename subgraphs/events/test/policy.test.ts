import { describe, expect, it } from '@jest/globals';
import {
  actualDecisions,
  catalogueCoverage,
  expectedDecisions,
  roleCallers,
  type DecisionTable,
} from '@welcome-hub/kit/testing';
import { eventsPolicy, type EventsResources } from '../src/policy.js';

const OWN = '05966024'; // Olpe
const OTHER = '05970040'; // Siegen
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const A = 'allow';
const hostedByOwn = { hostAgs: OWN, organizerCooperation: null };
const ofCooperation = { hostAgs: OWN, organizerCooperation: 'qualitaetsoffensive-willkommen-suedwestfalen' };

/** The catalogue × roles: an editor of Olpe (own), of Siegen (other), a coordinator, nobody. */
const table: DecisionTable<EventsResources> = {
  'event:write': [
    { note: 'hosted by Olpe', resource: hostedByOwn, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
    {
      note: "a cooperation's, in Olpe",
      resource: ofCooperation,
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'registration:write': [
    {
      note: 'Olpe registers',
      resource: { municipalityAgs: OWN },
      anonymous: U,
      ownEditor: A,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'registration:cancel': [
    {
      note: "Olpe's registration",
      resource: { municipalityAgs: OWN, event: ofCooperation },
      anonymous: U,
      ownEditor: A,
      otherEditor: F,
      coordinator: A,
    },
    {
      note: "Siegen's, at Olpe's event",
      resource: { municipalityAgs: OTHER, event: hostedByOwn },
      anonymous: U,
      ownEditor: A,
      otherEditor: A,
      coordinator: A,
    },
  ],
  'registration:read-names': [
    {
      note: "Olpe's registration",
      resource: { municipalityAgs: OWN, event: ofCooperation },
      anonymous: U,
      ownEditor: A,
      otherEditor: F,
      coordinator: A,
    },
    {
      note: "Siegen's, at Olpe's event",
      resource: { municipalityAgs: OTHER, event: hostedByOwn },
      anonymous: U,
      ownEditor: A,
      otherEditor: A,
      coordinator: A,
    },
    {
      note: "a third town's, at a cooperation's event",
      resource: { municipalityAgs: '05974008', event: ofCooperation },
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'audit:read': [
    { note: 'the whole trail', resource: { ags: null }, anonymous: U, ownEditor: F, otherEditor: F, coordinator: A },
    { note: "Olpe's records", resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
};

describe('the events policy', () => {
  it('decides every action of its catalogue for every role as listed', () => {
    expect(Object.keys(table).sort()).toEqual([...eventsPolicy.actions].sort());
    expect(actualDecisions(eventsPolicy, table, roleCallers(OWN, OTHER))).toEqual(expectedDecisions(table));
  });

  it('has every action of its catalogue checked by a resolver or service, and no other', () => {
    expect(catalogueCoverage(eventsPolicy, new URL('../src', import.meta.url))).toEqual({ unchecked: [], unknown: [] });
  });
});
