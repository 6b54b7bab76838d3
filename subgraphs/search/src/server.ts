import 'reflect-metadata';
import type { SubgraphDefinition } from '@welcome-hub/kit';
import { searchModel } from './model.js';
import { searchSchema } from './schema.js';

/** Search over every subgraph's records; the engine is handed in (`searchEngine`). */
export const searchSubgraph: SubgraphDefinition = {
  name: 'search',
  defaultPort: 4005,
  model: searchModel,
  schema: searchSchema,
  createLoaders: () => ({}),
  requiresSearchEngine: true,
};
