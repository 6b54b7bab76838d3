import type { ModulePageQuery as ModuleData } from '../../../generated/graphql.js';

// What the parts of a module's page share: the answer's shapes.

/** The module as the page's query answers it. */
export type Module = NonNullable<ModuleData['module']>;
/** One municipality's use of the module. */
export type Adoption = Module['adoptions'][number];
