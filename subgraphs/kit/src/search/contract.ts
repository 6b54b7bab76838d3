/**
 * What a subgraph and the outbox relay need to know about search, and nothing more: the
 * document a subgraph describes, its id, and the few writes the relay and a reindex make.
 * The engines themselves (analysis, the embedded index, the Meilisearch adapter) live in
 * `@welcome-hub/search-engine`, so a domain subgraph's library code never loads them.
 */

/** The kinds of record the hub indexes; one index holds them all. */
export type SearchType = 'MUNICIPALITY' | 'PRACTICE' | 'MODULE' | 'EVENT';
export const SEARCH_TYPES: readonly SearchType[] = ['MUNICIPALITY', 'PRACTICE', 'MODULE', 'EVENT'];

/** One searchable record, as the owning subgraph describes it. Facts only; no ranking hints. */
export interface SearchDocument {
  /** Unique across types: `<type>:<key>`, e.g. "PRACTICE:1b4e…" or "MUNICIPALITY:05970040". */
  id: string;
  type: SearchType;
  /** The entity key: an AGS for municipalities, the UUID otherwise. */
  key: string;
  /** Human-readable title (German). Weighted highest. */
  title: string;
  /** A short summary (German), used for highlights. */
  summary: string;
  /** Further searchable text: description, tags, lessons, agenda … */
  text: string;
  /** Names of places the record belongs to (municipality, district, cooperation). */
  places: string[];
  region: 'SUEDWESTFALEN' | 'RUHR' | null;
  /** Kreisschlüssel (5 digits) of the owning or hosting municipality, if any. */
  district: string | null;
  targetGroups: string[];
  fieldsOfAction: string[];
  /** Kind code of the record, e.g. "EVENT_FORMAT", "ANALYSIS_TOOL", "RUNDER_TISCH", "STADT". */
  kind: string | null;
  location: { lat: number; lon: number } | null;
}

/** The document id of an entity: `<type>:<key>`. */
export function documentId(type: SearchType, key: string): string {
  return `${type}:${key}`;
}

/**
 * The writes the outbox relay, a reindex and a process's start-up make on an index. Every
 * engine implements it (the full port extends it); kit depends on this alone, so whoever
 * starts a process decides which engine, if any, receives its changes. Every method may
 * throw when the engine is unavailable: the relay keeps the change and retries.
 */
export interface SearchIndexWriter {
  /** "meilisearch" or "embedded", for logs and health. */
  readonly name: string;
  /** Creates the index and applies its settings (idempotent). */
  applySettings(): Promise<void>;
  /** Inserts or replaces documents by id (idempotent). */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>;
  /** The ids of every document of one type (a reindex removes those no longer in the database). */
  ids(type: SearchType): Promise<string[]>;
  /** True when the engine answers (the relay tells a refused record from an outage by it). */
  healthy(): Promise<boolean>;
}
