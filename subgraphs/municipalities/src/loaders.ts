import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import {
  findCooperationsByIds,
  findCooperationsBySlugs,
  findMembershipsByCooperations,
  findMembershipsByMunicipalities,
} from './cooperation/cooperation.repository.js';
import { findDistrictsByCodes } from './district/district.repository.js';
import { findMunicipalitiesByAgs, findMunicipalitiesByDistricts } from './municipality/municipality.repository.js';
import {
  findActiveByCooperations,
  findActiveByMunicipalities,
  findParticipationsByIds,
} from './participation/participation.repository.js';

/** Per-request DataLoaders: every cross-entity lookup of this subgraph goes through one. */
export function createLoaders(em: Em) {
  return {
    municipality: byKeyLoader(
      (ags: readonly string[]) => findMunicipalitiesByAgs(em, ags),
      (m) => m.ags,
    ),
    municipalitiesByDistrict: groupLoader(
      (codes: readonly string[]) => findMunicipalitiesByDistricts(em, codes),
      (m) => m.districtCode,
    ),
    district: byKeyLoader(
      (codes: readonly string[]) => findDistrictsByCodes(em, codes),
      (d) => d.code,
    ),
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
    membershipsByMunicipality: groupLoader(
      (ags: readonly string[]) => findMembershipsByMunicipalities(em, ags),
      (m) => m.municipalityAgs,
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
