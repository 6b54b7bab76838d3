import { auditReaders, definePolicy, forMunicipality, signedIn, type AuditScope } from '@welcome-hub/kit';

/** The municipalities subgraph's catalogue: each action and the resource its rule decides on. */
export interface MunicipalitiesResources {
  /** Declare, withdraw or re-address a municipality's participation in a cooperation. */
  'participation:write': { municipalityAgs: string };
  /** See a participation's contact person (personal data). */
  'participation:read-contact': unknown;
  /** Read this subgraph's audit trail: coordinators all of it, editors their municipality's records. */
  'audit:read': AuditScope;
}
export type MunicipalitiesAction = keyof MunicipalitiesResources;

/** Who may do what in this subgraph; the only place its permissions are decided. */
export const municipalitiesPolicy = definePolicy<MunicipalitiesResources>({
  'participation:write': forMunicipality((p) => p.municipalityAgs),
  'participation:read-contact': signedIn,
  'audit:read': auditReaders,
});
