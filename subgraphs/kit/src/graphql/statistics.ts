import { registerEnumType } from 'type-graphql';

/** How a time series is bucketed. */
export enum TimeInterval {
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}

registerEnumType(TimeInterval, {
  name: 'TimeInterval',
  description: 'The width of a time series bucket.',
  valuesConfig: {
    MONTH: { description: 'Calendar months; a bucket is named "YYYY-MM".' },
    YEAR: { description: 'Calendar years; a bucket is named "YYYY".' },
  },
});

/**
 * SQL naming the bucket `column` (a date or timestamp) falls in, as "YYYY" or "YYYY-MM"
 * (timestamps in Europe/Berlin time). The interval is an enum value, never caller text.
 */
export function periodSql(interval: TimeInterval, column: string, kind: 'date' | 'timestamp' = 'date'): string {
  const local = kind === 'timestamp' ? `(${column} at time zone 'Europe/Berlin')` : column;
  return interval === TimeInterval.MONTH ? `to_char(${local}, 'YYYY-MM')` : `to_char(${local}, 'YYYY')`;
}

/** The buckets from `first` to `last` inclusive ("YYYY" or "YYYY-MM"), so a series has no gaps. */
export function periodsBetween(interval: TimeInterval, first: string, last: string): string[] {
  const periods: string[] = [];
  if (interval === TimeInterval.YEAR) {
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) periods.push(String(y));
    return periods;
  }
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    periods.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return periods;
}

/** Which areas a statistic is grouped by. */
export enum AreaLevel {
  REGION = 'REGION',
  DISTRICT = 'DISTRICT',
}

registerEnumType(AreaLevel, {
  name: 'AreaLevel',
  description: 'Grouping of municipalities for statistics.',
  valuesConfig: {
    REGION: { description: 'The two regions (Südwestfalen, Ruhr).' },
    DISTRICT: { description: 'The 20 districts: Kreise and kreisfreie Städte.' },
  },
});
