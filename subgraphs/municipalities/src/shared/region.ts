import { RegionCode } from '@welcome-hub/kit';

export { RegionCode };

/** German display names, as in the reference data. */
export const REGION_NAMES: Record<RegionCode, string> = {
  [RegionCode.SUEDWESTFALEN]: 'Südwestfalen',
  [RegionCode.RUHR]: 'Ruhr',
};
