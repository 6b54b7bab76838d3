import {
  InputValidator,
  agsSchema,
  districtCodeSchema,
  nearSchema,
  pageWindow,
  parseInput,
  toConnection,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { unknownCooperation } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import type { MunicipalityRow } from './municipality.entity.js';
import { findMunicipalityPage, type MunicipalityQuery } from './municipality.repository.js';
import type { MunicipalityFilter } from './municipality.type.js';

/** Rejects anything but an 8-digit AGS, naming the argument. */
export function assertAgs(ags: string, field: string): void {
  parseInput(agsSchema, ags, field);
}

export async function getMunicipality(ctx: Context, ags: string): Promise<MunicipalityRow | null> {
  assertAgs(ags, 'ags');
  return ctx.loaders.municipality.load(ags);
}

async function toQuery(ctx: Context, filter: MunicipalityFilter | null | undefined): Promise<MunicipalityQuery> {
  if (!filter) return {};
  const v = new InputValidator();
  if (filter.district != null) v.rule(districtCodeSchema, filter.district, 'filter.district');
  if (filter.namePrefix != null)
    v.check(
      filter.namePrefix.trim().length >= 1 && filter.namePrefix.length <= 100,
      'filter.namePrefix',
      'must have 1 to 100 characters',
    );
  if (filter.near) v.rule(nearSchema, filter.near, 'filter.near');
  let cooperationId: string | null = null;
  if (filter.cooperation != null) {
    const cooperation = await ctx.loaders.cooperationBySlug.load(filter.cooperation);
    v.check(cooperation !== null, 'filter.cooperation', unknownCooperation(filter.cooperation));
    cooperationId = cooperation?.id ?? null;
  }
  v.throwIfInvalid();
  return { ...filter, namePrefix: filter.namePrefix?.trim(), cooperationId };
}

export async function listMunicipalities(
  ctx: Context,
  filter: MunicipalityFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<MunicipalityRow>> {
  const window = pageWindow(page);
  const query = await toQuery(ctx, filter);
  const { rows, total } = await findMunicipalityPage(ctx.em, query, window);
  // Later lookups in the same request (e.g. _entities) reuse these rows.
  for (const row of rows) ctx.loaders.municipality.prime(row.ags, row);
  return toConnection(rows, total, window);
}
