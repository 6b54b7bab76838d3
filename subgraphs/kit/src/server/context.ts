import type { Caller } from '../auth/caller.js';
import type { Em } from '../db/orm.js';
import type { SearchIndexWriter } from '../search/contract.js';

/**
 * What every resolver of every subgraph receives; `loaders` are per request. `Engine` is
 * the search engine's type as the subgraph that queries one knows it (the search subgraph
 * names the full port of `@welcome-hub/search-engine`); kit knows only its writes.
 */
export interface RequestContext<Loaders = unknown, Engine extends SearchIndexWriter = SearchIndexWriter> {
  /** A fork of the ORM's entity manager for this request only. */
  em: Em;
  /** Verified from the forwarded bearer token; never from an unverified header. */
  caller: Caller;
  loaders: Loaders;
  /** The search engine, for the subgraph that was given one (the search subgraph). */
  searchEngine: Engine | null;
  /** The hub's public base URL, for links handed out (invitations). */
  publicUrl: string;
}
