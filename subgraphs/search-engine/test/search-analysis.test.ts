import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { stemmer } from '@orama/stemmers/german';
import { createGermanAnalyzer, defaultAnalyzer } from '../src/analysis.js';

const analyzer = defaultAnalyzer();
const terms = (text: string) => analyzer.terms(text);

const neubuerger = stemmer('neuburger');
const empfang = stemmer('empfang');

/** Terms shorter than any compound part: what a bad split would leave behind ("e", "en"). */
function fragments(text: string): string[] {
  return terms(text).filter((term) => term.length < 3);
}

describe('German analysis: compounds, spellings and synonyms meet', () => {
  it('gives "Neubürgerempfang" in every spelling the same Neubürger and Empfang terms', () => {
    for (const text of [
      'Neubürgerempfang',
      'Neubürger-Empfang',
      'Neubürger Empfang',
      'Neubuerger Empfaenge',
      'NEUBÜRGER–EMPFÄNGE',
    ]) {
      expect(terms(text)).toEqual(expect.arrayContaining([neubuerger, empfang]));
    }
    // Separate words yield exactly these two; the compound adds its own stem first.
    expect(terms('Neubürger Empfang')).toEqual([neubuerger, empfang]);
    expect(terms('Neubürgerempfang')).toEqual([stemmer('neuburgerempfang'), neubuerger, empfang]);
  });

  it('prefers the longest known part: Neubürger, not neu + Bürger', () => {
    expect(terms('Neubürgerempfang')).not.toContain('neu');
    expect(terms('Neubürgerempfänge')).toEqual(expect.arrayContaining([neubuerger, empfang]));
  });

  it('finds Zugezogene under the Neubürger term and drops "für"', () => {
    const result = terms('Empfang für Zugezogene');
    expect(result).toEqual(expect.arrayContaining([empfang, neubuerger]));
    expect(result).not.toContain('fur');
    expect(result).not.toContain('fuer');
    expect(terms('Empfang fuer Zugezogene')).toEqual(result);
    for (const form of [
      'Zugezogene',
      'Zugezogenen',
      'zugezogener',
      'Neuzugezogene',
      'Neubürgerinnen',
      'Neuankömmlinge',
    ]) {
      expect(terms(form)).toContain(neubuerger);
    }
  });

  it('lets Begrüßungsmappe and Willkommensmappe meet, and splits off the Mappe', () => {
    const begruessung = terms('Begrüßungsmappe');
    const willkommen = terms('Willkommensmappe');
    expect(begruessung.filter((term) => willkommen.includes(term))).toContain(stemmer('willkommensmappe'));
    expect(willkommen).toEqual(expect.arrayContaining([stemmer('willkommen'), stemmer('mappe')]));
    expect(begruessung).toEqual(expect.arrayContaining([stemmer('begrussung'), stemmer('mappe')]));
  });

  it('splits only into whole dictionary parts, never into fragments', () => {
    expect(terms('Sporthalle')).toEqual(expect.arrayContaining([stemmer('sport'), stemmer('halle')]));
    expect(fragments('Sporthalle')).toEqual([]);
    expect(terms('Turnhallendach')).toEqual(
      expect.arrayContaining([stemmer('turn'), stemmer('halle'), stemmer('dach')]),
    );
    expect(fragments('Turnhallendach')).toEqual([]);
    // Not a compound of known parts: stays one term.
    expect(terms('Ungewöhnlichen')).toEqual([stemmer('ungewohnlich')]);
    expect(terms('Willkomensmappe')).toEqual([stemmer('willkomensmappe')]);
  });

  it('splits with linking elements and inflected last parts', () => {
    expect(terms('Familienzentren')).toEqual(expect.arrayContaining([stemmer('familie'), stemmer('zentren')]));
    expect(terms('Integrationsbeauftragte')).toEqual(
      expect.arrayContaining([stemmer('integration'), stemmer('beauftragte')]),
    );
    expect(terms('Sprachkurs')).toEqual(expect.arrayContaining([stemmer('sprache'), 'kurs']));
  });

  it('treats ae/oe/ue as umlauts and ß as ss', () => {
    expect(terms('Begruessung')).toEqual(terms('Begrüßung'));
    expect(terms('Strasse')).toEqual(terms('Straße'));
    expect(terms('Oeffnungszeiten')).toEqual(terms('Öffnungszeiten'));
    expect(terms('Ärztin')).toEqual(terms('Aerztin'));
    // Diphthongs and "qu" are no umlauts.
    expect(analyzer.fold('neue Quelle, Bauer')).toBe('neue quelle, bauer');
  });

  it('stems inflected forms onto a shared term', () => {
    expect(terms('Familien')).toEqual(terms('Familie'));
    expect(terms('Fachkräfte')).toEqual(terms('Fachkraft'));
    expect(terms('Kurs')).toEqual(terms('Kurse'));
    expect(terms('Sprachkurs')[0]).toBe(terms('Sprachkurse')[0]);
  });

  it('drops stop words and one-letter words, keeps numbers', () => {
    expect(terms('und der die')).toEqual([]);
    expect(terms('Die Stadt und das Land')).toEqual([stemmer('stadt'), stemmer('land')]);
    expect(terms('a b 1 Ü')).toEqual([]);
    expect(terms('Neubürgerempfang 2024')).toContain('2024');
  });

  it('produces only plain terms of two or more letters and digits', () => {
    const text =
      'Die Stadt Meschede lädt alle Neubürgerinnen und Neubürger herzlich zum Neubürger­empfang ins Rathaus ein! ' +
      'Café, Crème brûlée, Łódź, Øresund, Ærø, naïve – „Willkommens­kultur“ & Fachkräfte­sicherung (2024/25). ' +
      'İstanbul, Straße, Москва, 東京, ﬁnanzierung, Ⅻ, ½, x² — Quick-Check: Selbsteinschätzung für Kommunen.';
    const result = terms(text);
    expect(result.length).toBeGreaterThan(20);
    for (const term of result) expect(term).toMatch(/^[a-z0-9]{2,}$/);
    expect(result).toContain(stemmer('finanzierung'));
    expect(result).toContain(stemmer('cafe'));
  });

  it('repeats terms across the text but not directly', () => {
    expect(terms('Empfang Empfang')).toEqual([empfang]);
    expect(terms('Empfang Rathaus Empfang')).toEqual([empfang, stemmer('rathaus'), empfang]);
  });
});

describe('German analysis: a query word’s readings', () => {
  it('reads a compound as its parts, a word of a synonym group as the group’s term, and both where both apply', () => {
    expect(analyzer.queryWords('Neubürgerempfang')).toEqual([[[neubuerger, empfang]]]);
    expect(analyzer.queryWords('Begrüßungsmappe')).toEqual([[['willkommensmapp'], [stemmer('begruss'), 'mapp']]]);
    expect(analyzer.queryWords('Zugezogene')).toEqual([[[neubuerger]]]);
    expect(analyzer.queryWords('Empfang für Olpe')).toEqual([[[empfang]], [[stemmer('olpe')]]]);
    expect(analyzer.queryWords('für die')).toEqual([]);
  });

  it('never asks for a term that a document holding the word lacks', () => {
    // The readings are ORed by engines without an OR of their own: each must be implied by the word itself.
    const words =
      'Neubürgerempfänge Willkommensmappe Begrüßungsmappe Selbsteinschätzung Willkommenskultur Begrüßungskultur Sprachkurse Zugezogenen Geflüchtete Flüchtlingshilfe Qualitätsstandards Ratsbeschluss Willkommensveranstaltung Nachwuchskräfte Stadtverwaltung Gutscheinheft Familienzentrum Anlaufstelle'.split(
        ' ',
      );
    for (const word of words) {
      const indexed = new Set(terms(word));
      for (const reading of analyzer.queryWords(word).flat())
        expect([word, reading.filter((t) => !indexed.has(t))]).toEqual([word, []]);
    }
  });
});

describe('German analysis: data files', () => {
  it('folds the stop words and contains the common ones, but no domain words', () => {
    const stopWords = analyzer.stopWords();
    expect(stopWords.length).toBeGreaterThanOrEqual(100);
    expect(stopWords).toEqual(
      expect.arrayContaining([
        'der',
        'die',
        'das',
        'und',
        'fur',
        'an',
        'in',
        'im',
        'mit',
        'von',
        'zu',
        'ein',
        'eine',
        'uber',
      ]),
    );
    for (const word of ['neu', 'rund', 'stadt', 'kreis', 'ort', 'tag', 'gut', 'selbst'])
      expect(stopWords).not.toContain(word);
  });

  it('yields each synonym group’s canonical term for every word of the group', () => {
    const groups = analyzer.synonymGroups();
    expect(groups.length).toBeGreaterThanOrEqual(15);
    expect(groups).toContainEqual([
      'neuburger',
      'zugezogene',
      'zugezogener',
      'neuzugezogene',
      'neuzugezogener',
      'neuburgerin',
      'neuburgerinnen',
      'zuzugler',
      'zuzuglerin',
      'neuankommling',
      'neuankommlinge',
    ]);
    for (const group of groups) {
      const [canonical] = terms(group[0]);
      for (const word of group)
        expect({ word, terms: terms(word) }).toEqual({ word, terms: expect.arrayContaining([canonical]) });
    }
  });

  it('leaves every dictionary-listed compound whole when it is itself an entry', () => {
    // "Netzwerk" is listed, so it is not split into Netz + Werk.
    expect(terms('Netzwerk')).toEqual([stemmer('netzwerk')]);
    expect(terms('Netzwerktreffen')).toEqual(expect.arrayContaining([stemmer('netzwerk'), stemmer('treffen')]));
  });

  describe('custom data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-data-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (stopwords: string, synonyms: string, compounds: string) => {
      writeFileSync(join(dir, 'stopwords.txt'), stopwords);
      writeFileSync(join(dir, 'synonyms.txt'), synonyms);
      writeFileSync(join(dir, 'compounds.txt'), compounds);
    };

    it('reads comments, blank lines and folded entries', () => {
      write('# comment\n\nFÜR\r\nund # trailing comment\n', 'Treffpunkt, Anlaufstelle\n', 'treff\npunkt\n');
      const custom = createGermanAnalyzer({ dataDir: dir });
      expect(custom.stopWords()).toEqual(['fur', 'und']);
      expect(custom.synonymGroups()).toEqual([['treffpunkt', 'anlaufstelle']]);
      // Anlaufstelle: its stem and the canonical "treffpunkt"; Treffpunkte: "treffpunkt" (a direct repeat, dropped) and its parts.
      expect(custom.terms('Anlaufstelle für Treffpunkte')).toEqual([
        stemmer('anlaufstelle'),
        'treffpunkt',
        'treff',
        'punkt',
      ]);
    });

    it('rejects entries that are not single words, naming file and line', () => {
      write('und\n', 'welcome center, willkommenszentrum\n', '');
      expect(() => createGermanAnalyzer({ dataDir: dir })).toThrow(
        'search-data/synonyms.txt, line 1: "welcome center" is not a single word',
      );
      write('und\n', 'a, b\nc, a\n', '');
      expect(() => createGermanAnalyzer({ dataDir: dir })).toThrow(/line 2: "a" is already in the group on line 1/);
    });
  });
});

describe('German analysis: speed', () => {
  it('analyses a 2 000-character text quickly (printed, not asserted)', () => {
    const sentence =
      'Die Stadt lädt Neubürgerinnen und Neubürger zum Neubürgerempfang in die Sporthalle ein; Zugezogene erhalten eine Willkommensmappe, ' +
      'Fachkräfte und Geflüchtete finden Beratung im Integrationszentrum. ';
    const text = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);
    const fresh = createGermanAnalyzer();
    let started = performance.now();
    fresh.terms(text); // fills the word cache, as a running hub's would be
    console.log(
      `terms() on ${text.length} characters, first run (empty word cache): ${((performance.now() - started) * 1000).toFixed(0)} µs`,
    );
    const runs = 1000;
    started = performance.now();
    for (let i = 0; i < runs; i++) fresh.terms(text);
    const perRun = (performance.now() - started) / runs;
    console.log(
      `terms() on ${text.length} characters, warm: ${(perRun * 1000).toFixed(0)} µs per run (mean of ${runs})`,
    );
    expect(fresh.terms(text).length).toBeGreaterThan(100);
  });
});
