import DataLoader from 'dataloader';
import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import { AnswerEntity, AssessmentEntity } from './assessment/assessment.entity.js';
import { AreaEntity, CriterionEntity, type AreaRow, type CriterionRow } from './catalogue/catalogue.entity.js';
import { AdoptionEntity, ModuleEntity, ModuleVersionEntity, type ModuleRow } from './module/module.entity.js';

export interface Catalogue {
  areas: AreaRow[];
  criteria: CriterionRow[];
  criterion: Map<string, CriterionRow>;
}

/** Per-request DataLoaders; each lookup below is one statement per request tick. */
export function createLoaders(em: Em) {
  const ids = (keys: readonly string[]) => ({ $in: [...keys] });
  return {
    module: byKeyLoader((keys: readonly string[]) => em.find(ModuleEntity, { id: ids(keys) }), (m) => m.id),
    moduleBySlug: byKeyLoader((keys: readonly string[]) => em.find(ModuleEntity, { slug: ids(keys) }), (m) => m.slug),
    versions: groupLoader((keys: readonly string[]) => em.find(ModuleVersionEntity, { moduleId: ids(keys) }, { orderBy: { releasedOn: 'desc' } }), (v) => v.moduleId),
    adoptionsByModule: groupLoader((keys: readonly string[]) => em.find(AdoptionEntity, { moduleId: ids(keys) }, { orderBy: { municipalityAgs: 'asc' } }), (a) => a.moduleId),
    adoptionsByMunicipality: groupLoader((keys: readonly string[]) => em.find(AdoptionEntity, { municipalityAgs: ids(keys) }, { orderBy: { createdAt: 'asc' } }), (a) => a.municipalityAgs),
    modulesByCriterion: new DataLoader<string, ModuleRow[]>(async (keys) => {
      const modules = await em.find(ModuleEntity, { criteria: { $overlap: [...keys] } }, { orderBy: { title: 'asc' } });
      return keys.map((key) => modules.filter((m) => m.criteria.includes(key)));
    }),
    catalogue: new DataLoader<'all', Catalogue>(async (keys) => {
      const [areas, criteria] = await Promise.all([
        em.find(AreaEntity, {}, { orderBy: { position: 'asc' } }),
        em.find(CriterionEntity, {}, { orderBy: { position: 'asc' } }),
      ]);
      return keys.map(() => ({ areas, criteria, criterion: new Map(criteria.map((c) => [c.key, c])) }));
    }),
    assessmentsByMunicipality: groupLoader((keys: readonly string[]) => em.find(AssessmentEntity, { municipalityAgs: ids(keys) }, { orderBy: { submittedAt: 'desc', id: 'asc' } }), (a) => a.municipalityAgs),
    answers: groupLoader((keys: readonly string[]) => em.find(AnswerEntity, { assessmentId: ids(keys) }), (a) => a.assessmentId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
