import { createUnionType, Directive, Field, ID, ObjectType } from 'type-graphql';
import { defineForeignEntities } from '@welcome-hub/kit';

export const { MunicipalityRef, foreignReferences } = defineForeignEntities();

// Stubs of the other subgraphs' entities: this subgraph only names them by key, and the
// gateway fetches their fields from their owners.
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Practice', { description: 'A best-practice project (owned by the practices subgraph).' })
export class PracticeRef {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Module', { description: 'A shared module (owned by the modules subgraph).' })
export class ModuleRef {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Event', { description: 'An event (owned by the events subgraph).' })
export class EventRef {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;
}

/** A reference to the record a hit stands for. */
export type EntityReference =
  | { __typename: 'Municipality'; ags: string }
  | { __typename: 'Practice' | 'Module' | 'Event'; id: string };

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'The record a search hit stands for; its fields come from the subgraph that owns it.',
  types: () => [MunicipalityRef, PracticeRef, ModuleRef, EventRef] as const,
  resolveType: (value) => (value as EntityReference).__typename,
});
