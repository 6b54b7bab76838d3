// The Quick-Check's scales in words, for the questionnaire and the result page.

/** The steps of the usual 0–3 scale in words. */
const SCALE_0_3 = ['nicht vorhanden', 'in Planung', 'teilweise umgesetzt', 'vollständig umgesetzt'];

/** A score in words: the 0–3 scale's steps, other scales by number with their ends named. */
export function scaleLabel(score: number, min: number, max: number): string {
  if (min === 0 && max === 3 && SCALE_0_3[score]) return SCALE_0_3[score];
  if (score === min) return `${score} – trifft nicht zu`;
  if (score === max) return `${score} – trifft voll zu`;
  return String(score);
}

/** "in Planung (1 von 3)". */
export const scoreText = (score: number, min: number, max: number): string =>
  `${scaleLabel(score, min, max)} (${score} von ${max})`;
