import type { Context } from '../context.js';
import { AdoptionStatus } from '../module/module.type.js';
import { areaDirectory } from '../shared/areas.js';
import { adoptionsPerDistrict, adoptionsPerModule } from './statistics.repository.js';
import type { DistrictModuleAdoption, ModuleAdoptionCount } from './statistics.type.js';

const STATUSES = Object.values(AdoptionStatus);

/** Per district and status, all 20 districts and every status (zeros included), in Kreisschlüssel order. */
export async function adoptionByDistrict(ctx: Context): Promise<DistrictModuleAdoption[]> {
  const counted = new Map((await adoptionsPerDistrict(ctx.em)).map((r) => [`${r.district}:${r.status}`, r]));
  return areaDirectory().districts.flatMap((code) =>
    STATUSES.map((status) => {
      const row = counted.get(`${code}:${status}`);
      return { district: { code }, status, adoptions: row?.adoptions ?? 0, municipalities: row?.municipalities ?? 0 };
    }),
  );
}

export interface ModuleAdoptionValue extends ModuleAdoptionCount {
  moduleId: string;
}

/** Per module, its adoptions in total and per status, most adopted first; ties by title, as `modules(orderBy: ADOPTIONS)`. */
export async function adoptionByModule(ctx: Context): Promise<ModuleAdoptionValue[]> {
  // Rows come by title, and a Map keeps that order; the sort below is stable.
  const modules = new Map<string, Map<string, number>>();
  for (const row of await adoptionsPerModule(ctx.em)) {
    const counts = modules.get(row.moduleId) ?? new Map<string, number>();
    if (row.status) counts.set(row.status, row.adoptions);
    modules.set(row.moduleId, counts);
  }
  return [...modules]
    .map(([moduleId, counts]) => ({
      moduleId,
      adoptions: [...counts.values()].reduce((a, b) => a + b, 0),
      byStatus: STATUSES.map((status) => ({ status, adoptions: counts.get(status) ?? 0 })),
    }))
    .sort((a, b) => b.adoptions - a.adoptions);
}
