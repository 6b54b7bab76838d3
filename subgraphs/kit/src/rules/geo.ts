import { z } from 'zod';

/**
 * Points and circles on the map as clients send them (WGS 84 degrees). Distances
 * themselves are computed by `distanceKm` and `EARTH_RADIUS_KM` in geo/distance.ts.
 */

/**
 * The widest `near` circle a list accepts. Every hub region fits well inside it; a wider
 * circle would only make the database compute distances for the whole country.
 */
export const MAX_RADIUS_KM = 500;

export const LATITUDE_MESSAGE = 'must be between -90 and 90';
export const LONGITUDE_MESSAGE = 'must be between -180 and 180';
export const RADIUS_KM_MESSAGE = `must be more than 0 and at most ${MAX_RADIUS_KM}`;

/** A finite number within [min, max]; NaN and infinities get the same message as a number out of range. */
function boundedNumber(min: number, max: number, message: string) {
  return z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
}

export const latitudeSchema = boundedNumber(-90, 90, LATITUDE_MESSAGE);
export const longitudeSchema = boundedNumber(-180, 180, LONGITUDE_MESSAGE);
/** More than 0 (a zero circle finds nothing, so it is a mistake) and at most `MAX_RADIUS_KM`. */
export const radiusKmSchema = z
  .number({ error: RADIUS_KM_MESSAGE })
  .gt(0, { error: RADIUS_KM_MESSAGE })
  .max(MAX_RADIUS_KM, { error: RADIUS_KM_MESSAGE });

/** A point: problems are named `<path>.lat` and `<path>.lon`. */
export const coordinatesSchema = z.object({ lat: latitudeSchema, lon: longitudeSchema });
/** A `near` filter: everything within `radiusKm` of the point. */
export const nearSchema = z.object({ lat: latitudeSchema, lon: longitudeSchema, radiusKm: radiusKmSchema });

export type Coordinates = z.output<typeof coordinatesSchema>;
export type NearCircle = z.output<typeof nearSchema>;

export function isLatitude(value: unknown): value is number {
  return latitudeSchema.safeParse(value).success;
}

export function isLongitude(value: unknown): value is number {
  return longitudeSchema.safeParse(value).success;
}

export function isRadiusKm(value: unknown): value is number {
  return radiusKmSchema.safeParse(value).success;
}
