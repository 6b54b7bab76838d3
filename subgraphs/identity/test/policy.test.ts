import { describe, expect, it } from '@jest/globals';
import {
  actualDecisions,
  catalogueCoverage,
  expectedDecisions,
  roleCallers,
  type DecisionTable,
} from '@welcome-hub/kit/testing';
import { identityPolicy, type IdentityResources } from '../src/policy.js';

const OWN = '05966024'; // Olpe
const OTHER = '05970040'; // Siegen
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const A = 'allow';

/** The catalogue × roles: accounts, partner clients and their trail are the coordinators' alone. */
const table: DecisionTable<IdentityResources> = {
  'account:manage': [{ anonymous: U, ownEditor: F, otherEditor: F, coordinator: A }],
  'account:change-password': [{ anonymous: U, ownEditor: A, otherEditor: A, coordinator: A }],
  'client:manage': [{ anonymous: U, ownEditor: F, otherEditor: F, coordinator: A }],
  'audit:read': [
    { note: 'the whole trail', resource: { ags: null }, anonymous: U, ownEditor: F, otherEditor: F, coordinator: A },
    {
      note: "an editor's own municipality",
      resource: { ags: OWN },
      anonymous: U,
      ownEditor: F,
      otherEditor: F,
      coordinator: A,
    },
  ],
};

describe('the identity policy', () => {
  it('decides every action of its catalogue for every role as listed', () => {
    expect(Object.keys(table).sort()).toEqual([...identityPolicy.actions].sort());
    expect(actualDecisions(identityPolicy, table, roleCallers(OWN, OTHER))).toEqual(expectedDecisions(table));
  });

  it('has every action of its catalogue checked by a resolver or service, and no other', () => {
    expect(catalogueCoverage(identityPolicy, new URL('../src', import.meta.url))).toEqual({
      unchecked: [],
      unknown: [],
    });
  });
});
