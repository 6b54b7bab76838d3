import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import {
  findCooperationsByIds,
  findCooperationsBySlugs,
  findCooperationsOfMunicipalities,
  findMembershipsByCooperations,
} from './cooperation/cooperation.repository.js';
import type { DistrictRow } from './district/district.entity.js';
import { findDistrictsByCodes } from './district/district.repository.js';
import {
  findMunicipalitiesByDistricts,
  findMunicipalitiesWithDistricts,
} from './municipality/municipality.repository.js';
import {
  findActiveByCooperations,
  findActiveByMunicipalities,
  findParticipationsByIds,
} from './participation/participation.repository.js';

/** Per-request DataLoaders: every cross-entity lookup of this subgraph goes through one. */
export function createLoaders(em: Em) {
  const district = byKeyLoader(
    (codes: readonly string[]) => findDistrictsByCodes(em, codes),
    (d: DistrictRow) => d.code,
  );
  return {
    // Each municipality comes with its district, which then needs no statement of its own.
    municipality: byKeyLoader(
      async (ags: readonly string[]) => {
        const found = await findMunicipalitiesWithDistricts(em, ags);
        for (const row of found) district.prime(row.district.code, row.district);
        return found.map((row) => row.municipality);
      },
      (m) => m.ags,
    ),
    municipalitiesByDistrict: groupLoader(
      (codes: readonly string[]) => findMunicipalitiesByDistricts(em, codes),
      (m) => m.districtCode,
    ),
    district,
    cooperation: byKeyLoader(
      (ids: readonly string[]) => findCooperationsByIds(em, ids),
      (c) => c.id,
    ),
    cooperationBySlug: byKeyLoader(
      (slugs: readonly string[]) => findCooperationsBySlugs(em, slugs),
      (c) => c.slug,
    ),
    membershipsByCooperation: groupLoader(
      (ids: readonly string[]) => findMembershipsByCooperations(em, ids),
      (m) => m.cooperationId,
    ),
    cooperationsByMunicipality: groupLoader(
      (ags: readonly string[]) => findCooperationsOfMunicipalities(em, ags),
      (pair) => pair.ags,
    ),
    participation: byKeyLoader(
      (ids: readonly string[]) => findParticipationsByIds(em, ids),
      (p) => p.id,
    ),
    activeParticipationsByMunicipality: groupLoader(
      (ags: readonly string[]) => findActiveByMunicipalities(em, ags),
      (p) => p.municipalityAgs,
    ),
    activeParticipationsByCooperation: groupLoader(
      (ids: readonly string[]) => findActiveByCooperations(em, ids),
      (p) => p.cooperationId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
