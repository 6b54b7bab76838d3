import { describe, expect, it } from '@jest/globals';
import { describe as describeChart, renderSvg, wrap } from '../embed/chart.js';
import { readChart, valueAt, DataError } from '../embed/data.js';
import { escapeHtml, formatDate, formatValue } from '../embed/format.js';
import { renderSource, renderState, renderTable, renderTableBlock } from '../embed/markup.js';
import { PRESETS, SpecError, specFromAttributes, type ChartSpec } from '../embed/spec.js';

// The embed's pure parts: attributes → spec, answer → chart data, chart data → SVG and
// table markup, German formats. The element itself runs in Chromium (embed.browser.test.ts).

const spec = (attributes: Record<string, string>): ChartSpec => specFromAttributes((name) => attributes[name] ?? null);

const participation = {
  participationStatistics: {
    byDistrict: [
      { district: { code: '05966', name: 'Kreis Olpe' }, municipalities: 7, declared: 6, active: 5 },
      { district: { code: '05113', name: 'Essen (kreisfreie Stadt)' }, municipalities: 1, declared: 1, active: 1234 },
      { district: { code: '05970', name: 'Kreis Siegen-Wittgenstein' }, municipalities: 11, declared: 0, active: 0 },
    ],
  },
};

const quickCheck = {
  assessmentSummaries: [
    {
      district: { code: '05966', name: 'Kreis Olpe' },
      region: 'SUEDWESTFALEN',
      summary: { contributingMunicipalities: 4, overall: { percent: 72.46, average: 2.9, answered: 40 } },
    },
    { district: { code: '05970', name: 'Kreis Siegen-Wittgenstein' }, region: 'SUEDWESTFALEN', summary: null },
  ],
};

const adoption = {
  moduleAdoptionStatistics: {
    byDistrict: [
      { district: { code: '05966', name: 'Kreis Olpe' }, status: 'IN_USE', adoptions: 3, municipalities: 2 },
      { district: { code: '05966', name: 'Kreis Olpe' }, status: 'PLANNED', adoptions: 1, municipalities: 1 },
      {
        district: { code: '05970', name: 'Kreis Siegen-Wittgenstein' },
        status: 'RETIRED',
        adoptions: 2,
        municipalities: 2,
      },
    ],
  },
};

/** The texts of an SVG's <text> elements, unescaped enough for assertions. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the embed: attributes', () => {
  it('reads a preset, and lets attributes override it', () => {
    const preset = spec({ chart: 'events-per-year', type: 'line', heading: 'Im Zeitverlauf' });
    expect(preset).toMatchObject({
      operation: 'EventsPerYear',
      rows: 'eventStatistics.byPeriod',
      label: 'period',
      type: 'line',
      heading: 'Im Zeitverlauf',
    });
    expect(preset.values).toEqual([{ path: 'events', name: 'Veranstaltungen' }]);
  });

  it('reads generic attributes: document, variables, paths, names, "data." prefix', () => {
    const generic = spec({
      operation: 'Municipalities',
      variables: '{"filter":{"district":"05966"}}',
      rows: 'data.municipalities.edges',
      label: 'node.name',
      value: 'node.population, node.area',
      'value-label': 'Einwohner | Fläche, km²',
      format: 'percent',
      licence: 'dl-de/by-2-0',
    });
    expect(generic).toMatchObject({
      operation: 'Municipalities',
      variables: { filter: { district: '05966' } },
      rows: 'municipalities.edges',
      format: 'percent',
      type: 'bar',
    });
    expect(generic.values).toEqual([
      { path: 'node.population', name: 'Einwohner' },
      { path: 'node.area', name: 'Fläche, km²' },
    ]);
  });

  it('refuses an unknown preset or type, bad variables and missing paths', () => {
    expect(() => spec({ chart: 'nope' })).toThrow(SpecError);
    expect(() => spec({ chart: 'events-per-year', type: 'pie' })).toThrow('Unknown chart type "pie"');
    expect(() => spec({ chart: 'events-per-year', variables: '{x' })).toThrow('not JSON');
    expect(() => spec({ operation: 'X' })).toThrow('Missing attributes: rows, label, value.');
  });

  it('names every preset by its fixed operation', () => {
    expect(Object.fromEntries(Object.entries(PRESETS).map(([name, p]) => [name, p.operation]))).toEqual({
      'participation-by-district': 'ParticipationByDistrict',
      'most-reused-practices': 'MostReusedPractices',
      'events-per-year': 'EventsPerYear',
      'module-adoption-by-district': 'ModuleAdoptionByDistrict',
      'quick-check-by-district': 'QuickCheckByDistrict',
    });
  });
});

describe('the embed: reading an answer', () => {
  it('reads labels, values and details by path', () => {
    const chart = readChart(participation, spec({ chart: 'participation-by-district' }));
    expect(chart.labels).toEqual(['Kreis Olpe', 'Essen (kreisfreie Stadt)', 'Kreis Siegen-Wittgenstein']);
    expect(chart.series).toEqual([{ name: 'aktive Teilnahmen', values: [5, 1234, 0] }]);
    expect(chart.details.map((d) => d.name)).toEqual(['Kommunen', 'erklärte Teilnahmen']);
    expect(valueAt({ a: { b: null } }, 'a.b.c')).toBeUndefined();
  });

  it('keeps a missing summary as null, never zero', () => {
    const chart = readChart(quickCheck, spec({ chart: 'quick-check-by-district' }));
    expect(chart.series[0].values).toEqual([72.46, null]);
  });

  it('pivots rows by status into one series per status, in the enum order, zero where none', () => {
    const chart = readChart(adoption, spec({ chart: 'module-adoption-by-district' }));
    expect(chart.labels).toEqual(['Kreis Olpe', 'Kreis Siegen-Wittgenstein']);
    expect(chart.series).toEqual([
      { name: 'geplant', values: [1, 0] },
      { name: 'im Einsatz', values: [3, 0] },
      { name: 'beendet', values: [0, 2] },
    ]);
  });

  it('fails on an answer without the list', () => {
    expect(() => readChart({ participationStatistics: null }, spec({ chart: 'participation-by-district' }))).toThrow(
      DataError,
    );
  });
});

describe('the embed: German formats and escaping', () => {
  it('formats numbers, percentages and dates in German', () => {
    expect(formatValue(1234567, 'number')).toBe('1.234.567');
    expect(formatValue(12.25, 'number')).toBe('12,3');
    expect(formatValue(72.46, 'percent')).toBe('72,5\u00a0%');
    expect(formatDate(new Date('2026-03-03T10:00:00Z'))).toBe('3. März 2026');
  });

  it('escapes markup', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
  });

  it('wraps long labels by words and shortens the last line', () => {
    const chars = (text: string) => text.length;
    expect(wrap('Neubürger-Empfänge an ungewöhnlichen Orten', 20, chars)).toEqual([
      'Neubürger-Empfänge',
      'an ungewöhnlichen',
      'Orten',
    ]);
    expect(wrap('eins zwei drei vier fünf sechs', 10, chars, 2)).toEqual(['eins zwei', 'drei vier…']);
    expect(wrap('Donaudampfschifffahrtsgesellschaft', 10, chars)).toEqual(['Donaudamp…']);
  });
});

describe('the embed: chart markup', () => {
  const ids = { title: 't', desc: 'd' };

  it('draws an image named by its title and described in words, a bar and a printed value per row', () => {
    const s = spec({ chart: 'participation-by-district' });
    const chart = readChart(participation, s);
    const svg = renderSvg(chart, s, { width: 320, fontSize: 16 }, ids);
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="t" aria-describedby="d"/);
    expect(svg).toContain('<title id="t">Aktive Teilnahmen nach Kreis</title>');
    expect(svg).toContain(
      'Höchster Wert: Essen (kreisfreie Stadt) mit 1.234; niedrigster: Kreis Siegen-Wittgenstein mit 0.',
    );
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2); // zero draws no bar, but prints its value
    expect(texts(svg)).toEqual(expect.arrayContaining(['Kreis Olpe', '5', '1.234', '0']));
    expect(svg).not.toContain('style=');
    // Everything stays within the width it was given.
    for (const m of svg.matchAll(/<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g))
      expect(Number(m[1]) + Number(m[2])).toBeLessThanOrEqual(320);
  });

  it('shows "zu wenige Angaben" instead of a bar for a missing value', () => {
    const s = spec({ chart: 'quick-check-by-district' });
    const chart = readChart(quickCheck, s);
    const svg = renderSvg(chart, s, { width: 600, fontSize: 16 }, ids);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(1);
    expect(texts(svg)).toEqual(expect.arrayContaining(['72,5\u00a0%', 'zu wenige Angaben']));
    expect(describeChart(chart, s)).toContain('1 Eintrag ohne Wert (zu wenige Angaben).');
    expect(renderTable(chart, s)).toContain('<td class="none">zu wenige Angaben</td>');
  });

  it('stacks the statuses, prints each part and the total, with a legend-free breakdown line', () => {
    const s = spec({ chart: 'module-adoption-by-district' });
    const chart = readChart(adoption, s);
    const svg = renderSvg(chart, s, { width: 600, fontSize: 16 }, ids);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['4', 'geplant 1 · im Einsatz 3 · beendet 0']));
    expect(describeChart(chart, s)).toMatch(
      /^Gestapeltes Balkendiagramm: geplant, im Einsatz, beendet je Kreis, 2 Einträge\. Höchste Summe: Kreis Olpe mit 4/,
    );
    expect(renderTable(chart, s)).toContain('<th scope="col" class="num">insgesamt</th>');
  });

  it('draws columns over years when they fit, and falls back to bars when they do not', () => {
    const s = spec({ chart: 'events-per-year' });
    const years = {
      eventStatistics: {
        byPeriod: [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((period, i) => ({
          period: String(period),
          events: 10 + i * 1000,
          registrations: 5,
          registeredParticipants: 9,
          reportedParticipants: null,
        })),
      },
    };
    const chart = readChart(years, s);
    const wide = renderSvg(chart, s, { width: 640, fontSize: 16 }, ids);
    expect(wide.match(/<rect class="column"/g)).toHaveLength(8);
    expect(wide).toContain('Säulendiagramm');
    const narrow = renderSvg(chart, s, { width: 288, fontSize: 16 }, ids);
    expect(narrow.match(/<rect class="bar"/g)).toHaveLength(8);
    expect(narrow).toContain('Balkendiagramm');
    const line = renderSvg(chart, { ...s, type: 'line' }, { width: 640, fontSize: 16 }, ids);
    expect(line).toContain('<polyline class="line"');
    expect(texts(line)).toEqual(expect.arrayContaining(['2018', '7.010']));
  });

  it('draws several values per row as grouped bars, each named beside its value', () => {
    const s = spec({
      operation: 'X',
      rows: 'rows',
      label: 'name',
      value: 'a,b',
      'value-label': 'Anmeldungen|Teilnahmen',
    });
    const chart = readChart({ rows: [{ name: 'Olpe', a: 3, b: null }] }, s);
    const svg = renderSvg(chart, s, { width: 400, fontSize: 16 }, ids);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(1);
    expect(texts(svg)).toEqual(['Olpe', 'Anmeldungen: 3', 'Teilnahmen: keine Angabe']);
  });

  it('escapes texts from the answer', () => {
    const s = spec({ chart: 'most-reused-practices' });
    const chart = readChart(
      {
        practiceRanking: [
          {
            rank: 1,
            adaptations: 2,
            interestedMunicipalities: 0,
            practice: { slug: 'x', title: '<script>', municipality: { name: 'A & B' } },
          },
        ],
      },
      s,
    );
    expect(renderSvg(chart, s, { width: 400, fontSize: 16 }, ids)).toContain('&lt;script&gt;');
    expect(renderTable(chart, s)).toContain(
      '<th scope="row">&lt;script&gt;</th><td class="num">2</td><td>A &amp; B</td><td class="num">0</td>',
    );
  });
});

describe('the embed: table, source and states', () => {
  it('is a table with a caption and column and row headers, behind a disclosure unless open', () => {
    const s = spec({ chart: 'participation-by-district' });
    const chart = readChart(participation, s);
    const table = renderTable(chart, s);
    expect(table).toMatch(
      /^<table><caption>Aktive Teilnahmen nach Kreis<\/caption><thead><tr><th scope="col">Kreis<\/th><th scope="col" class="num">aktive Teilnahmen<\/th>/,
    );
    expect(table).toContain('<tr><th scope="row">Essen (kreisfreie Stadt)</th><td class="num">1.234</td>');
    expect(renderTableBlock(chart, s, false)).toMatch(
      /^<details><summary>Tabelle anzeigen<\/summary><div class="scroll" tabindex="0"/,
    );
    expect(renderTableBlock(chart, s, true)).toMatch(/^<details open>/);
    expect(renderTableBlock(chart, { ...s, type: 'table' }, false)).toMatch(/^<div class="scroll"/);
  });

  it("names the hub and the fetch date, and official statistics' source and licence", () => {
    const at = new Date('2026-03-03T10:00:00Z');
    expect(renderSource(spec({ chart: 'participation-by-district' }), at, 'https://hub.example')).toBe(
      '<p class="source">Quelle: <a href="https://hub.example/">Welcome Hub</a>, abgerufen am 3. März 2026.</p>',
    );
    const official = renderSource(
      spec({ chart: 'participation-by-district', licence: 'dl-de/by-2-0' }),
      at,
      'https://hub.example',
    );
    expect(official).toContain(
      'Quelle: Statistisches Bundesamt (Destatis); Lizenz: <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)</a>',
    );
    expect(official).toContain('abgerufen am 3. März 2026');
  });

  it('says in German that it loads, failed or has nothing to show', () => {
    expect(renderState('loading')).toContain('Die Daten werden geladen');
    expect(renderState('error')).toContain('Die Daten konnten nicht geladen werden.');
    expect(renderState('error')).toContain('<button type="button" class="retry">Erneut versuchen</button>');
    expect(renderState('empty')).toContain('role="status"');
  });
});
