import 'reflect-metadata';
import type { SubgraphDefinition } from '@welcome-hub/kit';
import { createLoaders, type Loaders } from './loaders.js';
import { practicesModel } from './model.js';
import { practicesSchema } from './schema.js';
import { isEmpty, seedPractices } from './seed.js';
import { practiceSearchFeed } from './practice/practice.search.js';
import { practicesOpenData } from './open-data.js';

/** Best-practice projects, their reuse graph and municipalities' interest in them. */
export const practicesSubgraph: SubgraphDefinition<Loaders> = {
  name: 'practices',
  defaultPort: 4002,
  model: practicesModel,
  schema: practicesSchema,
  createLoaders,
  seed: (orm, log) => seedPractices(orm, { log }),
  isEmpty,
  search: practiceSearchFeed,
  httpRoutes: practicesOpenData,
};

export { practicesModel } from './model.js';
export { seedPractices, isEmpty } from './seed.js';
