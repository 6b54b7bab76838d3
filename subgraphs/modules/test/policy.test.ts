import { describe, expect, it } from '@jest/globals';
import {
  actualDecisions,
  catalogueCoverage,
  expectedDecisions,
  roleCallers,
  type DecisionTable,
} from '@welcome-hub/kit/testing';
import { modulesPolicy, type ModulesResources } from '../src/policy.js';

const OWN = '05966024'; // Olpe
const OTHER = '05970040'; // Siegen
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const A = 'allow';

/** The catalogue × roles: an editor of Olpe (own), of Siegen (other), a coordinator, nobody. */
const table: DecisionTable<ModulesResources> = {
  'module:write': [{ anonymous: U, ownEditor: F, otherEditor: F, coordinator: A }],
  'criterion:write': [{ anonymous: U, ownEditor: F, otherEditor: F, coordinator: A }],
  'adoption:write': [
    { note: 'for Olpe', resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
  'assessment:write': [
    { note: 'for Olpe', resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
  'assessment:read': [
    { note: "Olpe's", resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
  'audit:read': [
    { note: 'the whole trail', resource: { ags: null }, anonymous: U, ownEditor: F, otherEditor: F, coordinator: A },
    { note: "Olpe's records", resource: { ags: OWN }, anonymous: U, ownEditor: A, otherEditor: F, coordinator: A },
  ],
};

describe('the modules policy', () => {
  it('decides every action of its catalogue for every role as listed', () => {
    expect(Object.keys(table).sort()).toEqual([...modulesPolicy.actions].sort());
    expect(actualDecisions(modulesPolicy, table, roleCallers(OWN, OTHER))).toEqual(expectedDecisions(table));
  });

  it('has every action of its catalogue checked by a resolver or service, and no other', () => {
    expect(catalogueCoverage(modulesPolicy, new URL('../src', import.meta.url))).toEqual({
      unchecked: [],
      unknown: [],
    });
  });
});
