import type { Em } from '@welcome-hub/kit';
import { ParticipationEntity, type ParticipationRow } from './participation.entity.js';

export function findParticipation(em: Em, id: string): Promise<ParticipationRow | null> {
  return em.findOne(ParticipationEntity, { id });
}

export function findParticipationsByIds(em: Em, ids: readonly string[]): Promise<ParticipationRow[]> {
  return em.find(ParticipationEntity, { id: { $in: [...ids] } });
}

/** Active declarations of the given municipalities. */
export function findActiveByMunicipalities(em: Em, ags: readonly string[]): Promise<ParticipationRow[]> {
  return em.find(
    ParticipationEntity,
    { municipalityAgs: { $in: [...ags] }, withdrawnOn: null },
    { orderBy: { declaredOn: 'asc' } },
  );
}

/** Active declarations in the given cooperations. */
export function findActiveByCooperations(em: Em, ids: readonly string[]): Promise<ParticipationRow[]> {
  return em.find(
    ParticipationEntity,
    { cooperationId: { $in: [...ids] }, withdrawnOn: null },
    { orderBy: { municipalityAgs: 'asc' } },
  );
}

export function findActive(em: Em, cooperationId: string, ags: string): Promise<ParticipationRow | null> {
  return em.findOne(ParticipationEntity, { cooperationId, municipalityAgs: ags, withdrawnOn: null });
}
