import 'reflect-metadata';
import type { SubgraphDefinition } from '@welcome-hub/kit';
import { createLoaders, type Loaders } from './loaders.js';
import { modulesModel } from './model.js';
import { modulesSchema } from './schema.js';
import { isEmpty, seedModules } from './seed.js';
import { moduleSearchFeed } from './module/module.search.js';
import { modulesOpenData } from './open-data.js';
import { fillLedger } from './summary/summary.service.js';

/** Shared modules, adoptions, the Quick-Check catalogue and self-assessments. */
export const modulesSubgraph: SubgraphDefinition<Loaders> = {
  name: 'modules',
  defaultPort: 4003,
  model: modulesModel,
  schema: modulesSchema,
  createLoaders: (em) => createLoaders(em),
  seed: (orm, log) => seedModules(orm, { log }),
  isEmpty,
  afterMigrate: fillLedger,
  search: moduleSearchFeed,
  httpRoutes: modulesOpenData,
};

export { modulesModel } from './model.js';
export { seedModules, isEmpty } from './seed.js';
