import { describe, expect, it } from '@jest/globals';
import { referenceDirectory } from '@welcome-hub/reference';
import { distanceKm, rank } from '../src/recommendation/ranking.js';

const town = (ags: string) => referenceDirectory().municipalities.get(ags)!;
const SIEGEN = town('05970040');

describe('ranking practices for a municipality', () => {
  it('measures distances between representative points', () => {
    expect(distanceKm(SIEGEN, SIEGEN)).toBe(0);
    // Siegen – Dortmund, roughly 90 km as the crow flies.
    expect(distanceKm(SIEGEN, town('05913000'))).toBeGreaterThan(80);
    expect(distanceKm(SIEGEN, town('05913000'))).toBeLessThan(100);
  });

  it('prefers a nearby town of similar size over a distant city', () => {
    const olpe = rank({ target: SIEGEN, owner: town('05966024'), reuseCount: 0 });
    const duisburg = rank({ target: SIEGEN, owner: town('05112000'), reuseCount: 0 });
    expect(olpe.score).toBeGreaterThan(duisburg.score);
    expect(olpe.distanceKm).toBeLessThan(30);
  });

  it('lets reuse lift an otherwise equal practice', () => {
    const owner = town('05966024');
    expect(rank({ target: SIEGEN, owner, reuseCount: 3 }).score).toBeGreaterThan(
      rank({ target: SIEGEN, owner, reuseCount: 0 }).score,
    );
  });

  it('gives no size or distance for cooperations and without a target', () => {
    expect(rank({ target: SIEGEN, owner: undefined, reuseCount: 1 })).toEqual({
      score: 0.1,
      distanceKm: null,
      populationRatio: null,
    });
    expect(rank({ owner: town('05966024'), reuseCount: 0 })).toEqual({
      score: 0,
      distanceKm: null,
      populationRatio: null,
    });
  });

  it('scores a tenfold population difference as no similarity', () => {
    const same = rank({ target: SIEGEN, owner: SIEGEN, reuseCount: 0 });
    expect(same).toEqual({ score: 0.8, distanceKm: 0, populationRatio: 1 });
  });
});
