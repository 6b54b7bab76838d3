import type { ChartSpec } from './spec.js';

/** A series of the chart: its German name and a value per label (null: no value, never zero). */
export interface Series {
  name: string;
  values: (number | null)[];
}

/** What the chart and the table show, read from an answer. */
export interface ChartData {
  labels: string[];
  series: Series[];
  /** Table-only columns, a cell per label. */
  details: { name: string; values: (string | number | null)[] }[];
}

/** The value at a dotted path ("district.name"), undefined where the path ends early. */
export function valueAt(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A number, or null for anything else (a missing value is not a zero). */
const toNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The answer is not what the chart expects (a field missing, a subgraph down). */
export class DataError extends Error {}

/**
 * The chart's data from a GraphQL answer's `data`: one label per row, one series per value
 * column, or, with a pivot, one label per distinct row label and one series per key.
 */
export function readChart(data: unknown, spec: ChartSpec): ChartData {
  const rows = valueAt(data, spec.rows);
  if (!Array.isArray(rows)) throw new DataError(`No list at data.${spec.rows}.`);
  const label = (row: unknown) => String(valueAt(row, spec.label) ?? '');
  if (spec.pivot) {
    const { key, value, names } = spec.pivot;
    const labels = [...new Set(rows.map(label))];
    const keys = [...new Set([...Object.keys(names), ...rows.map((row) => String(valueAt(row, key)))])];
    // Every known key is a series, so a status nobody has is a zero (no adoption), not absent.
    const series = keys.map((k) => ({
      key: k,
      name: names[k] ?? k,
      values: labels.map((l) => {
        const matches = rows.filter((row) => label(row) === l && String(valueAt(row, key)) === k);
        return matches.reduce((sum: number, row) => sum + (toNumber(valueAt(row, value)) ?? 0), 0);
      }),
    }));
    return {
      labels,
      series: series
        .filter((s) => s.key in names || s.values.some(Boolean))
        .map(({ name, values }) => ({ name, values })),
      details: [],
    };
  }
  return {
    labels: rows.map(label),
    series: spec.values.map((column) => ({
      name: column.name,
      values: rows.map((row) => toNumber(valueAt(row, column.path))),
    })),
    details: spec.details.map((column) => ({
      name: column.name,
      values: rows.map((row) => {
        const v = valueAt(row, column.path);
        return typeof v === 'number' || typeof v === 'string' ? v : null;
      }),
    })),
  };
}

/** True when there are no rows. Rows whose values are all null still show, each with its null text. */
export const isEmpty = (chart: ChartData): boolean => chart.labels.length === 0;
