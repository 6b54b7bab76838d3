import type { RequestContext } from '@welcome-hub/kit';
import type { SearchEngine } from '@welcome-hub/search-engine';

/** The search subgraph queries its engine, so it knows it as the full port, not kit's writer. */
export type Context = RequestContext<Record<string, never>, SearchEngine>;
