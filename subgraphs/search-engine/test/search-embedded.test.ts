import { describe, expect, it } from '@jest/globals';
import { defaultAnalyzer } from '../src/analysis.js';
import { EmbeddedSearchEngine } from '../src/embedded/engine.js';
import type { SearchDocument } from '@welcome-hub/kit';

// How the embedded engine scores a word reached through its completions (search as you
// type) or typos: by its best alternative, at the rarity of the most common one. Test
// fixtures, not facts about the municipalities.
const doc = (id: string, title: string, summary = ''): SearchDocument => ({
  id: `MODULE:${id}`,
  type: 'MODULE',
  key: id,
  title,
  summary,
  text: '',
  places: [],
  region: null,
  district: null,
  targetGroups: [],
  fieldsOfAction: [],
  kind: null,
  location: null,
});

async function titles(documents: SearchDocument[], query: string): Promise<string[]> {
  const engine = new EmbeddedSearchEngine(defaultAnalyzer());
  await engine.upsert(documents);
  return (await engine.search({ query, offset: 0, limit: 10 })).hits.map((h) => h.document.title);
}

describe('embedded engine: a word’s alternatives', () => {
  it('does not rank a record higher for holding several completions of the typed word', async () => {
    // "Will" completes to "willkomm", "willkommenstasch", "willkommensmapp": the first record
    // holds three of them, the second only the word itself, twice as often.
    const many = doc('1', 'Willkommenstasche Willkommensmappe Willkommen');
    const one = doc('2', 'Willkommen', 'Willkommen');
    expect((await titles([many, one], 'Will'))[0]).toBe('Willkommen');
  });

  it('does not rank a rare completion above the common word', async () => {
    const rare = doc('1', 'Willkommenstasche');
    const common = [doc('2', 'Willkommen'), doc('3', 'Willkommen in Testdorf'), doc('4', 'Willkommen in Teststadt')];
    // At one rarity for all completions, the shorter record with the common word comes first.
    expect((await titles([rare, ...common], 'Will'))[0]).toBe('Willkommen');
  });
});
