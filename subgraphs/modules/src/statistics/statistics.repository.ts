import type { Em } from '@welcome-hub/kit';

export interface DistrictStatusCount {
  district: string;
  status: string;
  adoptions: number;
  municipalities: number;
}

export interface ModuleStatusCount {
  moduleId: string;
  /** Null for a module without adoptions. */
  status: string | null;
  adoptions: number;
}

/** Adoptions and adopting municipalities per district (the AGS' first five digits) and status: one statement. */
export function adoptionsPerDistrict(em: Em): Promise<DistrictStatusCount[]> {
  return em.execute(
    `select left(a."municipality_ags", 5) as "district", a."status", count(*)::int as "adoptions", count(distinct a."municipality_ags")::int as "municipalities"
       from "modules"."module_adoption" a
      group by 1, 2`,
  ) as Promise<DistrictStatusCount[]>;
}

/** Adoptions per module and status, every module included, by title as module lists order it: one statement. */
export function adoptionsPerModule(em: Em): Promise<ModuleStatusCount[]> {
  return em.execute(
    `select m."id" as "moduleId", a."status", count(a."id")::int as "adoptions"
       from "modules"."module" m
       left join "modules"."module_adoption" a on a."module_id" = m."id"
      group by m."id", a."status"
      order by m."title", m."id"`,
  ) as Promise<ModuleStatusCount[]>;
}
