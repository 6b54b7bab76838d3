import DataLoader from 'dataloader';
import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import { findAnswersByAssessments, findAssessmentsByMunicipalities } from './assessment/assessment.repository.js';
import type { AreaRow, CriterionRow } from './catalogue/catalogue.entity.js';
import { listAreas, listCriteria } from './catalogue/catalogue.repository.js';
import type { ModuleRow } from './module/module.entity.js';
import {
  findAdoptionsByModules,
  findAdoptionsByMunicipalities,
  findModulesByCriteria,
  findModulesByIds,
  findModulesBySlugs,
  findVersionsByModules,
} from './module/module.repository.js';

export interface Catalogue {
  areas: AreaRow[];
  criteria: CriterionRow[];
  criterion: Map<string, CriterionRow>;
}

/**
 * Per-request DataLoaders; each lookup below is one statement per request tick. The
 * statements are the repositories'; a loader only batches and groups their results.
 */
export function createLoaders(em: Em) {
  return {
    module: byKeyLoader(
      (keys: readonly string[]) => findModulesByIds(em, keys),
      (m) => m.id,
    ),
    moduleBySlug: byKeyLoader(
      (keys: readonly string[]) => findModulesBySlugs(em, keys),
      (m) => m.slug,
    ),
    versions: groupLoader(
      (keys: readonly string[]) => findVersionsByModules(em, keys),
      (v) => v.moduleId,
    ),
    adoptionsByModule: groupLoader(
      (keys: readonly string[]) => findAdoptionsByModules(em, keys),
      (a) => a.moduleId,
    ),
    adoptionsByMunicipality: groupLoader(
      (keys: readonly string[]) => findAdoptionsByMunicipalities(em, keys),
      (a) => a.municipalityAgs,
    ),
    modulesByCriterion: new DataLoader<string, ModuleRow[]>(async (keys) => {
      const modules = await findModulesByCriteria(em, keys);
      return keys.map((key) => modules.filter((m) => m.criteria.includes(key)));
    }),
    catalogue: new DataLoader<'all', Catalogue>(async (keys) => {
      const [areas, criteria] = await Promise.all([listAreas(em), listCriteria(em)]);
      return keys.map(() => ({ areas, criteria, criterion: new Map(criteria.map((c) => [c.key, c])) }));
    }),
    assessmentsByMunicipality: groupLoader(
      (keys: readonly string[]) => findAssessmentsByMunicipalities(em, keys),
      (a) => a.municipalityAgs,
    ),
    answers: groupLoader(
      (keys: readonly string[]) => findAnswersByAssessments(em, keys),
      (a) => a.assessmentId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
