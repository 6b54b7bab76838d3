import { describe, expect, it } from '@jest/globals';
import type { SearchType } from '@welcome-hub/kit';
import {
  buildFilter,
  decodeDocumentId,
  encodeDocumentId,
  fromMeiliDocument,
  meilisearchQueries,
  meilisearchSettings,
  quoteFilterValue,
  toMeiliDocument,
} from '../src/index.js';
import type { SearchFilter } from '../src/port.js';
import { analyzer, MODULE, PRACTICE } from './meilisearch-fixtures.js';

describe('meilisearchSettings', () => {
  const settings = meilisearchSettings(analyzer);

  it('searches the analyzed terms in priority order and filters, sorts and facets on the facts', () => {
    expect(settings.searchableAttributes).toEqual(['title_terms', 'places_terms', 'summary_terms', 'text_terms']);
    expect(settings.displayedAttributes).toEqual(['*']);
    expect(settings.filterableAttributes).toEqual([
      'type',
      'region',
      'district',
      'targetGroups',
      'fieldsOfAction',
      'kind',
      '_geo',
    ]);
    expect(settings.sortableAttributes).toEqual(['title_sort', '_geo']);
    expect(settings.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness']);
    expect(settings.faceting).toEqual({ maxValuesPerFacet: 100 });
    expect(settings.pagination).toEqual({ maxTotalHits: 10000 });
  });

  it('maps every synonym to the other words of its groups', () => {
    const synonyms = Object.fromEntries(
      Object.entries(settings.synonyms).map(([w, others]) => [w, [...others].sort()]),
    );
    expect(synonyms).toEqual({
      mappe: ['heft', 'ordner'],
      ordner: ['heft', 'mappe'],
      heft: ['broschuere', 'mappe', 'ordner'],
      broschuere: ['heft'],
      empfang: ['begruessung'],
      begruessung: ['empfang'],
    });
  });

  it('leaves stop words and segmentation to the analyzer and tolerates typos from five letters', () => {
    // The analyzer dropped stop words already; Meilisearch's list would drop stems that equal one ("Seiten" → "seit").
    expect(settings.stopWords).toEqual([]);
    // A German locale would split the analysed terms again ("willkommensmapp" → "wi", "ll", …).
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['*_terms'], locales: ['eng'] }]);
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });
});

describe('meilisearchQueries', () => {
  const qs = (words: string[][][]) => meilisearchQueries(words).map((x) => x.q);

  it('sends the words as read first, then every term of every reading leading once; the last word alone, as a prefix', () => {
    expect(qs([[['a']], [['b'], ['c', 'd']], [['e'], ['f']]])).toEqual([
      'a b e',
      'b e a',
      'c d e a',
      'd c e a',
      'e',
      'f',
    ]);
    expect(qs([[['a'], ['b']]])).toEqual(['a', 'b']);
    expect(qs([[['a', 'b']]])).toEqual(['a b', 'b a']);
    expect(qs([[['a']]])).toEqual(['a']);
    expect(qs([])).toEqual(['']);
  });

  it('weighs each query by its share of the first query’s terms, the first query highest', () => {
    expect(meilisearchQueries([[['a']], [['b']], [['e'], ['f', 'g']]])).toEqual([
      { q: 'a b e', weight: 1 },
      { q: 'b e a', weight: 0.99 },
      { q: 'e', weight: 0.333 },
      { q: 'f g', weight: 0.667 },
      { q: 'g f', weight: 0.667 },
    ]);
  });

  it('keeps Meilisearch’s ten-term window in every query and sends twelve queries at most, the first words leading first', () => {
    const many = Array.from({ length: 14 }, (_, i) => [[`w${i}`], [`x${i}`]]);
    const queries = qs(many);
    expect(queries).toHaveLength(12);
    expect(queries[0]).toBe('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9');
    expect(queries[1]).toBe('x0 w1 w2 w3 w4 w5 w6 w7 w8 w9');
    // Rotated, then cut: the second word leads, the first comes after the rest.
    expect(queries[2]).toBe('w1 w2 w3 w4 w5 w6 w7 w8 w9 w10');
    expect(queries[11]).toBe('x5 w6 w7 w8 w9 w10 w11 w12 w13 w0');
    expect(queries.every((q) => q.split(' ').length <= 10)).toBe(true);
  });
});

describe('buildFilter', () => {
  it('is empty without a filter', () => {
    expect(buildFilter(undefined)).toEqual([]);
    expect(buildFilter({})).toEqual([]);
    expect(buildFilter({ types: [], district: '' })).toEqual([]);
  });

  it('turns every field into a quoted expression', () => {
    const filter: SearchFilter = {
      types: ['PRACTICE', 'MODULE'],
      region: 'RUHR',
      district: '05913',
      kind: 'SERVICE',
      targetGroup: 'REFUGEES',
      fieldOfAction: 'COUNSELLING',
      near: { lat: 50.87, lon: 8.02, radiusKm: 30 },
    };
    expect(buildFilter(filter)).toEqual([
      'type IN ["PRACTICE", "MODULE"]',
      'region = "RUHR"',
      'district = "05913"',
      'kind = "SERVICE"',
      'targetGroups = "REFUGEES"',
      'fieldsOfAction = "COUNSELLING"',
      '_geoRadius(50.87, 8.02, 30000)',
    ]);
  });

  it('writes coordinates without exponents', () => {
    expect(buildFilter({ near: { lat: -0.00000002, lon: 1e-8, radiusKm: 0.0005 } })).toEqual([
      '_geoRadius(-0, 0, 0.5)',
    ]);
    expect(buildFilter({ near: { lat: -90, lon: 180, radiusKm: 1.25 } })).toEqual(['_geoRadius(-90, 180, 1250)']);
  });

  it('keeps a value with quotes or backslashes one quoted value', () => {
    expect(buildFilter({ district: '05970" OR type = "EVENT' })).toEqual([
      String.raw`district = "05970\" OR type = \"EVENT"`,
    ]);
    expect(buildFilter({ kind: 'x\\" OR kind = "MATERIAL' })).toEqual([
      String.raw`kind = "x\\\" OR kind = \"MATERIAL"`,
    ]);
    expect(buildFilter({ targetGroup: 'C:\\' })).toEqual([String.raw`targetGroups = "C:\\"`]);
  });

  it('quotes so that the value reads back unchanged as exactly one string token', () => {
    const oneToken = /^"(?:[^"\\]|\\.)*"$/;
    const unquote = (quoted: string) => quoted.slice(1, -1).replace(/\\(.)/g, '$1');
    for (const value of [
      'plain',
      '"',
      '\\',
      '\\"',
      'a\\\\" OR x = "y',
      "it's",
      '" OR _geoRadius(0, 0, 1) OR "',
      'ü\nß',
    ]) {
      const quoted = quoteFilterValue(value);
      expect(quoted).toMatch(oneToken);
      expect(unquote(quoted)).toBe(value);
    }
  });

  it.each([
    ['latitude beyond 90', { lat: 91, lon: 8, radiusKm: 1 }],
    ['longitude beyond -180', { lat: 50, lon: -181, radiusKm: 1 }],
    ['zero radius', { lat: 50, lon: 8, radiusKm: 0 }],
    ['negative radius', { lat: 50, lon: 8, radiusKm: -5 }],
    ['NaN', { lat: Number.NaN, lon: 8, radiusKm: 1 }],
    ['infinite radius', { lat: 50, lon: 8, radiusKm: Number.POSITIVE_INFINITY }],
  ])('rejects a near filter with %s', (_label, near) => {
    const error = (() => {
      try {
        buildFilter({ near });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toMatchObject({ name: 'BadUserInputError', extensions: { code: 'BAD_USER_INPUT' } });
    expect((error as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['filter.near']);
  });

  it('rejects an unknown type', () => {
    expect(() => buildFilter({ types: ['PRACTICE', 'USER" OR type != "x' as SearchType] })).toThrow(
      expect.objectContaining({
        name: 'BadUserInputError',
        fields: [expect.objectContaining({ field: 'filter.types' })],
      }),
    );
  });
});

describe('document mapping', () => {
  it('encodes ids to Meilisearch’s alphabet and back', () => {
    expect(encodeDocumentId(PRACTICE.id)).toBe('PRACTICE__1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e');
    expect(encodeDocumentId('MUNICIPALITY:05970040')).toBe('MUNICIPALITY__05970040');
    expect(encodeDocumentId('a_b')).toBe('a_5fb');
    for (const id of [PRACTICE.id, 'MUNICIPALITY:05970040', 'EVENT:a_b:c', 'X:_:__:', 'X:ä/ß 😀', '']) {
      const encoded = encodeDocumentId(id);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeDocumentId(encoded)).toBe(id);
    }
    expect(() => decodeDocumentId('PRACTICE_zz')).toThrow();
  });

  it('adds analyzed terms and _geo with lng, keeping the original fields', () => {
    const meili = toMeiliDocument(PRACTICE, analyzer);
    expect(meili).toEqual({
      ...PRACTICE,
      id: 'PRACTICE__1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
      title_terms: 'neubürger empfang im rathaus',
      places_terms: 'testdorf kreis test',
      summary_terms: 'die gemeinde lädt zugezogene ein',
      text_terms: 'musik führung',
      title_sort: 'neubürger-empfang im rathaus',
      _geo: { lat: 51.58, lng: 8.17 },
    });
    expect(toMeiliDocument(MODULE, analyzer)).not.toHaveProperty('_geo');
  });

  it('rebuilds the port’s document from a stored one or a hit', () => {
    expect(fromMeiliDocument(toMeiliDocument(PRACTICE, analyzer))).toEqual(PRACTICE);
    expect(fromMeiliDocument({ ...toMeiliDocument(MODULE, analyzer), _rankingScore: 0.5 })).toEqual(MODULE);
  });
});
