import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type ConnectionResult } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { Cooperation } from '../cooperation/cooperation.type.js';
import type { CooperationRow } from '../cooperation/cooperation.entity.js';
import { District } from '../district/district.type.js';
import type { DistrictRow } from '../district/district.entity.js';
import { Participation } from '../participation/participation.type.js';
import type { ParticipationRow } from '../participation/participation.entity.js';
import { DataAttribution, OFFICIAL_STATISTICS_ATTRIBUTION } from '../shared/attribution.js';
import { GeoPoint } from '../shared/geo.js';
import type { MunicipalityRow } from './municipality.entity.js';
import { getMunicipality, listMunicipalities } from './municipality.service.js';
import { Municipality, MunicipalityConnection, MunicipalityFilter } from './municipality.type.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => Municipality, { nullable: true, description: 'One municipality by its 8-digit AGS; null when unknown.' })
  municipality(
    @Arg('ags', () => ID, { description: 'Amtlicher Gemeindeschlüssel, 8 digits, e.g. "05970040".' }) ags: string,
    @Ctx() ctx: Context,
  ) {
    return getMunicipality(ctx, ags);
  }

  @Query(() => MunicipalityConnection, {
    nullable: true,
    description: 'Municipalities in AGS order, filtered and paged.',
  })
  municipalities(
    @Arg('filter', () => MunicipalityFilter, { nullable: true, description: 'Conditions; all must hold.' })
    filter: MunicipalityFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<MunicipalityRow>> {
    return listMunicipalities(ctx, filter, page);
  }

  @FieldResolver(() => District, { description: 'The district (Kreis or kreisfreie Stadt).' })
  async district(@Root() m: MunicipalityRow, @Ctx() ctx: Context): Promise<DistrictRow> {
    return (await ctx.loaders.district.load(m.districtCode))!;
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description: 'Representative point (Destatis "Mittelpunktkoordinaten", © GeoBasis-DE / BKG).',
  })
  location(@Root() m: MunicipalityRow): GeoPoint | null {
    return m.latitude == null || m.longitude == null ? null : { lat: m.latitude, lon: m.longitude };
  }

  @FieldResolver(() => [Cooperation], { description: 'Cooperations it belongs to or is invited to, by name.' })
  async cooperations(@Root() m: MunicipalityRow, @Ctx() ctx: Context): Promise<CooperationRow[]> {
    const pairs = await ctx.loaders.cooperationsByMunicipality.load(m.ags);
    return pairs.map((pair) => pair.cooperation).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }

  @FieldResolver(() => [Participation], { description: 'Active participation declarations of this municipality.' })
  participations(@Root() m: MunicipalityRow, @Ctx() ctx: Context): Promise<ParticipationRow[]> {
    return ctx.loaders.activeParticipationsByMunicipality.load(m.ags);
  }

  @FieldResolver(() => DataAttribution, { description: 'Source and licence of the official statistics shown here.' })
  attribution(): DataAttribution {
    return OFFICIAL_STATISTICS_ATTRIBUTION;
  }
}
