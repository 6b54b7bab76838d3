import { distanceKm as greatCircleKm } from '@welcome-hub/kit';
import type { DirectoryEntry } from '@welcome-hub/reference';

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

/** Beyond this distance nearness stops counting. */
const NEAR_KM = 150;

type Place = Pick<DirectoryEntry, 'latitude' | 'longitude'>;

/** Kilometres between two directory places, by the hub's one distance formula (kit's `distanceKm`). */
export function distanceKm(a: Place, b: Place): number {
  return greatCircleKm({ lat: a.latitude, lon: a.longitude }, { lat: b.latitude, lon: b.longitude });
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
  return {
    score: round(0.4 * similarity + 0.4 * nearness + 0.2 * reuse),
    distanceKm: round(km),
    populationRatio: round(ratio),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
