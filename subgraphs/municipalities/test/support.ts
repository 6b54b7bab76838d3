import { startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { municipalitiesSubgraph } from '../src/server.js';

export type { SubgraphUnderTest };

/** The municipalities subgraph on a fresh, migrated and seeded database, served over HTTP. */
export const startMunicipalities = () => startTestSubgraph(municipalitiesSubgraph);
