import { count, create, getByID, insertMultiple, removeMultiple, search, type AnyOrama, type Tokenizer } from '@orama/orama';
import {
  FACET_NAMES,
  SEARCH_TYPES,
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

const TEXT_FIELDS = ['title', 'places', 'summary', 'text'] as const;
/** Same priorities as Meilisearch's searchableAttributes order. */
const BOOST = { title: 3, places: 2, summary: 1.5, text: 1 };
/** Orama's facet property for each facet of the port. */
const FACET_PROPERTY: Record<FacetName, string> = {
  type: 'type',
  region: 'region',
  district: 'district',
  targetGroup: 'targetGroups',
  fieldOfAction: 'fieldsOfAction',
  kind: 'kind',
};

const schema = {
  title: 'string',
  places: 'string',
  summary: 'string',
  text: 'string',
  type: 'enum',
  region: 'enum',
  district: 'enum',
  kind: 'enum',
  targetGroups: 'enum[]',
  fieldsOfAction: 'enum[]',
  location: 'geopoint',
} as const;

interface StoredDocument {
  id: string;
  title: string;
  places: string;
  summary: string;
  text: string;
  type: SearchType;
  region?: string;
  district?: string;
  kind?: string;
  targetGroups: string[];
  fieldsOfAction: string[];
  location?: { lat: number; lon: number };
  /** The document as the subgraph gave it, returned unchanged in hits. */
  source: SearchDocument;
}

/** Marks a query that is already a list of analysed terms, so it is not analysed twice. */
const ANALYSED = '\u0001';

/** Orama tokenizes through the hub's analyzer; values of the other fields stay whole. */
function analyzingTokenizer(analyzer: TextAnalyzer): Tokenizer {
  return {
    language: 'german',
    normalizationCache: new Map(),
    tokenize: (raw, _language, prop) => {
      if (raw.startsWith(ANALYSED)) return raw.slice(1).split(' ').filter(Boolean);
      return prop === undefined || (TEXT_FIELDS as readonly string[]).includes(prop) ? analyzer.terms(raw) : [raw];
    },
  };
}

/** True when `a` and `b` differ by at most `max` insertions, deletions or substitutions. */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return previous[b.length] <= max;
}

/**
 * The indexed terms with how many documents hold each, bucketed by length. Typos are
 * matched here rather than by Orama's own tolerance, which misses words whose prefix is
 * shared by many indexed terms (compound parts make that common).
 */
class Vocabulary {
  private readonly documents = new Map<string, number>();
  private readonly byLength = new Map<number, Set<string>>();

  add(terms: Iterable<string>, delta: 1 | -1): void {
    for (const term of terms) {
      const n = (this.documents.get(term) ?? 0) + delta;
      if (n > 0) {
        this.documents.set(term, n);
        if (!this.byLength.has(term.length)) this.byLength.set(term.length, new Set());
        this.byLength.get(term.length)!.add(term);
      } else {
        this.documents.delete(term);
        this.byLength.get(term.length)?.delete(term);
      }
    }
  }

  has(term: string): boolean {
    return this.documents.has(term);
  }

  /** Indexed terms one typo away (two from nine letters on), most frequent first. */
  near(term: string, limit = 4): string[] {
    const max = term.length >= 9 ? 2 : 1;
    const found: string[] = [];
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) if (withinEdits(term, candidate, max)) found.push(candidate);
    }
    return found.sort((a, b) => this.documents.get(b)! - this.documents.get(a)!).slice(0, limit);
  }

  clear(): void {
    this.documents.clear();
    this.byLength.clear();
  }
}

function toStored(doc: SearchDocument): StoredDocument {
  return {
    id: doc.id,
    title: doc.title,
    places: doc.places.join(' '),
    summary: doc.summary,
    text: doc.text,
    type: doc.type,
    ...(doc.region ? { region: doc.region } : {}),
    ...(doc.district ? { district: doc.district } : {}),
    ...(doc.kind ? { kind: doc.kind } : {}),
    targetGroups: doc.targetGroups,
    fieldsOfAction: doc.fieldsOfAction,
    ...(doc.location ? { location: { lat: doc.location.lat, lon: doc.location.lon } } : {}),
    source: doc,
  };
}

function whereClause(filter: SearchFilter | undefined): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  if (filter.types?.length) where.type = { in: filter.types.filter((t) => SEARCH_TYPES.includes(t)) };
  if (filter.region) where.region = { eq: filter.region };
  if (filter.district) where.district = { eq: filter.district };
  if (filter.kind) where.kind = { eq: filter.kind };
  if (filter.targetGroup) where.targetGroups = { containsAny: [filter.targetGroup] };
  if (filter.fieldOfAction) where.fieldsOfAction = { containsAny: [filter.fieldOfAction] };
  if (filter.near) {
    where.location = { radius: { coordinates: { lat: filter.near.lat, lon: filter.near.lon }, value: filter.near.radiusKm, unit: 'km', inside: true } };
  }
  return where;
}

/**
 * The embedded engine: Orama in this process, fed the hub's German terms. It holds the
 * index in memory; the embedded mode rebuilds it from the databases on start.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private db: AnyOrama;
  private readonly vocabulary = new Vocabulary();

  constructor(private readonly analyzer: TextAnalyzer) {
    this.db = this.createIndex();
  }

  private createIndex(): AnyOrama {
    return create({ schema, components: { tokenizer: analyzingTokenizer(this.analyzer) } }) as AnyOrama;
  }

  async applySettings(): Promise<void> {
    // Settings are the schema and tokenizer given at creation.
  }

  private termsOf(doc: SearchDocument): Set<string> {
    return new Set(this.analyzer.terms([doc.title, doc.places.join(' '), doc.summary, doc.text].join(' ')));
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const latest = new Map(documents.map((d) => [d.id, d]));
    await this.delete([...latest.keys()]);
    await insertMultiple(this.db, [...latest.values()].map(toStored) as never[], 1000);
    for (const doc of latest.values()) this.vocabulary.add(this.termsOf(doc), 1);
  }

  async delete(ids: string[]): Promise<void> {
    const present = ids.map((id) => getByID(this.db, id) as StoredDocument | undefined).filter((d): d is StoredDocument => d !== undefined);
    if (present.length === 0) return;
    await removeMultiple(this.db, present.map((d) => d.id));
    for (const doc of present) this.vocabulary.add(this.termsOf(doc.source), -1);
  }

  async deleteByType(types: SearchType[]): Promise<void> {
    if (types.length === SEARCH_TYPES.length) {
      this.db = this.createIndex();
      this.vocabulary.clear();
      return;
    }
    const all = await search(this.db, { term: '', where: { type: { in: types } }, limit: 1_000_000 } as never);
    await this.delete(all.hits.map((h) => h.id));
  }

  /** The query's terms, each unknown one joined by the indexed terms a typo away from it. */
  private queryTerms(query: string): string[] {
    const terms = new Set<string>();
    for (const term of this.analyzer.terms(query)) {
      terms.add(term);
      if (term.length >= 5 && !this.vocabulary.has(term)) for (const near of this.vocabulary.near(term)) terms.add(near);
    }
    return [...terms];
  }

  async search(request: SearchRequest): Promise<SearchResultPage> {
    const terms = request.query.trim() === '' ? [] : this.queryTerms(request.query);
    const result = await search(this.db, {
      term: terms.length ? ANALYSED + terms.join(' ') : '',
      properties: [...TEXT_FIELDS],
      boost: BOOST,
      threshold: 1,
      where: whereClause(request.filter),
      facets: Object.fromEntries(FACET_NAMES.map((f) => [FACET_PROPERTY[f], { limit: 100 }])),
      offset: request.offset,
      limit: request.limit,
      ...(terms.length === 0 ? { sortBy: { property: 'title', order: 'ASC' } } : {}),
    } as never);
    const facets = Object.fromEntries(
      FACET_NAMES.map((f): [FacetName, FacetValue[]] => {
        const values = (result.facets?.[FACET_PROPERTY[f]]?.values ?? {}) as Record<string, number>;
        return [f, Object.entries(values).filter(([, n]) => n > 0).map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))];
      }),
    ) as Record<FacetName, FacetValue[]>;
    return {
      totalCount: result.count,
      // BM25 is unbounded; s/(s+1) keeps the order and maps it into [0, 1).
      hits: result.hits.map((h) => ({ document: (h.document as unknown as StoredDocument).source, score: h.score / (h.score + 1) })),
      facets,
    };
  }

  multiSearch(requests: SearchRequest[]): Promise<SearchResultPage[]> {
    return Promise.all(requests.map((r) => this.search(r)));
  }

  async get(id: string): Promise<SearchDocument | null> {
    return (getByID(this.db, id) as StoredDocument | undefined)?.source ?? null;
  }

  async count(): Promise<number> {
    return count(this.db);
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
