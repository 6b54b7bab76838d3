import 'reflect-metadata';
import type { SubgraphSchemaInput } from '@welcome-hub/kit';
import { EventRef, ModuleRef, PracticeRef, foreignReferences } from './federation/references.js';
import { SearchResolver } from './search/search.resolver.js';

export const searchSchema: SubgraphSchemaInput = {
  resolvers: [SearchResolver],
  orphanedTypes: [PracticeRef, ModuleRef, EventRef],
  referenceResolvers: { Municipality: foreignReferences.Municipality },
};
