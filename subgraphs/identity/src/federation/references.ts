import { defineForeignEntities, type MunicipalityKey } from '@welcome-hub/kit';

/** This subgraph's own stub of Municipality (see defineForeignEntities). */
export const { MunicipalityRef, foreignReferences } = defineForeignEntities();
export type MunicipalityRef = MunicipalityKey;
