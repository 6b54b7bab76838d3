import { withinEdits } from './edit-distance.js';
import {
  FACET_NAMES,
  facetList,
  type FacetName,
  type FacetValue,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchRequest,
  type SearchResultPage,
  type SearchType,
  type TextAnalyzer,
} from './port.js';

/** Field weights, in the order of Meilisearch's searchableAttributes. */
const FIELDS = [
  ['title', 3],
  ['places', 2],
  ['summary', 1.5],
  ['text', 1],
] as const;
const K1 = 1.2;
const B = 0.75;
/** Terms reached through a typo or as a completion count less than the typed term itself. */
const TYPO_WEIGHT = 0.6;
const PREFIX_WEIGHT = 0.8;

/** One term's postings: which documents hold it, and its field-weighted frequency there. */
interface Postings {
  slots: number[];
  /** The term's field-weighted frequency in each document. */
  weights: number[];
  /** Live documents among `slots`, for the inverse document frequency. */
  live: number;
}

interface Slot {
  doc: SearchDocument;
  /** Field-weighted length, for BM25's length normalisation. */
  length: number;
  terms: string[];
  live: boolean;
  /** Ids (in `facetValues`) of its target groups and fields of action; null when it has none. */
  multi: number[][] | null;
}

/** Facets with one value per document (indices into FACET_NAMES), and those with lists. */
const SINGLE_FACETS = (['type', 'region', 'district', 'kind'] as const).map((f) => FACET_NAMES.indexOf(f));
const MULTI_FACETS = (['targetGroup', 'fieldOfAction'] as const).map((f) => FACET_NAMES.indexOf(f));
/** Values of a list facet kept in typed columns per slot; longer lists overflow to the slot object. */
const MULTI_WIDTH = 3;

const earthKm = 6371;
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Keeps the `size` best (slot, score) pairs seen: a min-heap on score. */
class TopK {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly size: number) {}

  offer(slot: number, score: number): void {
    if (this.size === 0) return;
    if (this.slots.length < this.size) {
      this.slots.push(slot);
      this.scores.push(score);
      this.up(this.slots.length - 1);
    } else if (this.better(score, slot, 0)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first. */
  sorted(): { slot: number; score: number }[] {
    return this.slots.map((slot, i) => ({ slot, score: this.scores[i] })).sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /** True when (score, slot) ranks above the heap entry at `i`: higher score, then lower slot. */
  private better(score: number, slot: number, i: number): boolean {
    return score > this.scores[i] || (score === this.scores[i] && slot < this.slots[i]);
  }
  /** True when entry `i` ranks below entry `j` (the heap keeps the worst at the root). */
  private worse(i: number, j: number): boolean {
    return this.better(this.scores[j], this.slots[j], i);
  }

  private swap(i: number, j: number): void {
    [this.slots[i], this.slots[j]] = [this.slots[j], this.slots[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }
  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }
  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.scores.length && this.worse(l, min)) min = l;
      if (r < this.scores.length && this.worse(r, min)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }
}

const collator = new Intl.Collator('de');

/**
 * The embedded engine: an inverted index in this process over the hub's German terms,
 * ranked by BM25 over field-weighted term frequencies, with typo and prefix expansion
 * against the indexed vocabulary. It holds the index in memory; the embedded mode
 * rebuilds it from the databases on start.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private slots: Slot[] = [];
  private readonly byId = new Map<string, number>();
  private postings = new Map<string, Postings>();
  /** Terms by length, for typo matching. */
  private byLength = new Map<number, Set<string>>();
  /** Sorted vocabulary for prefix matching; rebuilt lazily after changes. */
  private sortedTerms: string[] | null = null;
  /** Live slots ordered by title, for queries without words; rebuilt lazily. */
  private titleOrder: number[] | null = null;
  private totalLength = 0;
  private liveCount = 0;
  /** Facet values interned per facet, so counting them is array arithmetic. */
  private facetIds = FACET_NAMES.map(() => new Map<string, number>());
  private facetValues: string[][] = FACET_NAMES.map(() => []);
  /** 1 where a slot is live: the hot loop reads this instead of the slot objects. */
  private alive = new Uint8Array(1024);
  /** Field-weighted length of each slot's document. */
  private lengths = new Float64Array(1024);
  /** Per single-valued facet: the value id of each slot, -1 for none. */
  private facetColumns: Int32Array[] = FACET_NAMES.map(() => new Int32Array(1024).fill(-1));
  /** Per list facet, MULTI_WIDTH columns of value ids (-1 for none), and a flag for longer lists. */
  private multiColumns: Int32Array[][] = MULTI_FACETS.map(() => Array.from({ length: MULTI_WIDTH }, () => new Int32Array(1024).fill(-1)));
  private overflow = new Uint8Array(1024);

  constructor(private readonly analyzer: TextAnalyzer) {}

  async applySettings(): Promise<void> {
    // The analysis and weights are the settings; nothing to apply.
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    const latest = new Map(documents.map((d) => [d.id, d]));
    this.remove([...latest.keys()]);
    for (const doc of latest.values()) this.add(doc);
    this.compactIfSparse();
  }

  async delete(ids: string[]): Promise<void> {
    this.remove(ids);
    this.compactIfSparse();
  }

  async deleteByType(types: SearchType[]): Promise<void> {
    await this.delete(await this.idsOf((doc) => types.includes(doc.type)));
  }

  async ids(type: SearchType): Promise<string[]> {
    return this.idsOf((doc) => doc.type === type);
  }

  async search(request: SearchRequest): Promise<SearchResultPage> {
    const weighted = this.expand(this.analyzer.terms(request.query));
    const want = request.offset + request.limit;
    const top = new TopK(want);
    const facetCounts = this.facetValues.map((values) => new Int32Array(values.length));
    // Facet counting runs for every match: plain typed-array arithmetic, no iterators.
    const [typeOf, regionOf, districtOf, kindOf] = SINGLE_FACETS.map((f) => this.facetColumns[f]);
    const [types, regions, districts, kinds] = SINGLE_FACETS.map((f) => facetCounts[f]);
    const [groups0, fields0] = MULTI_FACETS.map((f) => facetCounts[f]);
    const slots = this.slots;
    const [groupsOf, fieldsOf] = this.multiColumns;
    const overflow = this.overflow;
    let total = 0;
    const count = (slot: number) => {
      total++;
      let id = typeOf[slot];
      if (id >= 0) types[id]++;
      id = regionOf[slot];
      if (id >= 0) regions[id]++;
      id = districtOf[slot];
      if (id >= 0) districts[id]++;
      id = kindOf[slot];
      if (id >= 0) kinds[id]++;
      for (let k = 0; k < MULTI_WIDTH; k++) {
        id = groupsOf[k][slot];
        if (id >= 0) groups0[id]++;
        id = fieldsOf[k][slot];
        if (id >= 0) fields0[id]++;
      }
      // Lists longer than the columns hold are rare: only then read the slot object.
      if (overflow[slot] === 1) {
        const lists = slots[slot].multi!;
        for (let i = MULTI_WIDTH; i < lists[0].length; i++) groups0[lists[0][i]]++;
        for (let i = MULTI_WIDTH; i < lists[1].length; i++) fields0[lists[1][i]]++;
      }
    };

    if (request.query.trim() === '') {
      // Everything the filter allows, by title.
      const order = this.orderByTitle();
      const accepts = this.compileFilter(request.filter);
      const page: number[] = [];
      for (const slot of order) {
        if (accepts && !accepts(slot)) continue;
        count(slot);
        if (total > request.offset && page.length < request.limit) page.push(slot);
      }
      return { totalCount: total, hits: page.map((slot) => ({ document: this.slots[slot].doc, score: 1 })), facets: this.toFacets(facetCounts) };
    }

    // Dense arrays over the slots: far cheaper than maps when common words match most documents.
    const scores = new Float64Array(this.slots.length);
    const matched = new Int32Array(this.slots.length);
    const touched: number[] = [];
    const alive = this.alive;
    const lengths = this.lengths;
    // BM25's length normalisation against today's average, so ranks do not depend on the order documents came in.
    const lengthFactor = B / (this.liveCount ? this.totalLength / this.liveCount : 1);
    // A word matches through its best term: its typo and prefix expansions are alternatives,
    // so a document holding several of them ("Willkommenstasche", "Willkommensmappe" for
    // "Will") scores no higher than one holding the best of them. They share one rarity,
    // that of the most common: "Will" is as common as "Willkommen", whichever completion
    // a document holds, so a rare completion does not outrank the common word.
    const wordBest = new Float64Array(this.slots.length);
    for (const group of new Set(weighted.map((w) => w.group))) {
      const inGroup: number[] = [];
      const alternatives = weighted.filter((w) => w.group === group);
      const live = Math.max(0, ...alternatives.map((w) => this.postings.get(w.term)?.live ?? 0));
      const idf = Math.log(1 + (this.liveCount - live + 0.5) / (live + 0.5));
      for (const { term, weight } of alternatives) {
        const postings = this.postings.get(term);
        if (!postings) continue;
        const factor = weight * idf;
        const { slots: ps, weights: pw } = postings;
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
    const groups = new Set(weighted.map((w) => w.group)).size || 1;
    const accepts = this.compileFilter(request.filter);
    for (const slot of touched) {
      if (accepts && !accepts(slot)) continue;
      count(slot);
      // Documents holding more of the query's terms come first (a compound counts with its
      // parts, so this is close to, not the same as, Meilisearch's "words" rule); BM25 orders
      // those with as many. BM25 stays far below 2^20.
      top.offer(slot, popcount(matched[slot]) * 2 ** 20 + scores[slot]);
    }
    const best = top.sorted().slice(request.offset);
    return {
      totalCount: total,
      // The share of the query's words held, refined by BM25 (unbounded; s/(s+1) maps it into [0, 1)).
      hits: best.map(({ slot, score }) => {
        const words = Math.floor(score / 2 ** 20);
        const bm25 = score - words * 2 ** 20;
        return { document: this.slots[slot].doc, score: (words - 1 + bm25 / (bm25 + 1)) / groups };
      }),
      facets: this.toFacets(facetCounts),
    };
  }

  multiSearch(requests: SearchRequest[]): Promise<SearchResultPage[]> {
    return Promise.all(requests.map((r) => this.search(r)));
  }

  async get(id: string): Promise<SearchDocument | null> {
    const slot = this.byId.get(id);
    return slot === undefined ? null : this.slots[slot].doc;
  }

  async count(): Promise<number> {
    return this.liveCount;
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  /**
   * The filter as a test on slot numbers over the typed columns, so filtering a large
   * result touches no document objects (but for radius searches).
   */
  private compileFilter(filter: SearchFilter | undefined): ((slot: number) => boolean) | null {
    if (!filter || Object.values(filter).every((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0))) return null;
    const tests: ((slot: number) => boolean)[] = [];
    const idOf = (facet: FacetName, value: string) => this.facetIds[FACET_NAMES.indexOf(facet)].get(value) ?? -2;
    const column = (facet: FacetName) => this.facetColumns[FACET_NAMES.indexOf(facet)];
    if (filter.types?.length) {
      const wanted = new Set(filter.types.map((t) => idOf('type', t)));
      const types = column('type');
      tests.push((slot) => wanted.has(types[slot]));
    }
    for (const facet of ['region', 'district', 'kind'] as const) {
      const value = filter[facet];
      if (!value) continue;
      const id = idOf(facet, value);
      const values = column(facet);
      tests.push((slot) => values[slot] === id);
    }
    for (const [facet, m] of [['targetGroup', 0], ['fieldOfAction', 1]] as const) {
      const value = filter[facet];
      if (!value) continue;
      const id = idOf(facet, value);
      const columns = this.multiColumns[m];
      tests.push((slot) => columns.some((c) => c[slot] === id) || (this.overflow[slot] === 1 && this.slots[slot].multi![m].includes(id)));
    }
    if (filter.near) {
      const near = filter.near;
      tests.push((slot) => {
        const location = this.slots[slot].doc.location;
        return location !== null && distanceKm(location, near) <= near.radiusKm;
      });
    }
    return (slot) => tests.every((test) => test(slot));
  }

  private idsOf(predicate: (doc: SearchDocument) => boolean): string[] {
    return [...this.byId.values()].map((slot) => this.slots[slot].doc).filter(predicate).map((d) => d.id);
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
    for (const [term, weight] of weights) {
      let postings = this.postings.get(term);
      if (!postings) {
        postings = { slots: [], weights: [], live: 0 };
        this.postings.set(term, postings);
        if (!this.byLength.has(term.length)) this.byLength.set(term.length, new Set());
        this.byLength.get(term.length)!.add(term);
        this.sortedTerms = null;
      }
      postings.slots.push(slot);
      postings.weights.push(weight);
      postings.live++;
    }
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
      const widen = (column: Int32Array) => {
        const wider = new Int32Array(column.length * 2).fill(-1);
        wider.set(column);
        return wider;
      };
      this.facetColumns = this.facetColumns.map(widen);
      this.multiColumns = this.multiColumns.map((columns) => columns.map(widen));
      const flags = new Uint8Array(this.overflow.length * 2);
      flags.set(this.overflow);
      this.overflow = flags;
      const lengths = new Float64Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    const facets = this.internFacets(doc);
    for (const f of SINGLE_FACETS) this.facetColumns[f][slot] = facets[f][0] ?? -1;
    const multi = MULTI_FACETS.map((f) => facets[f]);
    multi.forEach((ids, m) => ids.slice(0, MULTI_WIDTH).forEach((id, k) => (this.multiColumns[m][k][slot] = id)));
    this.overflow[slot] = multi.some((ids) => ids.length > MULTI_WIDTH) ? 1 : 0;
    this.slots.push({ doc, length, terms: [...weights.keys()], live: true, multi: multi.some((l) => l.length) ? multi : null });
    this.alive[slot] = 1;
    this.lengths[slot] = length;
    this.byId.set(doc.id, slot);
    this.totalLength += length;
    this.liveCount++;
    this.titleOrder = null;
  }

  private remove(ids: string[]): void {
    for (const id of ids) {
      const slot = this.byId.get(id);
      if (slot === undefined) continue;
      const s = this.slots[slot];
      s.live = false;
      this.alive[slot] = 0;
      for (const term of s.terms) this.postings.get(term)!.live--;
      this.byId.delete(id);
      this.totalLength -= s.length;
      this.liveCount--;
      this.titleOrder = null;
    }
  }

  /** Rebuilds the index without dead slots once they are the majority, so churn does not grow memory forever. */
  private compactIfSparse(): void {
    if (this.slots.length < 1000 || this.liveCount * 2 > this.slots.length) return;
    const live = this.slots.filter((s) => s.live).map((s) => s.doc);
    this.slots = [];
    this.byId.clear();
    this.postings = new Map();
    this.byLength = new Map();
    this.facetIds = FACET_NAMES.map(() => new Map<string, number>());
    this.facetValues = FACET_NAMES.map(() => []);
    this.alive = new Uint8Array(1024);
    this.lengths = new Float64Array(1024);
    this.facetColumns = FACET_NAMES.map(() => new Int32Array(1024).fill(-1));
    this.multiColumns = MULTI_FACETS.map(() => Array.from({ length: MULTI_WIDTH }, () => new Int32Array(1024).fill(-1)));
    this.overflow = new Uint8Array(1024);
    this.sortedTerms = null;
    this.titleOrder = null;
    this.totalLength = 0;
    this.liveCount = 0;
    for (const doc of live) this.add(doc);
  }

  /**
   * The query's terms with their weights and the word ("group") each stands for. A term
   * the index lacks is joined by indexed terms a typo away and, if it is the last word, by
   * indexed terms it begins (search as you type).
   */
  private expand(terms: string[]): { term: string; weight: number; group: number }[] {
    const out = new Map<string, { term: string; weight: number; group: number }>();
    const put = (term: string, weight: number, group: number) => {
      const seen = out.get(term);
      if (!seen || seen.weight < weight) out.set(term, { term, weight, group });
    };
    terms.forEach((term, group) => {
      put(term, 1, group);
      if (term.length >= 5 && !this.isIndexed(term)) for (const near of this.near(term)) put(near, TYPO_WEIGHT, group);
      // Completions only for a last word the index does not hold as it stands: an indexed
      // word is usually also a compound part of its longer forms, which it finds anyway.
      if (group === terms.length - 1 && term.length >= 3 && !this.isIndexed(term)) for (const longer of this.completions(term)) put(longer, PREFIX_WEIGHT, group);
    });
    return [...out.values()];
  }

  /** Indexed terms one typo away (two from nine letters on), most frequent first. */
  private near(term: string, limit = 4): string[] {
    const max = term.length >= 9 ? 2 : 1;
    const found: string[] = [];
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) if (withinEdits(term, candidate, max)) found.push(candidate);
    }
    return this.mostFrequent(found, limit);
  }

  /** Indexed terms that begin with `prefix` (and are longer), most frequent first. */
  private completions(prefix: string, limit = 8): string[] {
    if (!this.sortedTerms) this.sortedTerms = [...this.postings.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < terms.length && terms[i].startsWith(prefix) && found.length < 200; i++) if (terms[i] !== prefix) found.push(terms[i]);
    return this.mostFrequent(found, limit);
  }

  /** True when some live document holds the term. */
  private isIndexed(term: string): boolean {
    return (this.postings.get(term)?.live ?? 0) > 0;
  }

  /** The terms live documents hold, most documents first. */
  private mostFrequent(terms: string[], limit: number): string[] {
    return terms
      .filter((t) => this.isIndexed(t))
      .sort((a, b) => this.postings.get(b)!.live - this.postings.get(a)!.live)
      .slice(0, limit);
  }

  private orderByTitle(): number[] {
    if (!this.titleOrder) {
      this.titleOrder = [...this.byId.values()].sort((a, b) => collator.compare(this.slots[a].doc.title, this.slots[b].doc.title));
    }
    return this.titleOrder;
  }

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

  private toFacets(counts: Int32Array[]): Record<FacetName, FacetValue[]> {
    return Object.fromEntries(
      FACET_NAMES.map((facet, f) => [
        facet,
        facetList(this.facetValues[f].map((value, id): [string, number] => [value, counts[f][id]])),
      ]),
    ) as Record<FacetName, FacetValue[]>;
  }
}

function popcount(n: number): number {
  let c = 0;
  for (let v = n; v; v &= v - 1) c++;
  return c;
}
