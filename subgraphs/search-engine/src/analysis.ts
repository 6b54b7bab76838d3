import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer as snowballStemmer } from '@orama/stemmers/german';
import type { QueryWord, TextAnalyzer } from './port.js';

/**
 * German text analysis for the hub's search, independent of the engine: the same
 * `terms()` run when a document is indexed and when a query comes in, so both sides
 * meet on identical terms whichever engine stores them.
 *
 * Pipeline per text: NFKC + lower case → fold (umlauts, ß, diacritics, typed "ue") →
 * words of letters and digits → drop stop words and one-letter words → per word: its
 * Snowball stem, the stems of its compound parts, the canonical term of its synonym group.
 *
 * The word lists live in plain text files (`search-data/`) so that people who know the
 * domain, not the code, can maintain them.
 */

/** Options of {@link createGermanAnalyzer}. */
export interface GermanAnalyzerOptions {
  /** Directory holding stopwords.txt, synonyms.txt and compounds.txt; defaults to the package's `search-data/`. */
  dataDir?: string;
}

/** Shortest term worth indexing: one letter matches everything and means nothing. */
const MIN_TERM_LENGTH = 2;
/** Shortest compound part: shorter "parts" are almost always accidental ("e", "en"). */
const MIN_PART_LENGTH = 3;
/** Longer tokens (URLs, codes, garbage) are not worth the quadratic split search. */
const MAX_COMPOUND_LENGTH = 60;
/** Per-word results kept; the vocabulary of the hub is far smaller, so this rarely evicts. */
const WORD_CACHE_LIMIT = 50_000;

/** German linking elements (Fugenelemente) between compound parts: Willkommen-s-mappe, Familie-n-zentrum. */
const LINKING_ELEMENTS = ['', 's', 'es', 'n', 'en', 'e', 'er'] as const;
/** Inflection endings the last compound part may carry: Neubürger-empfäng-e. */
const INFLECTION_ENDINGS = ['ern', 'en', 'er', 'es', 'e', 'n', 's'] as const;
/**
 * Tie-breaking cost of a part recognised only through its stem (e.g. "sprach" for "Sprache",
 * "planung" for "Plan"): weaker evidence than the exact form, so exact readings win a tie.
 */
const STEM_MATCH_COST = 2;

// ——— Folding ————————————————————————————————————————————————————————————————

/**
 * Invisible characters that editors leave inside words (soft hyphen, zero-width joiners,
 * BOM): removed, not split on.
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Combining marks, left over after NFD: "é" → "e" + U+0301. */
const COMBINING_MARKS = /\p{M}/gu;
/** Letters that NFD does not decompose. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTER = /[ßæœøłđðþı]/g;
/**
 * "ae", "oe", "ue" as people type "ä", "ö", "ü" without a German keyboard. Not after a
 * vowel or "q": there the letters are a diphthong or "qu" ("neue", "Bauer", "Quelle"),
 * never an umlaut, and folding them would only blur real words.
 */
const UMLAUT_DIGRAPH = /(?<![aeiouq])([aou])e/g;
/** A word after folding. Anything else (punctuation, hyphens, other scripts) separates words. */
const WORD = /[a-z0-9]+/g;
const SINGLE_WORD = /^[a-z0-9]+$/;
const HAS_DIGIT = /[0-9]/;

/** Lower-cases and folds a text; characters other than letters keep their place. */
function foldText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(INVISIBLE, '')
      .replace(SPECIAL_LETTER, (letter) => SPECIAL_LETTERS[letter] ?? letter)
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      // Recompose what NFD split without marks (Hangul syllables), so fold() output stays readable.
      .normalize('NFC')
      .replace(UMLAUT_DIGRAPH, '$1')
  );
}

// ——— Stemming ———————————————————————————————————————————————————————————————

type Stem = (word: string) => string;

/**
 * The German Snowball stemmer, with one correction: Snowball takes a final "s" after
 * b, d, f, g, h, k, l, m, n, r, t for a genitive/plural ending, so "Kurs" stems to "kur"
 * while "Kurse" stems to "kurs", and "Sprachkurs" never meets "Sprachkurse". For words
 * ending in a dictionary entry of that shape (`keepFinalS`, e.g. "kurs") the "s" stays.
 * Words with digits are left as they are.
 */
function createStem(keepFinalS: readonly string[]): Stem {
  return (word) => {
    if (HAS_DIGIT.test(word)) return word;
    const stem = snowballStemmer(word);
    if (`${stem}s` === word && keepFinalS.some((entry) => word.endsWith(entry))) return word;
    return stem;
  };
}

// ——— Compound splitting ————————————————————————————————————————————————————

interface Segmentation {
  readonly parts: readonly string[];
  /** Letters not covered by exact dictionary forms (links, endings, stem matches): the tie-breaker. */
  readonly cost: number;
}

function isBetter(candidate: Segmentation, current: Segmentation | null): boolean {
  if (!current) return true;
  if (candidate.parts.length !== current.parts.length) return candidate.parts.length < current.parts.length;
  return candidate.cost < current.cost;
}

/**
 * Splits German compounds into the parts of a domain dictionary. A word is split only
 * when it can be covered entirely by dictionary parts (with linking elements between
 * them and an inflected last part), so it never yields stray fragments; among the
 * possible readings the one with the fewest parts wins ("neubürger" + "empfang", not
 * "neu" + "bürger" + "empfang"), then the one closest to the dictionary's exact forms,
 * then the one with the longer first part.
 */
class CompoundSplitter {
  /** Stems of the entries, to accept forms the entries do not spell out: "sprach" (Sprache), "planung" (Plan). */
  private readonly entryStems: Set<string>;

  constructor(
    private readonly entries: ReadonlySet<string>,
    private readonly stem: Stem,
  ) {
    // Short stems ("elt" of "Eltern", "for" of "Foren") would match too much; entries of
    // that length are matched exactly anyway.
    this.entryStems = new Set([...entries].map(stem).filter((s) => s.length > MIN_PART_LENGTH));
  }

  /** The parts of a folded word, in order, or [] when it is no compound of known parts. */
  split(word: string): string[] {
    const n = word.length;
    if (n < 2 * MIN_PART_LENGTH || n > MAX_COMPOUND_LENGTH) return [];
    // best[i]: the best segmentation of word[i..n), filled from the end (dynamic programming).
    const best: (Segmentation | null)[] = new Array<Segmentation | null>(n + 1).fill(null);
    for (let i = n - MIN_PART_LENGTH; i >= 0; i--) {
      const tail = word.slice(i);
      const tailCost = this.lastPartCost(tail);
      if (tailCost !== null) {
        // One part is as few as it gets.
        best[i] = { parts: [tail], cost: tailCost };
        continue;
      }
      let found: Segmentation | null = null;
      // Longest first part first, so that it wins ties.
      for (let end = n - MIN_PART_LENGTH; end >= i + MIN_PART_LENGTH; end--) {
        const part = word.slice(i, end);
        const partCost = this.innerPartCost(part);
        if (partCost === null) continue;
        for (const link of LINKING_ELEMENTS) {
          const next = end + link.length;
          if (next > n - MIN_PART_LENGTH || (link && !word.startsWith(link, end))) continue;
          const rest = best[next];
          if (!rest) continue;
          const candidate = { parts: [part, ...rest.parts], cost: partCost + link.length + rest.cost };
          if (isBetter(candidate, found)) found = candidate;
        }
      }
      best[i] = found;
    }
    const whole = best[0];
    // A single part means the word itself is an entry: nothing to split.
    return whole && whole.parts.length > 1 ? [...whole.parts] : [];
  }

  /** A part followed by another: its exact form, or a stem such as "sprach" in "Sprachkurs". */
  private innerPartCost(part: string): number | null {
    if (this.entries.has(part)) return 0;
    return this.entryStems.has(part) ? STEM_MATCH_COST : null;
  }

  /** The last part: exact, with an inflection ending ("empfänge"), or by its stem. */
  private lastPartCost(part: string): number | null {
    if (this.entries.has(part)) return 0;
    for (const ending of INFLECTION_ENDINGS) {
      if (
        part.length - ending.length >= MIN_PART_LENGTH &&
        part.endsWith(ending) &&
        this.entries.has(part.slice(0, -ending.length))
      ) {
        return ending.length;
      }
    }
    return this.entryStems.has(this.stem(part)) ? STEM_MATCH_COST : null;
  }
}

// ——— Data files ——————————————————————————————————————————————————————————————

interface DataLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** The entries of a data file: `#` starts a comment, blank lines are skipped. */
function readDataFile(dataDir: string, file: string): DataLine[] {
  const content = readFileSync(join(dataDir, file), 'utf8');
  return content.split(/\r?\n/).flatMap((raw, index) => {
    const text = raw.replace(/#.*/, '').trim();
    return text ? [{ file, line: index + 1, text }] : [];
  });
}

/** Folds one entry of a data file; an entry that is not one word is an editing mistake worth stopping for. */
function foldWord(entry: DataLine, text: string): string {
  const folded = foldText(text).trim();
  if (!SINGLE_WORD.test(folded)) {
    throw new Error(
      `search-data/${entry.file}, line ${entry.line}: "${text}" is not a single word ` +
        '(letters and digits only, no spaces or hyphens).',
    );
  }
  return folded;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

// ——— The analyzer ————————————————————————————————————————————————————————————

class GermanAnalyzer implements TextAnalyzer {
  private readonly stopWordSet: ReadonlySet<string>;
  private readonly stem: Stem;
  private readonly splitter: CompoundSplitter;
  /** Folded word or its stem → the canonical term (stem of the group's first word). */
  private readonly canonicalTerm = new Map<string, string>();
  /** Folded word → its terms. Insertion-ordered, so the oldest entry is evicted first. */
  private readonly wordCache = new Map<string, readonly string[]>();

  constructor(
    private readonly stopWordList: readonly string[],
    private readonly groups: readonly (readonly string[])[],
    compoundEntries: ReadonlySet<string>,
  ) {
    this.stopWordSet = new Set(stopWordList);
    this.stem = createStem([...compoundEntries].filter((entry) => `${snowballStemmer(entry)}s` === entry));
    this.splitter = new CompoundSplitter(compoundEntries, this.stem);
    for (const group of groups) {
      const canonical = this.stem(group[0]);
      for (const word of group) {
        // The first group claiming a stem keeps it: a word belongs to one group only.
        for (const key of [word, this.stem(word)])
          if (!this.canonicalTerm.has(key)) this.canonicalTerm.set(key, canonical);
      }
    }
  }

  terms(text: string): string[] {
    const terms: string[] = [];
    for (const word of foldText(text).match(WORD) ?? []) {
      if (word.length < MIN_TERM_LENGTH || this.stopWordSet.has(word)) continue;
      for (const term of this.wordTerms(word)) {
        // Repetition across the text is kept (it is term frequency); only direct repeats go.
        if (terms[terms.length - 1] !== term) terms.push(term);
      }
    }
    return terms;
  }

  queryWords(text: string): QueryWord[] {
    const words: QueryWord[] = [];
    for (const word of foldText(text).match(WORD) ?? []) {
      if (word.length < MIN_TERM_LENGTH || this.stopWordSet.has(word)) continue;
      words.push(this.readings(word));
    }
    return words;
  }

  fold(text: string): string {
    return foldText(text);
  }

  synonymGroups(): string[][] {
    return this.groups.map((group) => [...group]);
  }

  stopWords(): string[] {
    return [...this.stopWordList];
  }

  /**
   * The readings of one folded word, each the most general terms that stand for it (see
   * TextAnalyzer.queryWords): a synonym group's term covers every word of the group, the
   * parts of a compound cover the compound. They rest on what `wordTerms` indexes: a
   * document holding a word holds its group's term and its parts (or their group's terms).
   */
  private readings(word: string): QueryWord {
    const stem = this.stem(word);
    const group = (w: string, s: string) => this.canonicalTerm.get(w) ?? this.canonicalTerm.get(s);
    const canonical = group(word, stem);
    const parts = HAS_DIGIT.test(word) ? [] : this.splitter.split(word);
    const partTerms = unique(parts.map((part) => group(part, this.stem(part)) ?? this.stem(part))).filter(
      (t) => t.length >= MIN_TERM_LENGTH,
    );
    // A word of a synonym group also matches through the group's term (documents holding
    // another word of the group); a compound without a group is covered by its parts alone.
    if (canonical) return partTerms.length > 0 ? [[canonical], partTerms] : [[canonical]];
    return partTerms.length > 0 ? [partTerms] : [[stem]];
  }

  /** Stem, compound part stems and synonym canonicals of one folded word, each once. */
  private wordTerms(word: string): readonly string[] {
    const cached = this.wordCache.get(word);
    if (cached) return cached;

    const terms: string[] = [];
    const add = (term: string | undefined) => {
      if (term && term.length >= MIN_TERM_LENGTH && !terms.includes(term)) terms.push(term);
    };
    const stem = this.stem(word);
    add(stem);
    const parts = HAS_DIGIT.test(word) ? [] : this.splitter.split(word);
    const partStems = parts.map(this.stem);
    partStems.forEach(add);
    for (const candidate of [word, stem, ...parts, ...partStems]) add(this.canonicalTerm.get(candidate));

    if (this.wordCache.size >= WORD_CACHE_LIMIT) {
      const oldest = this.wordCache.keys().next();
      if (!oldest.done) this.wordCache.delete(oldest.value);
    }
    this.wordCache.set(word, terms);
    return terms;
  }
}

/**
 * A German analyzer over the word lists in `dataDir` (stopwords.txt, synonyms.txt,
 * compounds.txt), read once, synchronously. Throws when a file is missing or an entry
 * is not a single word, or when a word appears in two synonym groups.
 */
export function createGermanAnalyzer(options: GermanAnalyzerOptions = {}): TextAnalyzer {
  // Resolves to subgraphs/search-engine/search-data/ from src/ and from dist/ alike.
  const dataDir = options.dataDir ?? fileURLToPath(new URL('../search-data/', import.meta.url));

  const stopWords = unique(readDataFile(dataDir, 'stopwords.txt').map((entry) => foldWord(entry, entry.text)));

  const groupOf = new Map<string, DataLine>();
  const groups: string[][] = [];
  for (const entry of readDataFile(dataDir, 'synonyms.txt')) {
    const words = unique(
      entry.text
        .split(',')
        .map((word) => word.trim())
        .filter(Boolean)
        .map((word) => foldWord(entry, word)),
    );
    for (const word of words) {
      const earlier = groupOf.get(word);
      if (earlier)
        throw new Error(
          `search-data/synonyms.txt, line ${entry.line}: "${word}" is already in the group on line ${earlier.line}; ` +
            'a word belongs to one group only.',
        );
      groupOf.set(word, entry);
    }
    // A group of one word has nothing to map.
    if (words.length > 1) groups.push(words);
  }

  const compoundEntries = new Set(
    readDataFile(dataDir, 'compounds.txt')
      .map((entry) => foldWord(entry, entry.text))
      .filter((word) => word.length >= MIN_PART_LENGTH),
  );

  return new GermanAnalyzer(stopWords, groups, compoundEntries);
}

let sharedAnalyzer: TextAnalyzer | undefined;

/** The analyzer over the shipped word lists, created on first use and shared (its word cache too). */
export function defaultAnalyzer(): TextAnalyzer {
  sharedAnalyzer ??= createGermanAnalyzer();
  return sharedAnalyzer;
}
