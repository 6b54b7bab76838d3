import { distanceKm } from '@welcome-hub/kit';
import { FACET_NAMES, type FacetName, type SearchFilter } from '../port.js';
import type { InvertedIndex } from './inverted-index.js';

/** True when the filter restricts nothing: every field empty. */
function isEmpty(filter: SearchFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0));
}

/**
 * The filter as a test on slot numbers over the index's typed columns, so filtering a
 * large result touches no document objects (but for radius searches); null when the
 * filter lets everything through, so the hot loop can skip the call.
 */
export function compileFilter(
  index: InvertedIndex,
  filter: SearchFilter | undefined,
): ((slot: number) => boolean) | null {
  if (!filter || isEmpty(filter)) return null;
  const tests: ((slot: number) => boolean)[] = [];
  // A value no document holds gets an id no slot has (-1 means "none").
  const idOf = (facet: FacetName, value: string) => index.facetIds[FACET_NAMES.indexOf(facet)].get(value) ?? -2;
  const column = (facet: FacetName) => index.facetColumns[FACET_NAMES.indexOf(facet)];
  if (filter.types?.length) {
    const wanted = new Set(filter.types.map((t) => idOf('type', t)));
    const types = column('type');
    tests.push((slot) => wanted.has(types[slot]));
  }
  for (const facet of ['region', 'district', 'kind'] as const) {
    const value = filter[facet];
    if (!value) continue;
    const id = idOf(facet, value);
    const values = column(facet);
    tests.push((slot) => values[slot] === id);
  }
  for (const [facet, m] of [
    ['targetGroup', 0],
    ['fieldOfAction', 1],
  ] as const) {
    const value = filter[facet];
    if (!value) continue;
    const id = idOf(facet, value);
    const columns = index.multiColumns[m];
    const inOverflow = (slot: number) =>
      index.overflow[slot] === 1 && (index.slots[slot].multi?.[m].includes(id) ?? false);
    tests.push((slot) => columns.some((c) => c[slot] === id) || inOverflow(slot));
  }
  if (filter.near) {
    const near = filter.near;
    tests.push((slot) => {
      const location = index.slots[slot].doc.location;
      return location !== null && distanceKm(location, near) <= near.radiusKm;
    });
  }
  return (slot) => tests.every((test) => test(slot));
}
