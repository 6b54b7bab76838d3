// Process entry of the distributed mode: listen only. The engine is Meilisearch (MEILI_URL).
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import { runSubgraphProcess } from '@welcome-hub/kit';
import { meilisearchFromConfig } from '@welcome-hub/search-engine';
import { searchSubgraph } from './server.js';

await runSubgraphProcess(searchSubgraph, { searchEngine: meilisearchFromConfig });
