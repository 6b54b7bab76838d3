import type { DirectoryEntry } from '@welcome-hub/seed';

export interface RankingInput {
  /** The municipality to rank for; undefined ranks by reuse alone. */
  target?: DirectoryEntry;
  /** The practice owner's municipality; undefined for cooperations. */
  owner?: DirectoryEntry;
  reuseCount: number;
}

export interface Ranking {
  score: number;
  distanceKm: number | null;
  populationRatio: number | null;
}

const EARTH_RADIUS_KM = 6371.0088;
/** Beyond this distance nearness stops counting. */
const NEAR_KM = 150;

export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/**
 * Scores how useful another town's practice is likely to be: towns of similar size
 * (a tenfold difference counts nothing), nearby (within 150 km), and practices others
 * already adopted. Weights 0.4 / 0.4 / 0.2.
 */
export function rank({ target, owner, reuseCount }: RankingInput): Ranking {
  const reuse = 1 - 1 / (1 + reuseCount);
  if (!target || !owner) return { score: round(0.2 * reuse), distanceKm: null, populationRatio: null };
  const ratio = owner.population / target.population;
  const similarity = Math.max(0, 1 - Math.abs(Math.log10(ratio)));
  const km = distanceKm(target, owner);
  const nearness = Math.max(0, 1 - km / NEAR_KM);
  return { score: round(0.4 * similarity + 0.4 * nearness + 0.2 * reuse), distanceKm: round(km), populationRatio: round(ratio) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
