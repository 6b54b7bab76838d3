import { registerEnumType } from 'type-graphql';

/** The two regions the hub serves. */
export enum RegionCode {
  SUEDWESTFALEN = 'SUEDWESTFALEN',
  RUHR = 'RUHR',
}

registerEnumType(RegionCode, {
  name: 'RegionCode',
  description: 'A region of the hub.',
  valuesConfig: {
    SUEDWESTFALEN: { description: 'Südwestfalen: the 59 municipalities of Hochsauerlandkreis, Märkischer Kreis, Kreis Olpe, Kreis Siegen-Wittgenstein and Kreis Soest.' },
    RUHR: { description: 'Ruhr: the 53 municipalities of the Regionalverband Ruhr (RVR).' },
  },
});

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
