import type { Em, PageWindow } from '@welcome-hub/kit';
import {
  AdoptionEntity,
  ModuleEntity,
  ModuleVersionEntity,
  type AdoptionRow,
  type ModuleRow,
  type ModuleVersionRow,
} from './module.entity.js';
import { moduleOrderBy, type ModuleOrder } from './module.order.js';
import type { ModuleKind } from './module.type.js';

/** A module list's filter, as `listModules` has checked it. */
export interface ModuleQuery {
  kind?: ModuleKind | null;
  /** A criterion's key: modules addressing it. */
  criterion?: string | null;
}

export function findModule(em: Em, id: string): Promise<ModuleRow | null> {
  return em.findOne(ModuleEntity, { id });
}

/** One page in the order asked for, plus the size of the whole filtered list: two statements. */
export async function findModulePage(
  em: Em,
  query: ModuleQuery,
  window: PageWindow,
  order: ModuleOrder | null,
): Promise<{ rows: ModuleRow[]; total: number }> {
  const where: Record<string, unknown> = {};
  if (query.kind) where.kind = query.kind;
  if (query.criterion) where.criteria = { $contains: [query.criterion] };
  const options = { orderBy: moduleOrderBy(order) as never, offset: window.offset, limit: window.limit };
  const [rows, total] = await em.findAndCount(ModuleEntity, where, options);
  return { rows, total };
}

export function findModulesByIds(em: Em, ids: readonly string[]): Promise<ModuleRow[]> {
  return em.find(ModuleEntity, { id: { $in: [...ids] } });
}

export function findModulesBySlugs(em: Em, slugs: readonly string[]): Promise<ModuleRow[]> {
  return em.find(ModuleEntity, { slug: { $in: [...slugs] } });
}

/** Modules addressing any of the given criteria, by title. */
export function findModulesByCriteria(em: Em, keys: readonly string[]): Promise<ModuleRow[]> {
  return em.find(ModuleEntity, { criteria: { $overlap: [...keys] } }, { orderBy: { title: 'asc' } });
}

/** Versions of the given modules, newest release first. */
export function findVersionsByModules(em: Em, ids: readonly string[]): Promise<ModuleVersionRow[]> {
  return em.find(ModuleVersionEntity, { moduleId: { $in: [...ids] } }, { orderBy: { releasedOn: 'desc' } });
}

/** Adoptions of the given modules, by AGS. */
export function findAdoptionsByModules(em: Em, ids: readonly string[]): Promise<AdoptionRow[]> {
  return em.find(AdoptionEntity, { moduleId: { $in: [...ids] } }, { orderBy: { municipalityAgs: 'asc' } });
}

/** Adoptions by the given municipalities, oldest first. */
export function findAdoptionsByMunicipalities(em: Em, ags: readonly string[]): Promise<AdoptionRow[]> {
  return em.find(AdoptionEntity, { municipalityAgs: { $in: [...ags] } }, { orderBy: { createdAt: 'asc' } });
}

/** A municipality's adoption of a module, if it has one (at most one: unique). */
export function findAdoption(em: Em, moduleId: string, ags: string): Promise<AdoptionRow | null> {
  return em.findOne(AdoptionEntity, { moduleId, municipalityAgs: ags });
}
