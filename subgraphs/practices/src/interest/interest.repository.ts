import type { Em } from '@welcome-hub/kit';
import { InterestEntity, type InterestRow } from './interest.entity.js';

export function findInterestsByPractices(em: Em, ids: readonly string[]): Promise<InterestRow[]> {
  return em.find(InterestEntity, { practiceId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
