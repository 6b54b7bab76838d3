import { auditReaders, coordinatorsOnly, definePolicy, forMunicipality, type AuditScope } from '@welcome-hub/kit';

/** The municipality a record belongs to, by its AGS. */
export interface MunicipalityScoped {
  ags: string;
}

/** The modules subgraph's catalogue: each action and the resource its rule decides on. */
export interface ModulesResources {
  /** Change a module or add a released version. */
  'module:write': unknown;
  /** Create or change a criterion of the Quick-Check catalogue. */
  'criterion:write': unknown;
  /** Record how a municipality uses a module. */
  'adoption:write': MunicipalityScoped;
  /** Submit a municipality's Quick-Check self-assessment. */
  'assessment:write': MunicipalityScoped;
  /** See a municipality's assessments (private to it and coordinators). */
  'assessment:read': MunicipalityScoped;
  /** Read this subgraph's audit trail: coordinators all of it, editors their municipality's records. */
  'audit:read': AuditScope;
}
export type ModulesAction = keyof ModulesResources;

/** Who may do what in this subgraph; the only place its permissions are decided. */
export const modulesPolicy = definePolicy<ModulesResources>({
  'module:write': coordinatorsOnly,
  'criterion:write': coordinatorsOnly,
  'adoption:write': forMunicipality((adoption) => adoption.ags),
  'assessment:write': forMunicipality((assessment) => assessment.ags),
  'assessment:read': forMunicipality(
    (assessment) => assessment.ags,
    'Assessments are visible only to their municipality and coordinators.',
  ),
  'audit:read': auditReaders,
});
