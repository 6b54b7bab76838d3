import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the municipalities subgraph's Municipality: just its key. */
export interface MunicipalityKey {
  ags: string;
}

/** Stub of the municipalities subgraph's Cooperation: just its key. */
export interface CooperationKey {
  slug: string;
}

/**
 * Declares stubs of the entities the municipalities subgraph owns, for a subgraph that
 * adds fields to them or points at them. Call it once per subgraph: type-graphql attaches
 * field resolvers to the class globally, so two subgraphs sharing one stub class would
 * leak each other's fields into their schemas.
 */
export function defineForeignEntities() {
  @Directive('@key(fields: "ags")')
  @ObjectType('Municipality', {
    description:
      'A municipality of Südwestfalen or the Ruhr. Statistics are official Destatis figures; show `attribution` with them.',
  })
  class MunicipalityRef implements MunicipalityKey {
    @Field(() => ID, { description: 'Amtlicher Gemeindeschlüssel: 8 digits with the leading zero, e.g. "05970040".' })
    ags!: string;
  }

  @Directive('@key(fields: "slug")')
  @ObjectType('Cooperation', { description: 'An inter-municipal cooperation on welcoming newcomers.' })
  class CooperationRef implements CooperationKey {
    @Field({ description: 'Human-readable unique key, e.g. "integration-interkommunal".' })
    slug!: string;
  }

  /** Representations resolve without a lookup: the contributing subgraph only needs the key. */
  const foreignReferences = {
    Municipality: { __resolveReference: (ref: MunicipalityKey) => ({ ags: ref.ags }) },
    Cooperation: { __resolveReference: (ref: CooperationKey) => ({ slug: ref.slug }) },
  };
  return { MunicipalityRef, CooperationRef, foreignReferences };
}
