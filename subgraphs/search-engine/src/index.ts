/**
 * `@welcome-hub/search-engine`: the hub's search engines behind kit's search contract.
 * The search subgraph queries them; process entries and the embedded hub build the one
 * that receives the outbox relays' writes. Domain subgraphs' library code never imports
 * this package: it describes documents through kit (`SearchDocument`, `SearchFeed`).
 */
export * from './port.js';
export * from './analysis.js';
export * from './highlight.js';
export * from './embedded/engine.js';
export * from './meilisearch/engine.js';
export * from './meilisearch/config.js';
export * from './meilisearch/settings.js';
export * from './meilisearch/filters.js';
export {
  decodeDocumentId,
  encodeDocumentId,
  fromMeiliDocument,
  toMeiliDocument,
  type MeiliDocument,
} from './meilisearch/documents.js';
export { meilisearchQueries } from './meilisearch/queries.js';
export type { MeilisearchLog } from './meilisearch/failures.js';
export * from './local-meilisearch.js';
