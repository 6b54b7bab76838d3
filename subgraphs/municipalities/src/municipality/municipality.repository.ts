import type { EntityData } from '@mikro-orm/core';
import { raw } from '@mikro-orm/sql';
import { EARTH_RADIUS_KM, type Em, type PageWindow } from '@welcome-hub/kit';
import { MunicipalityEntity, type MunicipalityRow } from './municipality.entity.js';
import { DistrictEntity, type DistrictRow } from '../district/district.entity.js';
import type { MunicipalityKind } from './municipality.type.js';
import type { RegionCode } from '../shared/region.js';

/** A validated filter: the cooperation is already resolved to its id. */
export interface MunicipalityQuery {
  region?: RegionCode | null;
  district?: string | null;
  cooperationId?: string | null;
  namePrefix?: string | null;
  kind?: MunicipalityKind | null;
  near?: { lat: number; lon: number; radiusKm: number } | null;
}

/**
 * Degrees to a billionth (0.1 mm): PostgreSQL refuses arithmetic that underflows, so
 * radians() of a subnormal such as 5e-324 would fail the query instead of meaning 0.
 */
function roundDegrees(degrees: number): number {
  return Math.round(degrees * 1e9) / 1e9;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(em: Em, query: MunicipalityQuery) {
  const qb = em.createQueryBuilder(MunicipalityEntity, 'm');
  if (query.region) qb.andWhere({ region: query.region });
  if (query.district) qb.andWhere({ districtCode: query.district });
  if (query.kind) qb.andWhere({ kind: query.kind });
  if (query.namePrefix) qb.andWhere({ name: { $ilike: `${escapeLike(query.namePrefix)}%` } });
  if (query.cooperationId) {
    qb.andWhere(
      raw('m.ags in (select ms.municipality_ags from "municipalities"."membership" ms where ms.cooperation_id = ?)', [
        query.cooperationId,
      ]),
    );
  }
  if (query.near) {
    const { radiusKm } = query.near;
    const [lat, lon] = [roundDegrees(query.near.lat), roundDegrees(query.near.lon)];
    // Haversine distance on the representative point, in SQL; the Earth radius is kit's, as every distance of the hub.
    qb.andWhere(
      raw(
        `${2 * EARTH_RADIUS_KM} * asin(sqrt(power(sin(radians(m.latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians(m.latitude)) * power(sin(radians(m.longitude - ?) / 2), 2))) <= ?`,
        [lat, lat, lon, radiusKm],
      ),
    );
  }
  return qb;
}

/** One page in AGS order, plus the size of the whole filtered list: two statements. */
export async function findMunicipalityPage(
  em: Em,
  query: MunicipalityQuery,
  window: PageWindow,
): Promise<{ rows: MunicipalityRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(em, query).orderBy({ ags: 'asc' }).offset(window.offset).limit(window.limit).getResultList(),
    filtered(em, query).getCount(),
  ]);
  return { rows, total };
}

/**
 * Municipalities by AGS, each with its district: one statement where loading the districts
 * afterwards would take a second (most views of a municipality show its district).
 */
export async function findMunicipalitiesWithDistricts(
  em: Em,
  ags: readonly string[],
): Promise<{ municipality: MunicipalityRow; district: DistrictRow }[]> {
  const rows = await em.execute<({ district_row: EntityData<DistrictRow> } & EntityData<MunicipalityRow>)[]>(
    `select m.*, to_jsonb(d) as district_row from "municipalities"."municipality" m
     join "municipalities"."district" d on d.code = m.district_code
     where m.ags in (${ags.map(() => '?').join(', ')})`,
    [...ags],
  );
  // District's columns are text, which to_jsonb keeps as it is; a column of another type
  // would need its own conversion (municipality.db.test.ts compares both ways of loading).
  return rows.map(({ district_row, ...row }) => ({
    municipality: em.map(MunicipalityEntity, row),
    district: em.map(DistrictEntity, district_row),
  }));
}

export function findMunicipalitiesByDistricts(em: Em, codes: readonly string[]): Promise<MunicipalityRow[]> {
  return em.find(MunicipalityEntity, { districtCode: { $in: [...codes] } }, { orderBy: { ags: 'asc' } });
}
