import { describe, expect, it } from '@jest/globals';
import { unauditedEntities, writesBypassingFlush } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';

// Issue 12: every write leaves an audit entry. The subscriber sees flushes only, so every
// entity the API writes must be declared audited, and no service may write an audited
// table around a flush. (That every write did leave one, whatever made it, each test
// subgraph and test hub checks when it closes: testing/audit.ts, unauditedRecords.)
const domain = subgraphs.filter((s) => s.model.entities.length > 0);

describe('audit coverage', () => {
  it('audits every entity of the domain subgraphs but the reference tables only the seed writes', () => {
    expect(domain.map((s) => s.name)).toEqual(['municipalities', 'practices', 'modules', 'events', 'identity']);
    expect(Object.fromEntries(domain.map((s) => [s.name, unauditedEntities(s.model)]))).toEqual({
      municipalities: ['Cooperation', 'District', 'Membership', 'Municipality'],
      practices: [],
      modules: [],
      events: [],
      identity: [],
    });
  });

  it('finds no write of an audited table around the unit of work, seeds included', () => {
    for (const { name, model } of domain) {
      const bypassing = writesBypassingFlush(new URL(`../../subgraphs/${name}/src`, import.meta.url), model);
      expect({ name, bypassing }).toEqual({ name, bypassing: [] });
    }
  });
});
