import { FACET_NAMES, facetList, type FacetName, type FacetValue } from '../port.js';
import { MULTI_FACETS, MULTI_WIDTH, SINGLE_FACETS, type InvertedIndex } from './inverted-index.js';

/** Counts the facet values of every match of one search. */
export interface FacetCounter {
  /** Counts one matching slot. Called for every match: plain typed-array arithmetic, no iterators. */
  count(slot: number): void;
  /** Matches counted so far. */
  total(): number;
  /** The counts as the port answers them. */
  facets(): Record<FacetName, FacetValue[]>;
}

/**
 * A counter over the index as it is now (a compaction replaces its columns, so a counter
 * serves one search only). The columns are read into locals once, as the hot loop wants.
 */
export function facetCounter(index: InvertedIndex): FacetCounter {
  const counts = index.facetValues.map((values) => new Int32Array(values.length));
  const [typeOf, regionOf, districtOf, kindOf] = SINGLE_FACETS.map((f) => index.facetColumns[f]);
  const [types, regions, districts, kinds] = SINGLE_FACETS.map((f) => counts[f]);
  const [groups, fields] = MULTI_FACETS.map((f) => counts[f]);
  const [groupsOf, fieldsOf] = index.multiColumns;
  const { slots, overflow } = index;
  let total = 0;
  const count = (slot: number) => {
    total++;
    let id = typeOf[slot];
    if (id >= 0) types[id]++;
    id = regionOf[slot];
    if (id >= 0) regions[id]++;
    id = districtOf[slot];
    if (id >= 0) districts[id]++;
    id = kindOf[slot];
    if (id >= 0) kinds[id]++;
    for (let k = 0; k < MULTI_WIDTH; k++) {
      id = groupsOf[k][slot];
      if (id >= 0) groups[id]++;
      id = fieldsOf[k][slot];
      if (id >= 0) fields[id]++;
    }
    // Lists longer than the columns hold are rare: only then read the slot object.
    const lists = overflow[slot] === 1 ? slots[slot].multi : null;
    if (lists) {
      for (let i = MULTI_WIDTH; i < lists[0].length; i++) groups[lists[0][i]]++;
      for (let i = MULTI_WIDTH; i < lists[1].length; i++) fields[lists[1][i]]++;
    }
  };
  const facets = () =>
    Object.fromEntries(
      FACET_NAMES.map((facet, f) => [
        facet,
        facetList(index.facetValues[f].map((value, id): [string, number] => [value, counts[f][id]])),
      ]),
    ) as Record<FacetName, FacetValue[]>;
  return { count, total: () => total, facets };
}
