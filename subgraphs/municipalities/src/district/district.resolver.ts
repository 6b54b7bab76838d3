import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Municipality } from '../municipality/municipality.type.js';
import type { MunicipalityRow } from '../municipality/municipality.entity.js';
import { RegionCode } from '../shared/region.js';
import type { DistrictRow } from './district.entity.js';
import { listDistricts } from './district.repository.js';
import { District } from './district.type.js';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], {
    nullable: true,
    description: 'Districts in Kreisschlüssel order, optionally of one region.',
  })
  districts(
    @Arg('region', () => RegionCode, { nullable: true, description: 'Only this region.' }) region: RegionCode | null,
    @Ctx() ctx: Context,
  ) {
    return listDistricts(ctx.em, region);
  }

  @Query(() => District, {
    nullable: true,
    description: 'One district by its 5-digit Kreisschlüssel; null when unknown.',
  })
  district(@Arg('code', () => ID, { description: 'Kreisschlüssel, e.g. "05970".' }) code: string, @Ctx() ctx: Context) {
    return ctx.loaders.district.load(code);
  }

  @FieldResolver(() => [Municipality], { description: 'Its municipalities in AGS order.' })
  municipalities(@Root() d: DistrictRow, @Ctx() ctx: Context): Promise<MunicipalityRow[]> {
    return ctx.loaders.municipalitiesByDistrict.load(d.code);
  }
}

export const districtReference = {
  District: {
    __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.district.load(ref.code),
  },
};
