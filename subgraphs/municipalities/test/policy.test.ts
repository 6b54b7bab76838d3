import { describe, expect, it } from '@jest/globals';
import {
  actualDecisions,
  catalogueCoverage,
  expectedDecisions,
  roleCallers,
  type DecisionTable,
} from '@welcome-hub/kit/testing';
import { municipalitiesPolicy, type MunicipalitiesResources } from '../src/policy.js';

const OWN = '05966024'; // Olpe
const OTHER = '05970040'; // Siegen
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const A = 'allow';

/** The catalogue × roles: an editor of Olpe (own), of Siegen (other), a coordinator, nobody. */
const table: DecisionTable<MunicipalitiesResources> = {
  'participation:write': [
    {
      note: "Olpe's participation",
      resource: { municipalityAgs: OWN },
      anonymous: U,
      ownEditor: A,
      otherEditor: F,
      coordinator: A,
    },
  ],
  'participation:read-contact': [{ anonymous: U, ownEditor: A, otherEditor: A, coordinator: A }],
  'audit:read': [
    { note: 'the whole trail', resource: { ags: null }, anonymous: U, ownEditor: F, otherEditor: F, coordinator: A },
    { note: "Olpe's records", resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
};

describe('the municipalities policy', () => {
  it('decides every action of its catalogue for every role as listed', () => {
    expect(Object.keys(table).sort()).toEqual([...municipalitiesPolicy.actions].sort());
    expect(actualDecisions(municipalitiesPolicy, table, roleCallers(OWN, OTHER))).toEqual(expectedDecisions(table));
  });

  it('has every action of its catalogue checked by a resolver or service, and no other', () => {
    expect(catalogueCoverage(municipalitiesPolicy, new URL('../src', import.meta.url))).toEqual({
      unchecked: [],
      unknown: [],
    });
  });
});
