import type { CriterionRow } from '../catalogue/catalogue.entity.js';
import type { Catalogue } from '../loaders.js';

export interface Score {
  criterionKey: string;
  score: number;
}
export interface ScoreSummaryValue {
  average: number;
  percent: number;
  answered: number;
}
export interface AreaScoreValue {
  areaKey: string;
  score: ScoreSummaryValue;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Mean score and mean share of each criterion's scale (0–100). */
export function summarize(scores: Score[], criteria: Map<string, CriterionRow>): ScoreSummaryValue {
  const known = scores.filter((s) => criteria.has(s.criterionKey));
  if (known.length === 0) return { average: 0, percent: 0, answered: 0 };
  const shares = known.map((s) => {
    const c = criteria.get(s.criterionKey)!;
    return (s.score - c.scaleMin) / (c.scaleMax - c.scaleMin);
  });
  return {
    average: round(known.reduce((sum, s) => sum + s.score, 0) / known.length),
    percent: round((100 * shares.reduce((a, b) => a + b, 0)) / known.length),
    answered: known.length,
  };
}

/** Scores per quality area, in catalogue order; areas without answers are left out. */
export function areaScores(scores: Score[], catalogue: Catalogue): AreaScoreValue[] {
  return catalogue.areas
    .map((area) => {
      const inArea = scores.filter((s) => catalogue.criterion.get(s.criterionKey)?.areaKey === area.key);
      return { areaKey: area.key, score: summarize(inArea, catalogue.criterion) };
    })
    .filter((a) => a.score.answered > 0);
}

/** The default gap threshold: the middle of the scale, so on 0–3 scores of 0 and 1 are gaps. */
export function defaultThreshold(c: CriterionRow): number {
  return Math.ceil((c.scaleMin + c.scaleMax) / 2);
}
