import { Field, Float, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A point in WGS 84.' })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in degrees.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in degrees.' })
  lon!: number;
}

@InputType({ description: 'A circle on the map: everything within `radiusKm` of the point.' })
export class GeoRadiusInput {
  @Field(() => Float, { description: 'Latitude of the centre, -90 to 90.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude of the centre, -180 to 180.' })
  lon!: number;

  @Field(() => Float, { description: 'Radius in kilometres, more than 0 and at most 500.' })
  radiusKm!: number;
}
