import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@welcome-hub/kit';
import { GeoRadiusInput } from '../shared/geo.js';
import { RegionCode } from '../shared/region.js';

export enum MunicipalityKind {
  STADT = 'STADT',
  GEMEINDE = 'GEMEINDE',
}

registerEnumType(MunicipalityKind, {
  name: 'MunicipalityKind',
  description: 'Legal status of a municipality (Destatis Textkennzeichen).',
  valuesConfig: {
    STADT: { description: 'Stadt: a town or city (kreisfreie or kreisangehörige Stadt).' },
    GEMEINDE: { description: 'Gemeinde: a municipality without town status.' },
  },
});

@Directive('@key(fields: "ags")')
@ObjectType('Municipality', {
  description:
    'A municipality of Südwestfalen or the Ruhr. Statistics are official Destatis figures; show `attribution` with them.',
})
export class Municipality {
  @Field(() => ID, { description: 'Amtlicher Gemeindeschlüssel: 8 digits with the leading zero, e.g. "05970040".' })
  ags!: string;

  @Field({ description: 'Short name, e.g. "Siegen".' })
  name!: string;

  @Field({ description: 'Official name, e.g. "Siegen, Universitätsstadt".' })
  officialName!: string;

  @Field(() => MunicipalityKind, { description: 'Stadt or Gemeinde.' })
  kind!: MunicipalityKind;

  @Field(() => RegionCode, { description: 'Region the municipality belongs to.' })
  region!: RegionCode;

  @Field(() => Int, {
    nullable: true,
    description: 'Population on `populationDate` (Destatis, Zensus 2022 basis); null when unknown.',
  })
  population!: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Reference date of `population`.' })
  populationDate!: string | null;

  @Field(() => Float, { nullable: true, description: 'Area in km² (31.12.2024).' })
  areaKm2!: number | null;

  @Field(() => String, { nullable: true, description: 'Postal code of the town hall (Verwaltungssitz).' })
  postalCode!: string | null;

  @Field({ description: 'Where the record comes from.' })
  source!: string;
}

@InputType({ description: 'Narrows a list of municipalities; all given conditions must hold.' })
export class MunicipalityFilter {
  @Field(() => RegionCode, { nullable: true, description: 'Only this region.' })
  region?: RegionCode | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only this district, by its 5-digit Kreisschlüssel (e.g. "05966" for Kreis Olpe).',
  })
  district?: string | null;

  @Field(() => String, { nullable: true, description: 'Only members or invitees of this cooperation, by slug.' })
  cooperation?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only names starting with this text (case-insensitive for A–Z).',
  })
  namePrefix?: string | null;

  @Field(() => MunicipalityKind, {
    nullable: true,
    description: 'Only towns (STADT) or only municipalities without town status (GEMEINDE).',
  })
  kind?: MunicipalityKind | null;

  @Field(() => GeoRadiusInput, {
    nullable: true,
    description: 'Only municipalities whose representative point lies within this circle.',
  })
  near?: GeoRadiusInput | null;
}

export const MunicipalityConnection = Connection(Municipality, 'Municipality', 'municipality');
