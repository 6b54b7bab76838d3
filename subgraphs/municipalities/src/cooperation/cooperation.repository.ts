import type { Em } from '@welcome-hub/kit';
import { CooperationEntity, MembershipEntity, type CooperationRow, type MembershipRow } from './cooperation.entity.js';

export function listCooperations(em: Em): Promise<CooperationRow[]> {
  return em.find(CooperationEntity, {}, { orderBy: { name: 'asc' } });
}

export function findCooperationsByIds(em: Em, ids: readonly string[]): Promise<CooperationRow[]> {
  return em.find(CooperationEntity, { id: { $in: [...ids] } });
}

export function findCooperationsBySlugs(em: Em, slugs: readonly string[]): Promise<CooperationRow[]> {
  return em.find(CooperationEntity, { slug: { $in: [...slugs] } });
}

export function findMembershipsByCooperations(em: Em, ids: readonly string[]): Promise<MembershipRow[]> {
  return em.find(MembershipEntity, { cooperationId: { $in: [...ids] } }, { orderBy: { municipalityAgs: 'asc' } });
}

export function findMembershipsByMunicipalities(em: Em, ags: readonly string[]): Promise<MembershipRow[]> {
  return em.find(MembershipEntity, { municipalityAgs: { $in: [...ags] } });
}

export function findMembership(em: Em, cooperationId: string, ags: string): Promise<MembershipRow | null> {
  return em.findOne(MembershipEntity, { cooperationId, municipalityAgs: ags });
}
