import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedSearchEngine } from '../src/embedded/engine.js';
import { MeilisearchEngine } from '../src/meilisearch/engine.js';
import { startLocalMeilisearch, type LocalMeilisearch } from '../src/local-meilisearch.js';
import { defaultAnalyzer } from '../src/analysis.js';
import type { SearchDocument } from '@welcome-hub/kit';
import type { SearchEngine } from '../src/port.js';

// One contract, every adapter: the embedded engine and a real Meilisearch, the packaged
// binary started here (or the one MEILI_URL names). Never skipped: the distributed mode
// depends on the Meilisearch adapter behaving like the embedded engine.
// The documents are test fixtures, not facts about the municipalities.
const doc = (
  over: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'type' | 'key' | 'title'>,
): SearchDocument => ({
  summary: '',
  text: '',
  places: [],
  region: null,
  district: null,
  targetGroups: [],
  fieldsOfAction: [],
  kind: null,
  location: null,
  ...over,
});

const FIXTURES: SearchDocument[] = [
  doc({
    id: 'PRACTICE:00000000-0000-4000-8000-000000000001',
    type: 'PRACTICE',
    key: '00000000-0000-4000-8000-000000000001',
    title: 'Neubürger-Empfänge an besonderen Orten',
    summary: 'Die Gemeinde lädt Zugezogene zu einem Empfang ein.',
    places: ['Testdorf', 'Kreis Test'],
    region: 'SUEDWESTFALEN',
    district: '05974',
    targetGroups: ['NEWCOMERS'],
    fieldsOfAction: ['NEW_HOME'],
    kind: 'EVENT_FORMAT',
    location: { lat: 51.58, lon: 8.17 },
  }),
  doc({
    id: 'MODULE:00000000-0000-4000-8000-000000000002',
    type: 'MODULE',
    key: '00000000-0000-4000-8000-000000000002',
    title: 'Willkommensmappe',
    summary: 'Eine Mappe mit Informationen für neue Einwohnerinnen und Einwohner.',
    region: 'SUEDWESTFALEN',
    kind: 'MATERIAL',
  }),
  doc({
    id: 'PRACTICE:00000000-0000-4000-8000-000000000003',
    type: 'PRACTICE',
    key: '00000000-0000-4000-8000-000000000003',
    title: 'Lokale Anlaufstellen für Geflüchtete',
    summary: 'Büros in den Stadtteilen beraten Geflüchtete und Nachbarschaften.',
    places: ['Teststadt'],
    region: 'RUHR',
    district: '05913',
    targetGroups: ['REFUGEES', 'NEIGHBOURHOODS'],
    fieldsOfAction: ['COUNSELLING'],
    kind: 'SERVICE',
    location: { lat: 51.51, lon: 7.47 },
  }),
  doc({
    id: 'MUNICIPALITY:05970040',
    type: 'MUNICIPALITY',
    key: '05970040',
    title: 'Siegen',
    summary: 'Stadt in Kreis Siegen-Wittgenstein, Südwestfalen',
    places: ['Siegen', 'Kreis Siegen-Wittgenstein'],
    region: 'SUEDWESTFALEN',
    district: '05970',
    kind: 'STADT',
    location: { lat: 50.87, lon: 8.02 },
  }),
  doc({
    id: 'EVENT:00000000-0000-4000-8000-000000000005',
    type: 'EVENT',
    key: '00000000-0000-4000-8000-000000000005',
    title: 'Runder Tisch Willkommenskultur',
    summary: 'Austausch der Kommunen über ihre Willkommenskultur.',
    region: 'SUEDWESTFALEN',
    kind: 'RUNDER_TISCH',
  }),
];

const ids = (page: { hits: { document: SearchDocument }[] }) => page.hits.map((h) => h.document.id);

let meilisearch: LocalMeilisearch | null = null;
beforeAll(async () => {
  if (!process.env.MEILI_URL) meilisearch = await startLocalMeilisearch();
});
afterAll(() => meilisearch?.stop());

const adapters: [string, () => SearchEngine][] = [
  ['embedded', () => new EmbeddedSearchEngine(defaultAnalyzer())],
  [
    'meilisearch',
    () =>
      new MeilisearchEngine({
        url: meilisearch?.url ?? process.env.MEILI_URL ?? '',
        apiKey: meilisearch?.masterKey ?? process.env.MEILI_MASTER_KEY,
        indexUid: `contract-${process.pid}-${Date.now()}`,
        analyzer: defaultAnalyzer(),
      }),
  ],
];

describe.each(adapters)('search contract: %s', (_name, make) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = make();
    await engine.applySettings();
    await engine.upsert(FIXTURES);
  });
  afterAll(() => engine?.close());

  it('stores documents by id; upserting again replaces instead of duplicating', async () => {
    expect(await engine.count()).toBe(FIXTURES.length);
    await engine.upsert([{ ...FIXTURES[1], summary: 'Geänderte Zusammenfassung' }, FIXTURES[1]]);
    expect(await engine.count()).toBe(FIXTURES.length);
    expect((await engine.get(FIXTURES[1].id))?.summary).toBe(FIXTURES[1].summary);
    expect(await engine.get('PRACTICE:00000000-0000-4000-8000-00000000ffff')).toBeNull();
  });

  it('finds German compounds written together, apart or with a hyphen, and synonyms', async () => {
    for (const query of ['Neubürgerempfang', 'Neubürger Empfang', 'neubuerger-empfaenge', 'Empfang Zugezogene']) {
      const page = await engine.search({ query, offset: 0, limit: 3 });
      expect([query, ids(page)[0]]).toEqual([query, FIXTURES[0].id]);
    }
    expect(ids(await engine.search({ query: 'Begrüßungsmappe', offset: 0, limit: 3 }))[0]).toBe(FIXTURES[1].id);
  });

  it('tolerates a typo', async () => {
    expect(ids(await engine.search({ query: 'Willkomensmappe', offset: 0, limit: 3 }))[0]).toBe(FIXTURES[1].id);
  });

  it('finds a record holding any of the words, the one holding more first', async () => {
    // Siegen holds only the first word, the Ruhr practice only the second: both are found.
    const page = await engine.search({ query: 'Siegen Geflüchtete', offset: 0, limit: 10 });
    expect(ids(page)).toEqual(expect.arrayContaining([FIXTURES[3].id, FIXTURES[2].id]));
    expect(page.totalCount).toBe(2);
    const both = await engine.search({ query: 'Geflüchtete Nachbarschaften Siegen', offset: 0, limit: 10 });
    expect(ids(both)[0]).toBe(FIXTURES[2].id);
  });

  it('completes the last word as it is typed', async () => {
    expect(ids(await engine.search({ query: 'Neub', offset: 0, limit: 3 }))[0]).toBe(FIXTURES[0].id);
    expect(ids(await engine.search({ query: 'Runder Tisch Willk', offset: 0, limit: 3 }))[0]).toBe(FIXTURES[4].id);
  });

  it('filters by type, region, district, target group, field of action, kind and radius', async () => {
    const all = { query: '', offset: 0, limit: 10 };
    expect(ids(await engine.search({ ...all, filter: { types: ['MODULE', 'EVENT'] } })).sort()).toEqual(
      [FIXTURES[1].id, FIXTURES[4].id].sort(),
    );
    expect(ids(await engine.search({ ...all, filter: { region: 'RUHR' } }))).toEqual([FIXTURES[2].id]);
    expect(ids(await engine.search({ ...all, filter: { district: '05970' } }))).toEqual([FIXTURES[3].id]);
    expect(ids(await engine.search({ ...all, filter: { targetGroup: 'REFUGEES' } }))).toEqual([FIXTURES[2].id]);
    expect(ids(await engine.search({ ...all, filter: { fieldOfAction: 'NEW_HOME' } }))).toEqual([FIXTURES[0].id]);
    expect(ids(await engine.search({ ...all, filter: { kind: 'RUNDER_TISCH' } }))).toEqual([FIXTURES[4].id]);
    // Around Siegen, 30 km: only Siegen itself (the others are over 70 km away or have no location).
    expect(ids(await engine.search({ ...all, filter: { near: { lat: 50.87, lon: 8.02, radiusKm: 30 } } }))).toEqual([
      FIXTURES[3].id,
    ]);
  });

  it('treats filter values as values, never as filter syntax', async () => {
    // Each injection alone, next to a condition that matches: were it read as syntax, it would widen the result.
    // Each value closes its quote and adds an arm that matches a fixture (the Ruhr practice,
    // the Willkommensmappe module): as syntax it would widen the result, as a value it matches nothing.
    const injections = [
      { district: 'X" OR targetGroups = "REFUGEES' },
      { kind: 'X\\" OR kind = "MATERIAL' },
      { targetGroup: 'X" OR type = "MODULE' },
      { region: 'RUHR' as const, fieldOfAction: 'X" OR region = "RUHR' },
    ];
    for (const filter of injections)
      expect([filter, (await engine.search({ query: '', offset: 0, limit: 10, filter })).totalCount]).toEqual([
        filter,
        0,
      ]);
  });

  it('counts facets over all matches and pages through them', async () => {
    const page = await engine.search({ query: '', offset: 0, limit: 2 });
    expect(page.totalCount).toBe(FIXTURES.length);
    expect(page.hits).toHaveLength(2);
    expect(page.facets.type).toEqual(
      expect.arrayContaining([
        { value: 'PRACTICE', count: 2 },
        { value: 'MODULE', count: 1 },
      ]),
    );
    expect(page.facets.region).toEqual(
      expect.arrayContaining([
        { value: 'SUEDWESTFALEN', count: 4 },
        { value: 'RUHR', count: 1 },
      ]),
    );
    const rest = await engine.search({ query: '', offset: 2, limit: 10 });
    expect(new Set([...ids(page), ...ids(rest)]).size).toBe(FIXTURES.length);
    for (const hit of page.hits) expect(hit.score).toBeGreaterThanOrEqual(0);
  });

  it('deletes by id and by type', async () => {
    await engine.delete([FIXTURES[4].id, 'EVENT:unknown']);
    expect(await engine.get(FIXTURES[4].id)).toBeNull();
    await engine.deleteByType(['MUNICIPALITY']);
    expect(await engine.count()).toBe(FIXTURES.length - 2);
    expect(
      (await engine.search({ query: 'Siegen', offset: 0, limit: 5 })).hits.map((h) => h.document.type),
    ).not.toContain('MUNICIPALITY');
  });
});
