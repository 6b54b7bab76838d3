import type { SearchDocument } from '@welcome-hub/kit';
import { withinEdits } from '../edit-distance.js';
import { FACET_NAMES, type FacetName, type TextAnalyzer } from '../port.js';

/**
 * The embedded engine's storage: an inverted index over the hub's German terms, plus the
 * per-document columns a search reads in its hot loop (liveness, length, facet value ids)
 * as typed arrays indexed by slot. Query execution lives in engine.ts; this file only
 * keeps the structures consistent under upserts, deletes and compaction. Internal to the
 * package: its fields are read directly by the query code, for speed.
 */

/** Field weights, in the order of Meilisearch's searchableAttributes. */
const FIELDS = [
  ['title', 3],
  ['places', 2],
  ['summary', 1.5],
  ['text', 1],
] as const;

/** Facets with one value per document (indices into FACET_NAMES), and those with lists. */
export const SINGLE_FACETS = (['type', 'region', 'district', 'kind'] as const).map((f) => FACET_NAMES.indexOf(f));
export const MULTI_FACETS = (['targetGroup', 'fieldOfAction'] as const).map((f) => FACET_NAMES.indexOf(f));
/** Values of a list facet kept in typed columns per slot; longer lists overflow to the slot object. */
export const MULTI_WIDTH = 3;
const INITIAL_SLOTS = 1024;
/** Below this many slots, dead ones cost too little to rebuild for. */
const COMPACT_FROM = 1000;

const collator = new Intl.Collator('de');

/** One term's postings: which documents hold it, and its field-weighted frequency there. */
export interface Postings {
  slots: number[];
  /** The term's field-weighted frequency in each document. */
  weights: number[];
  /** Live documents among `slots`, for the inverse document frequency. */
  live: number;
}

export interface Slot {
  doc: SearchDocument;
  /** Field-weighted length, for BM25's length normalisation. */
  length: number;
  terms: string[];
  live: boolean;
  /** Ids (in `facetValues`) of its target groups and fields of action; null when it has none. */
  multi: number[][] | null;
}

const column = (size: number) => new Int32Array(size).fill(-1);
const multiColumns = (size: number) => MULTI_FACETS.map(() => Array.from({ length: MULTI_WIDTH }, () => column(size)));

/** A typed array twice as long holding the same values; new cells `fill`. */
function doubled<T extends Uint8Array | Int32Array | Float64Array>(array: T, fill = 0): T {
  const wider = new (array.constructor as new (length: number) => T)(array.length * 2);
  if (fill !== 0) wider.fill(fill);
  wider.set(array);
  return wider;
}

export class InvertedIndex {
  slots: Slot[] = [];
  readonly byId = new Map<string, number>();
  postings = new Map<string, Postings>();
  /** Terms by length, for typo matching. */
  private byLength = new Map<number, Set<string>>();
  /** Sorted vocabulary for prefix matching; rebuilt lazily after changes. */
  private sortedTerms: string[] | null = null;
  /** Live slots ordered by title, for queries without words; rebuilt lazily. */
  private titleOrder: number[] | null = null;
  totalLength = 0;
  liveCount = 0;
  /** Facet values interned per facet, so counting them is array arithmetic. */
  facetIds = FACET_NAMES.map(() => new Map<string, number>());
  facetValues: string[][] = FACET_NAMES.map(() => []);
  /** 1 where a slot is live: the hot loop reads this instead of the slot objects. */
  alive = new Uint8Array(INITIAL_SLOTS);
  /** Field-weighted length of each slot's document. */
  lengths = new Float64Array(INITIAL_SLOTS);
  /** Per single-valued facet: the value id of each slot, -1 for none. */
  facetColumns: Int32Array[] = FACET_NAMES.map(() => column(INITIAL_SLOTS));
  /** Per list facet, MULTI_WIDTH columns of value ids (-1 for none), and a flag for longer lists. */
  multiColumns: Int32Array[][] = multiColumns(INITIAL_SLOTS);
  overflow = new Uint8Array(INITIAL_SLOTS);

  constructor(private readonly analyzer: TextAnalyzer) {}

  /** Replaces documents by id; within one batch the last version of an id wins. */
  upsert(documents: SearchDocument[]): void {
    const latest = new Map(documents.map((d) => [d.id, d]));
    this.remove([...latest.keys()]);
    for (const doc of latest.values()) this.add(doc);
    this.compactIfSparse();
  }

  delete(ids: string[]): void {
    this.remove(ids);
    this.compactIfSparse();
  }

  idsOf(predicate: (doc: SearchDocument) => boolean): string[] {
    return [...this.byId.values()]
      .map((slot) => this.slots[slot].doc)
      .filter(predicate)
      .map((d) => d.id);
  }

  orderByTitle(): number[] {
    this.titleOrder ??= [...this.byId.values()].sort((a, b) =>
      collator.compare(this.slots[a].doc.title, this.slots[b].doc.title),
    );
    return this.titleOrder;
  }

  /** True when some live document holds the term. */
  isIndexed(term: string): boolean {
    return (this.postings.get(term)?.live ?? 0) > 0;
  }

  /** Indexed terms one typo away (two from nine letters on), most frequent first. */
  near(term: string, limit = 4): string[] {
    const max = term.length >= 9 ? 2 : 1;
    const found: string[] = [];
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (withinEdits(term, candidate, max)) found.push(candidate);
      }
    }
    return this.mostFrequent(found, limit);
  }

  /** Indexed terms that begin with `prefix` (and are longer), most frequent first. */
  completions(prefix: string, limit = 8): string[] {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < terms.length && terms[i].startsWith(prefix) && found.length < 200; i++) {
      if (terms[i] !== prefix) found.push(terms[i]);
    }
    return this.mostFrequent(found, limit);
  }

  /** The terms live documents hold, most documents first. */
  private mostFrequent(terms: string[], limit: number): string[] {
    const live = (term: string) => this.postings.get(term)?.live ?? 0;
    return terms
      .filter((t) => this.isIndexed(t))
      .sort((a, b) => live(b) - live(a))
      .slice(0, limit);
  }

  private add(doc: SearchDocument): void {
    const slot = this.slots.length;
    const weights = new Map<string, number>();
    let length = 0;
    const fieldText = { title: doc.title, places: doc.places.join(' '), summary: doc.summary, text: doc.text };
    for (const [field, boost] of FIELDS) {
      const terms = this.analyzer.terms(fieldText[field]);
      length += boost * terms.length;
      for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + boost);
    }
    for (const [term, weight] of weights) this.post(term, slot, weight);
    if (slot >= this.alive.length) this.grow();
    const facets = this.internFacets(doc);
    for (const f of SINGLE_FACETS) this.facetColumns[f][slot] = facets[f][0] ?? -1;
    const multi = MULTI_FACETS.map((f) => facets[f]);
    multi.forEach((ids, m) => {
      ids.slice(0, MULTI_WIDTH).forEach((id, k) => {
        this.multiColumns[m][k][slot] = id;
      });
    });
    this.overflow[slot] = multi.some((ids) => ids.length > MULTI_WIDTH) ? 1 : 0;
    const hasMulti = multi.some((l) => l.length);
    this.slots.push({ doc, length, terms: [...weights.keys()], live: true, multi: hasMulti ? multi : null });
    this.alive[slot] = 1;
    this.lengths[slot] = length;
    this.byId.set(doc.id, slot);
    this.totalLength += length;
    this.liveCount++;
    this.titleOrder = null;
  }

  /** Adds `slot` to a term's postings, registering a new term with the vocabulary. */
  private post(term: string, slot: number, weight: number): void {
    let postings = this.postings.get(term);
    if (!postings) {
      postings = { slots: [], weights: [], live: 0 };
      this.postings.set(term, postings);
      let sameLength = this.byLength.get(term.length);
      if (!sameLength) {
        sameLength = new Set();
        this.byLength.set(term.length, sameLength);
      }
      sameLength.add(term);
      this.sortedTerms = null;
    }
    postings.slots.push(slot);
    postings.weights.push(weight);
    postings.live++;
  }

  /** Doubles every per-slot column. */
  private grow(): void {
    this.alive = doubled(this.alive);
    this.facetColumns = this.facetColumns.map((c) => doubled(c, -1));
    this.multiColumns = this.multiColumns.map((columns) => columns.map((c) => doubled(c, -1)));
    this.overflow = doubled(this.overflow);
    this.lengths = doubled(this.lengths);
  }

  private remove(ids: string[]): void {
    for (const id of ids) {
      const slot = this.byId.get(id);
      if (slot === undefined) continue;
      const s = this.slots[slot];
      s.live = false;
      this.alive[slot] = 0;
      for (const term of s.terms) {
        const postings = this.postings.get(term);
        if (postings) postings.live--;
      }
      this.byId.delete(id);
      this.totalLength -= s.length;
      this.liveCount--;
      this.titleOrder = null;
    }
  }

  /** Rebuilds the index without dead slots once they are the majority, so churn does not grow memory forever. */
  private compactIfSparse(): void {
    if (this.slots.length < COMPACT_FROM || this.liveCount * 2 > this.slots.length) return;
    const live = this.slots.filter((s) => s.live).map((s) => s.doc);
    this.slots = [];
    this.byId.clear();
    this.postings = new Map();
    this.byLength = new Map();
    this.facetIds = FACET_NAMES.map(() => new Map<string, number>());
    this.facetValues = FACET_NAMES.map(() => []);
    this.alive = new Uint8Array(INITIAL_SLOTS);
    this.lengths = new Float64Array(INITIAL_SLOTS);
    this.facetColumns = FACET_NAMES.map(() => column(INITIAL_SLOTS));
    this.multiColumns = multiColumns(INITIAL_SLOTS);
    this.overflow = new Uint8Array(INITIAL_SLOTS);
    this.sortedTerms = null;
    this.titleOrder = null;
    this.totalLength = 0;
    this.liveCount = 0;
    for (const doc of live) this.add(doc);
  }

  /** The document's facet values as interned ids, per facet (in FACET_NAMES order). */
  private internFacets(doc: SearchDocument): number[][] {
    const values: Record<FacetName, (string | null)[]> = {
      type: [doc.type],
      region: [doc.region],
      district: [doc.district],
      targetGroup: [...new Set(doc.targetGroups)],
      fieldOfAction: [...new Set(doc.fieldsOfAction)],
      kind: [doc.kind],
    };
    return FACET_NAMES.map((facet, f) =>
      values[facet]
        .filter((v): v is string => v !== null)
        .map((value) => {
          let id = this.facetIds[f].get(value);
          if (id === undefined) {
            id = this.facetValues[f].length;
            this.facetIds[f].set(value, id);
            this.facetValues[f].push(value);
          }
          return id;
        }),
    );
  }
}
