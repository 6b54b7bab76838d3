import type { SubgraphDefinition } from '@welcome-hub/kit';
import { municipalitiesSubgraph } from '@welcome-hub/municipalities';
import { eventsSubgraph } from '@welcome-hub/events';
import { modulesSubgraph } from '@welcome-hub/modules';
import { practicesSubgraph } from '@welcome-hub/practices';
import { searchSubgraph } from '@welcome-hub/search';
import { identitySubgraph } from '@welcome-hub/identity';

/** Every subgraph of the hub, in composition order. Add new subgraphs here. */
export const subgraphs: SubgraphDefinition[] = [
  municipalitiesSubgraph as SubgraphDefinition,
  practicesSubgraph as SubgraphDefinition,
  modulesSubgraph as SubgraphDefinition,
  eventsSubgraph as SubgraphDefinition,
  searchSubgraph,
  identitySubgraph as SubgraphDefinition,
];

/** The URL written into the committed supergraph: the distributed mode's default port on localhost. */
export function defaultSubgraphUrl(definition: SubgraphDefinition): string {
  return `http://localhost:${definition.defaultPort}/graphql`;
}
