import { findByKeys, type Em } from '@welcome-hub/kit';
import { DistrictEntity, type DistrictRow } from './district.entity.js';
import type { RegionCode } from '../shared/region.js';

export function findDistrictsByCodes(em: Em, codes: readonly string[]): Promise<DistrictRow[]> {
  return findByKeys(em, DistrictEntity, 'code', codes);
}

export function listDistricts(em: Em, region: RegionCode | null | undefined): Promise<DistrictRow[]> {
  return em.find(DistrictEntity, region ? { region } : {}, { orderBy: { code: 'asc' } });
}
