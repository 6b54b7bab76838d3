import DataLoader from 'dataloader';
import { auditHistoryLoader, byKeyLoader, groupLoader, type Caller, type Em } from '@welcome-hub/kit';
import { findInterestsByPractices } from './interest/interest.repository.js';
import { practicesModel } from './model.js';
import type { PracticeRow } from './practice/practice.entity.js';
import {
  findAdaptationsOf,
  findByCriteria,
  findByOwnerAgs,
  findByOwnerCooperations,
  findPracticesByIds,
  findPracticesBySlugs,
} from './practice/practice.repository.js';
import { visiblePractices } from './practice/practice.visibility.js';
import { countDescendants, findAncestorIds } from './reuse/reuse.repository.js';

/**
 * Per-request DataLoaders; every list contributed to another subgraph's entity batches here.
 * Lists show what the caller sees; lookups by id or slug load everything, and their callers
 * check visibility (`isVisible`).
 */
export function createLoaders(em: Em, caller: Caller) {
  const listed = visiblePractices(caller, 'listed');
  return {
    practice: byKeyLoader(
      (ids: readonly string[]) => findPracticesByIds(em, ids),
      (p) => p.id,
    ),
    practiceBySlug: byKeyLoader(
      (slugs: readonly string[]) => findPracticesBySlugs(em, slugs),
      (p) => p.slug,
    ),
    practicesByMunicipality: groupLoader(
      (ags: readonly string[]) => findByOwnerAgs(em, ags, listed),
      (p) => p.ownerAgs!,
    ),
    practicesByCooperation: groupLoader(
      (slugs: readonly string[]) => findByOwnerCooperations(em, slugs, listed),
      (p) => p.ownerCooperation!,
    ),
    adaptations: groupLoader(
      (ids: readonly string[]) => findAdaptationsOf(em, ids, listed),
      (p) => p.adaptedFromId!,
    ),
    ancestorIds: new DataLoader<string, string[]>(async (ids) => {
      const found = await findAncestorIds(em, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    reuseCount: new DataLoader<string, number>(async (ids) => {
      const found = await countDescendants(em, ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    practicesByCriterion: new DataLoader<string, PracticeRow[]>(async (keys) => {
      const practices = await findByCriteria(em, keys, listed);
      return keys.map((key) => practices.filter((p) => p.criteria.includes(key)));
    }),
    interests: groupLoader(
      (ids: readonly string[]) => findInterestsByPractices(em, ids),
      (i) => i.practiceId,
    ),
    practiceHistory: auditHistoryLoader(em, practicesModel.schema, 'Practice'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
