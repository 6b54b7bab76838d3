import { BadUserInputError, SEARCH_TYPES, type SearchType } from '@welcome-hub/kit';
import type { SearchFilter } from '../port.js';

/** Half the Earth's circumference: every point lies within it, so larger radii mean nothing. */
const MAX_RADIUS_KM = 20_040;

/**
 * A user-supplied string as a Meilisearch filter value: always double-quoted, with `\` and
 * `"` backslash-escaped (Meilisearch ≥ 1.4 unescapes both inside quotes), so no value can
 * close the quotes and add filter syntax of its own.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Fixed-point notation: Meilisearch's filter parser does not read exponents such as `1e-7`. */
function decimal(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

function typesFilter(types: SearchType[]): string {
  const unknown = types.filter((t) => !SEARCH_TYPES.includes(t));
  if (unknown.length > 0) {
    const message = `Unknown type ${unknown.map(String).join(', ')}; expected one of ${SEARCH_TYPES.join(', ')}.`;
    throw new BadUserInputError([{ field: 'filter.types', message }]);
  }
  return `type IN [${types.map(quoteFilterValue).join(', ')}]`;
}

function inRange(n: number, min: number, max: number): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max;
}

function nearFilter(near: NonNullable<SearchFilter['near']>): string {
  const valid =
    inRange(near.lat, -90, 90) &&
    inRange(near.lon, -180, 180) &&
    inRange(near.radiusKm, 0, MAX_RADIUS_KM) &&
    near.radiusKm > 0;
  if (!valid) {
    const message = `lat must lie in −90…90, lon in −180…180 and radiusKm in (0, ${MAX_RADIUS_KM}].`;
    throw new BadUserInputError([{ field: 'filter.near', message }]);
  }
  return `_geoRadius(${decimal(near.lat, 7)}, ${decimal(near.lon, 7)}, ${decimal(near.radiusKm * 1000, 3)})`;
}

/**
 * The filter as Meilisearch expressions, AND-ed as an array. Empty values are ignored, as
 * in the embedded engine. Throws BadUserInputError for an unknown type or an invalid `near`.
 */
export function buildFilter(filter: SearchFilter | undefined): string[] {
  if (!filter) return [];
  const parts: string[] = [];
  if (filter.types?.length) parts.push(typesFilter(filter.types));
  const equalities: [string, string | undefined][] = [
    ['region', filter.region],
    ['district', filter.district],
    ['kind', filter.kind],
    ['targetGroups', filter.targetGroup],
    ['fieldsOfAction', filter.fieldOfAction],
  ];
  for (const [field, value] of equalities) if (value) parts.push(`${field} = ${quoteFilterValue(value)}`);
  if (filter.near) parts.push(nearFilter(filter.near));
  return parts;
}
