// Process entry of the distributed mode: listen only.
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import { runSubgraphProcess } from '@welcome-hub/kit';
import { meilisearchFromConfig } from '@welcome-hub/search-engine';
import { municipalitiesSubgraph } from './server.js';

// Its outbox relay writes to the Meilisearch that MEILI_URL names (none without it).
await runSubgraphProcess(municipalitiesSubgraph, { searchEngine: meilisearchFromConfig });
