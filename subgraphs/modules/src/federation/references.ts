import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { defineForeignEntities, type CooperationKey, type MunicipalityKey } from '@welcome-hub/kit';

/** This subgraph's own stubs of Municipality and Cooperation (see defineForeignEntities). */
export const { MunicipalityRef, CooperationRef, foreignReferences } = defineForeignEntities();
export type MunicipalityRef = MunicipalityKey;
export type CooperationRef = CooperationKey;

/**
 * Statistics point at districts by Kreisschlüssel; the municipalities subgraph owns them and
 * the gateway fetches their fields there, so this subgraph never resolves one itself.
 */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('District', {
  description: 'A district (Kreis or kreisfreie Stadt) as in the Destatis Gemeindeverzeichnis.',
})
export class DistrictRef {
  @Field(() => ID, { description: 'Kreisschlüssel: the first five digits of its municipalities\' AGS, e.g. "05970".' })
  code!: string;
}
