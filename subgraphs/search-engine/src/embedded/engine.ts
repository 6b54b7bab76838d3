import type { SearchDocument, SearchType } from '@welcome-hub/kit';
import type { SearchEngine, SearchRequest, SearchResultPage, TextAnalyzer } from '../port.js';
import { facetCounter } from './facets.js';
import { compileFilter } from './filter.js';
import { InvertedIndex } from './inverted-index.js';
import { TopK, popcount } from './top-k.js';

/** BM25's parameters, the textbook ones. */
const K1 = 1.2;
const B = 0.75;
/** Terms reached through a typo or as a completion count less than the typed term itself. */
const TYPO_WEIGHT = 0.6;
const PREFIX_WEIGHT = 0.8;
/** A match's rank: the number of query words it holds, times this, plus BM25 (which stays far below it). */
const WORDS_WEIGHT = 2 ** 20;

/** A query term, its weight, and the word ("group") of the query it stands for. */
interface WeightedTerm {
  term: string;
  weight: number;
  group: number;
}

/**
 * The embedded engine: an inverted index in this process over the hub's German terms,
 * ranked by BM25 over field-weighted term frequencies, with typo and prefix expansion
 * against the indexed vocabulary. It holds the index in memory; the embedded mode
 * rebuilds it from the databases on start.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private readonly index: InvertedIndex;

  constructor(private readonly analyzer: TextAnalyzer) {
    this.index = new InvertedIndex(analyzer);
  }

  async applySettings(): Promise<void> {
    // The analysis and weights are the settings; nothing to apply.
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.index.upsert(documents);
  }

  async delete(ids: string[]): Promise<void> {
    this.index.delete(ids);
  }

  async deleteByType(types: SearchType[]): Promise<void> {
    this.index.delete(this.index.idsOf((doc) => types.includes(doc.type)));
  }

  async ids(type: SearchType): Promise<string[]> {
    return this.index.idsOf((doc) => doc.type === type);
  }

  async search(request: SearchRequest): Promise<SearchResultPage> {
    return request.query.trim() === '' ? this.listByTitle(request) : this.rank(request);
  }

  async get(id: string): Promise<SearchDocument | null> {
    const slot = this.index.byId.get(id);
    return slot === undefined ? null : this.index.slots[slot].doc;
  }

  async count(): Promise<number> {
    return this.index.liveCount;
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  /** A query without words: everything the filter allows, by title. */
  private listByTitle(request: SearchRequest): SearchResultPage {
    const counter = facetCounter(this.index);
    const accepts = compileFilter(this.index, request.filter);
    const page: number[] = [];
    for (const slot of this.index.orderByTitle()) {
      if (accepts && !accepts(slot)) continue;
      counter.count(slot);
      if (counter.total() > request.offset && page.length < request.limit) page.push(slot);
    }
    const hits = page.map((slot) => ({ document: this.index.slots[slot].doc, score: 1 }));
    return { totalCount: counter.total(), hits, facets: counter.facets() };
  }

  /** A query with words: the matches ranked by the words they hold, then by BM25. */
  private rank(request: SearchRequest): SearchResultPage {
    const index = this.index;
    const weighted = this.expand(this.analyzer.terms(request.query));
    const { scores, matched, touched } = this.score(weighted);
    const groups = new Set(weighted.map((w) => w.group)).size || 1;
    const counter = facetCounter(index);
    const top = new TopK(request.offset + request.limit);
    const accepts = compileFilter(index, request.filter);
    for (const slot of touched) {
      if (accepts && !accepts(slot)) continue;
      counter.count(slot);
      // Documents holding more of the query's terms come first (a compound counts with its
      // parts, so this is close to, not the same as, Meilisearch's "words" rule); BM25 orders
      // those with as many.
      top.offer(slot, popcount(matched[slot]) * WORDS_WEIGHT + scores[slot]);
    }
    const best = top.sorted().slice(request.offset);
    return {
      totalCount: counter.total(),
      // The share of the query's words held, refined by BM25 (unbounded; s/(s+1) maps it into [0, 1)).
      hits: best.map(({ slot, score }) => {
        const words = Math.floor(score / WORDS_WEIGHT);
        const bm25 = score - words * WORDS_WEIGHT;
        return { document: index.slots[slot].doc, score: (words - 1 + bm25 / (bm25 + 1)) / groups };
      }),
      facets: counter.facets(),
    };
  }

  /**
   * BM25 of every live document holding a query term, and a bit per query word it holds.
   * Dense arrays over the slots: far cheaper than maps when common words match most documents.
   */
  private score(weighted: WeightedTerm[]): { scores: Float64Array; matched: Int32Array; touched: number[] } {
    const { alive, lengths, postings, liveCount, totalLength } = this.index;
    const size = this.index.slots.length;
    const scores = new Float64Array(size);
    const matched = new Int32Array(size);
    const touched: number[] = [];
    // BM25's length normalisation against today's average, so ranks do not depend on the order documents came in.
    const lengthFactor = B / (liveCount ? totalLength / liveCount : 1);
    // A word matches through its best term: its typo and prefix expansions are alternatives,
    // so a document holding several of them ("Willkommenstasche", "Willkommensmappe" for
    // "Will") scores no higher than one holding the best of them. They share one rarity,
    // that of the most common: "Will" is as common as "Willkommen", whichever completion
    // a document holds, so a rare completion does not outrank the common word.
    const wordBest = new Float64Array(size);
    for (const group of new Set(weighted.map((w) => w.group))) {
      const inGroup: number[] = [];
      const alternatives = weighted.filter((w) => w.group === group);
      const live = Math.max(0, ...alternatives.map((w) => postings.get(w.term)?.live ?? 0));
      const idf = Math.log(1 + (liveCount - live + 0.5) / (live + 0.5));
      for (const { term, weight } of alternatives) {
        const list = postings.get(term);
        if (!list) continue;
        const factor = weight * idf;
        const { slots: ps, weights: pw } = list;
        for (let i = 0; i < ps.length; i++) {
          const slot = ps[i];
          if (alive[slot] === 0) continue;
          const tf = pw[i];
          const score = (factor * tf * (K1 + 1)) / (tf + K1 * (1 - B + lengthFactor * lengths[slot]));
          if (wordBest[slot] === 0) inGroup.push(slot);
          if (score > wordBest[slot]) wordBest[slot] = score;
        }
      }
      const bit = 1 << Math.min(group, 30);
      for (const slot of inGroup) {
        if (matched[slot] === 0) touched.push(slot);
        scores[slot] += wordBest[slot];
        matched[slot] |= bit;
        wordBest[slot] = 0;
      }
    }
    return { scores, matched, touched };
  }

  /**
   * The query's terms with their weights and the word ("group") each stands for. A term
   * the index lacks is joined by indexed terms a typo away and, if it is the last word, by
   * indexed terms it begins (search as you type).
   */
  private expand(terms: string[]): WeightedTerm[] {
    const index = this.index;
    const out = new Map<string, WeightedTerm>();
    const put = (term: string, weight: number, group: number) => {
      const seen = out.get(term);
      if (!seen || seen.weight < weight) out.set(term, { term, weight, group });
    };
    terms.forEach((term, group) => {
      put(term, 1, group);
      const indexed = index.isIndexed(term);
      if (term.length >= 5 && !indexed) for (const near of index.near(term)) put(near, TYPO_WEIGHT, group);
      // Completions only for a last word the index does not hold as it stands: an indexed
      // word is usually also a compound part of its longer forms, which it finds anyway.
      if (group === terms.length - 1 && term.length >= 3 && !indexed) {
        for (const longer of index.completions(term)) put(longer, PREFIX_WEIGHT, group);
      }
    });
    return [...out.values()];
  }
}
