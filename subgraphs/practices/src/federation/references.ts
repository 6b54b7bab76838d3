import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities owned by the municipalities subgraph; this subgraph adds fields to them.

@Directive('@key(fields: "ags")')
@ObjectType('Municipality', {
  description: 'A municipality of Südwestfalen or the Ruhr. Statistics are official Destatis figures; show `attribution` with them.',
})
export class MunicipalityRef {
  @Field(() => ID, { description: 'Amtlicher Gemeindeschlüssel: 8 digits with the leading zero, e.g. "05970040".' })
  ags!: string;
}

@Directive('@key(fields: "slug")')
@ObjectType('Cooperation', { description: 'An inter-municipal cooperation on welcoming newcomers.' })
export class CooperationRef {
  @Field({ description: 'Human-readable unique key, e.g. "integration-interkommunal".' })
  slug!: string;
}

/** Representations resolve without a lookup: this subgraph only needs the key. */
export const foreignReferences = {
  Municipality: { __resolveReference: (ref: { ags: string }) => ({ ags: ref.ags }) },
  Cooperation: { __resolveReference: (ref: { slug: string }) => ({ slug: ref.slug }) },
};
