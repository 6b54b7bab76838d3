import type { DataModel } from '@welcome-hub/kit';

/** The search subgraph keeps nothing in PostgreSQL: the engine holds its index. */
export const searchModel: DataModel = { schema: 'search', entities: [], migrations: [] };
