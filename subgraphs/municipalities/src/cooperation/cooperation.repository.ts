import { findByKeys, type Em } from '@welcome-hub/kit';
import { CooperationEntity, MembershipEntity, type CooperationRow, type MembershipRow } from './cooperation.entity.js';

export function listCooperations(em: Em): Promise<CooperationRow[]> {
  return em.find(CooperationEntity, {}, { orderBy: { name: 'asc' } });
}

export function findCooperationsByIds(em: Em, ids: readonly string[]): Promise<CooperationRow[]> {
  return findByKeys(em, CooperationEntity, 'id', ids);
}

export function findCooperationsBySlugs(em: Em, slugs: readonly string[]): Promise<CooperationRow[]> {
  return em.find(CooperationEntity, { slug: { $in: [...slugs] } });
}

export function findMembershipsByCooperations(em: Em, ids: readonly string[]): Promise<MembershipRow[]> {
  return em.find(MembershipEntity, { cooperationId: { $in: [...ids] } }, { orderBy: { municipalityAgs: 'asc' } });
}

export function findMembership(em: Em, cooperationId: string, ags: string): Promise<MembershipRow | null> {
  return em.findOne(MembershipEntity, { cooperationId, municipalityAgs: ags });
}

/**
 * The cooperations each of `ags` belongs to or is invited to, with the municipality's AGS:
 * one statement where memberships and then their cooperations would take two.
 */
export async function findCooperationsOfMunicipalities(
  em: Em,
  ags: readonly string[],
): Promise<{ ags: string; cooperation: CooperationRow }[]> {
  const rows = await em.execute<({ member_ags: string } & Record<string, unknown>)[]>(
    `select ms.municipality_ags as member_ags, c.* from "municipalities"."membership" ms
     join "municipalities"."cooperation" c on c.id = ms.cooperation_id
     where ms.municipality_ags in (${ags.map(() => '?').join(', ')})`,
    [...ags],
  );
  return rows.map(({ member_ags, ...row }) => ({ ags: member_ags, cooperation: em.map(CooperationEntity, row) }));
}
