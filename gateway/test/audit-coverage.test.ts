import { describe, expect, it } from '@jest/globals';
import { unauditedEntities, writesBypassingFlush } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';

// Issue 12: every write leaves an audit entry. The subscriber sees flushes only, so every
// entity the API writes must be declared audited, and no service may write around a flush.
const domain = subgraphs.filter((s) => s.model.entities.length > 0);

describe('audit coverage', () => {
  it('audits every entity of the domain subgraphs but the reference tables only the seed writes', () => {
    expect(domain.map((s) => s.name)).toEqual(['municipalities', 'practices', 'modules', 'events']);
    expect(Object.fromEntries(domain.map((s) => [s.name, unauditedEntities(s.model)]))).toEqual({
      municipalities: ['Cooperation', 'District', 'Membership', 'Municipality'],
      practices: [],
      modules: [],
      events: [],
    });
  });

  it('finds no write around the unit of work outside the seeds', () => {
    for (const { name } of domain) {
      expect({ name, bypassing: writesBypassingFlush(new URL(`../../subgraphs/${name}/src`, import.meta.url)) }).toEqual({ name, bypassing: [] });
    }
  });
});
