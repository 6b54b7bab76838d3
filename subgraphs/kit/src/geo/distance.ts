/** A point on the Earth in degrees (WGS 84). */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** The IUGG mean Earth radius, the one every distance in the hub uses (SQL included: see `EARTH_RADIUS_KM` users). */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine), clamped so rounding never yields NaN. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
