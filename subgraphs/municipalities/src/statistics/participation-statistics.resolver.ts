import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InputValidator, TimeInterval, isSlug } from '@welcome-hub/kit';
import { unknownCooperation } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { Cooperation } from '../cooperation/cooperation.type.js';
import type { CooperationRow } from '../cooperation/cooperation.entity.js';
import { REGION_NAMES, RegionCode } from '../shared/region.js';
import {
  countByDistrict,
  countByRegion,
  countOverTime,
  type GroupCounts,
} from './participation-statistics.repository.js';
import {
  DistrictParticipation,
  ParticipationPeriod,
  ParticipationStatistics,
  RegionParticipation,
  type ParticipationScope,
} from './participation-statistics.type.js';

const withPercent = <T extends GroupCounts>(counts: T) => ({
  ...counts,
  activePercent: counts.municipalities === 0 ? 0 : Math.round((1000 * counts.active) / counts.municipalities) / 10,
});

/** Participation figures for dashboards: public, the same for every caller, each field one SQL statement. */
@Resolver(() => ParticipationStatistics)
export class ParticipationStatisticsResolver {
  @Query(() => ParticipationStatistics, {
    description: 'Participation of the municipalities in cooperations: per region, per district and over time.',
  })
  async participationStatistics(
    @Arg('cooperation', () => String, { nullable: true, description: 'Only this cooperation (slug); default all.' })
    cooperation: string | null,
    @Ctx() ctx: Context,
  ): Promise<ParticipationScope> {
    if (cooperation == null) return { cooperationId: null };
    const v = new InputValidator();
    v.check(isSlug(cooperation), 'cooperation', 'must be a cooperation slug such as "integration-interkommunal"');
    v.throwIfInvalid();
    const found = await ctx.loaders.cooperationBySlug.load(cooperation);
    v.check(found != null, 'cooperation', unknownCooperation(cooperation));
    v.throwIfInvalid();
    ctx.loaders.cooperation.prime(found!.id, found!);
    return { cooperationId: found!.id };
  }

  @FieldResolver(() => Cooperation, { nullable: true, description: 'The cooperation counted; null: all cooperations.' })
  async cooperation(@Root() scope: ParticipationScope, @Ctx() ctx: Context): Promise<CooperationRow | null> {
    return scope.cooperationId ? ctx.loaders.cooperation.load(scope.cooperationId) : null;
  }

  @FieldResolver(() => [RegionParticipation], { description: 'Per region.' })
  async byRegion(@Root() scope: ParticipationScope, @Ctx() ctx: Context): Promise<RegionParticipation[]> {
    const counts = await countByRegion(ctx.em, scope.cooperationId);
    return Object.values(RegionCode).map((region) =>
      withPercent({
        region,
        regionName: REGION_NAMES[region],
        ...(counts.get(region) ?? { municipalities: 0, declared: 0, active: 0 }),
      }),
    );
  }

  @FieldResolver(() => [DistrictParticipation], {
    description: 'Per district (all 20, or those of one region), in Kreisschlüssel order.',
  })
  async byDistrict(
    @Root() scope: ParticipationScope,
    @Arg('region', () => RegionCode, { nullable: true, description: 'Only the districts of this region.' })
    region: RegionCode | null,
    @Ctx() ctx: Context,
  ): Promise<DistrictParticipation[]> {
    const rows = await countByDistrict(ctx.em, scope.cooperationId, region);
    for (const row of rows) ctx.loaders.district.prime(row.district.code, row.district);
    return rows.map(withPercent) as unknown as DistrictParticipation[];
  }

  @FieldResolver(() => [ParticipationPeriod], {
    description: 'A time series from the first declaration to today, without gaps.',
  })
  overTime(
    @Root() scope: ParticipationScope,
    @Arg('interval', () => TimeInterval, {
      defaultValue: TimeInterval.YEAR,
      description: 'Bucket width; default YEAR.',
    })
    interval: TimeInterval,
    @Arg('region', () => RegionCode, { nullable: true, description: 'Only municipalities of this region.' })
    region: RegionCode | null,
    @Ctx() ctx: Context,
  ): Promise<ParticipationPeriod[]> {
    return countOverTime(ctx.em, interval, scope.cooperationId, region);
  }
}
