import type { Em } from '@welcome-hub/kit';
import { InterestEntity, type InterestRow } from './interest.entity.js';

/** A municipality's interest in a practice, if it marked one (at most one: unique). */
export function findInterest(em: Em, practiceId: string, ags: string): Promise<InterestRow | null> {
  return em.findOne(InterestEntity, { practiceId, municipalityAgs: ags });
}

export function findInterestsByPractices(em: Em, ids: readonly string[]): Promise<InterestRow[]> {
  return em.find(InterestEntity, { practiceId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
