// German number formats the app shares beyond format.ts (percentages).

const percentFormats = new Map<number, Intl.NumberFormat>();

/**
 * A percentage in German, e.g. 42 → "42 %", 12.5 (one decimal) → "12,5 %". `value` is in
 * percent (0–100), not a fraction. Intl puts a no-break space before "%", so the number and
 * its sign never break apart.
 */
export function formatPercent(value: number, maximumFractionDigits = 0): string {
  let format = percentFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits });
    percentFormats.set(maximumFractionDigits, format);
  }
  return format.format(value / 100);
}
