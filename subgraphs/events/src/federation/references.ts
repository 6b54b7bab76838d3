import { defineForeignEntities, type CooperationKey, type MunicipalityKey } from '@welcome-hub/kit';

/** This subgraph's own stubs of Municipality and Cooperation (see defineForeignEntities). */
export const { MunicipalityRef, CooperationRef, foreignReferences } = defineForeignEntities();
export type MunicipalityRef = MunicipalityKey;
export type CooperationRef = CooperationKey;
