import { RegionCode } from '@welcome-hub/kit';

export { RegionCode };

/** German display names, as in the reference data. */
export const REGION_NAMES: Record<RegionCode, string> = {
  [RegionCode.SUEDWESTFALEN]: 'Südwestfalen',
  [RegionCode.RUHR]: 'Ruhr',
};

/** Maps a German region name from the reference data to its code. */
export function regionFromName(name: string): RegionCode {
  const entry = Object.entries(REGION_NAMES).find(([, n]) => n === name);
  if (!entry) throw new Error(`Unknown region "${name}"`);
  return entry[0] as RegionCode;
}
