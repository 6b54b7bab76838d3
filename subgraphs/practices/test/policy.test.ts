import { describe, expect, it } from '@jest/globals';
import {
  actualDecisions,
  catalogueCoverage,
  expectedDecisions,
  roleCallers,
  type DecisionTable,
} from '@welcome-hub/kit/testing';
import { practicesPolicy, type PracticesResources } from '../src/policy.js';

const OWN = '05966024'; // Olpe
const OTHER = '05970040'; // Siegen
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const A = 'allow';
const ofOwn = { ownerAgs: OWN, ownerCooperation: null };
const ofCooperation = { ownerAgs: null, ownerCooperation: 'qualitaetsoffensive-willkommen-suedwestfalen' };

/** The catalogue × roles: an editor of Olpe (own), of Siegen (other), a coordinator, nobody. */
const table: DecisionTable<PracticesResources> = {
  'practice:write': [
    { note: "Olpe's practice", resource: ofOwn, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
    {
      note: "a cooperation's practice",
      resource: ofCooperation,
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'practice:read-draft': [
    { note: "Olpe's draft", resource: ofOwn, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
    {
      note: "a cooperation's draft",
      resource: ofCooperation,
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'practice:read-personal': [{ anonymous: U, ownEditor: A, otherEditor: A, coordinator: A }],
  'interest:read': [
    { note: "Olpe's practice", resource: ofOwn, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
    {
      note: "a cooperation's practice",
      resource: ofCooperation,
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'interest:write': [
    { note: 'for Olpe', resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
  'practice:read-history': [
    { note: "Olpe's practice", resource: ofOwn, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
    {
      note: "a cooperation's practice",
      resource: ofCooperation,
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

describe('the practices policy', () => {
  it('decides every action of its catalogue for every role as listed', () => {
    expect(Object.keys(table).sort()).toEqual([...practicesPolicy.actions].sort());
    expect(actualDecisions(practicesPolicy, table, roleCallers(OWN, OTHER))).toEqual(expectedDecisions(table));
  });

  it('has every action of its catalogue checked by a resolver or service, and no other', () => {
    expect(catalogueCoverage(practicesPolicy, new URL('../src', import.meta.url))).toEqual({
      unchecked: [],
      unknown: [],
    });
  });
});
