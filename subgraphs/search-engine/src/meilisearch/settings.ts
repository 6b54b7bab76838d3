import type { Settings } from 'meilisearch';
import type { TextAnalyzer } from '../port.js';

/**
 * Meilisearch wants synonyms as "word → every other word of its group"; a word in several
 * groups gets all of them.
 */
function synonymMap(groups: string[][]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const words = [...new Set(group)];
    for (const word of words) {
      const others = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) others.add(other);
      map.set(word, others);
    }
  }
  return Object.fromEntries(
    [...map].filter(([, others]) => others.size > 0).map(([word, others]) => [word, [...others]]),
  );
}

/**
 * The synonym groups as stems: the `*_terms` fields hold stems, so the synonyms must be
 * stems too (the analyzer also adds each group's canonical term itself; this keeps
 * Meilisearch's own matching in line).
 */
function stemmedSynonymGroups(analyzer: TextAnalyzer): string[][] {
  return analyzer
    .synonymGroups()
    .map((group) => [...new Set(group.map((word) => analyzer.terms(word)[0]).filter((t): t is string => !!t))])
    .filter((g) => g.length > 1);
}

/**
 * The index settings. Searchable attributes are the analyzed `*_terms` in priority order
 * (the attribute ranking rule weighs earlier ones higher); ranking rules are Meilisearch's
 * defaults. Typos start at five letters so short German words and codes stay exact.
 */
export function meilisearchSettings(analyzer: TextAnalyzer) {
  return {
    searchableAttributes: ['title_terms', 'places_terms', 'summary_terms', 'text_terms'],
    displayedAttributes: ['*'],
    filterableAttributes: ['type', 'region', 'district', 'targetGroups', 'fieldsOfAction', 'kind', '_geo'],
    // Titles sort folded ("Bönen" as "bonen"), as German readers and the embedded engine's collator order them.
    sortableAttributes: ['title_sort', '_geo'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: synonymMap(stemmedSynonymGroups(analyzer)),
    // None: the analyzer drops stop words before Meilisearch sees a word, and some of its
    // stems are stop words themselves ("Seiten" → "seit", "Waren" → "war"), which
    // Meilisearch would then neither index nor search.
    stopWords: [],
    // The *_terms fields hold the hub's analysed terms, separated by spaces. A German
    // locale would make Meilisearch segment them again into fragments ("wi", "ll", "ko"
    // of "willkommensmapp"), and without a locale it guesses one per document; English
    // tokenizes Latin text by separators only, which is what analysed terms need.
    localizedAttributes: [{ attributePatterns: ['*_terms'], locales: ['eng'] }],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  } satisfies Settings;
}
