import type { Caller } from '../auth/caller.js';
import type { Em } from '../db/orm.js';
import type { SearchEngine } from '../search/port.js';

/** What every resolver of every subgraph receives; `loaders` are per request. */
export interface RequestContext<Loaders = unknown> {
  /** A fork of the ORM's entity manager for this request only. */
  em: Em;
  /** Verified from the forwarded bearer token; never from an unverified header. */
  caller: Caller;
  loaders: Loaders;
  /** The search engine, for the subgraph that was given one (the search subgraph). */
  searchEngine: SearchEngine | null;
  /** The hub's public base URL, for links handed out (invitations). */
  publicUrl: string;
}
