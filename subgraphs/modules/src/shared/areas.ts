import { referenceDirectory } from '@welcome-hub/reference';
import { RegionCode } from '@welcome-hub/kit';

/** The hub's districts and regions with their municipalities, from the reference data. */
export interface AreaDirectory {
  /** The 20 Kreisschlüssel, ascending. */
  districts: string[];
  /** In the enum's order. */
  regions: RegionCode[];
  regionOfDistrict: Map<string, RegionCode>;
  /** AGS of the municipalities of a district or a region, by Kreisschlüssel or RegionCode. */
  members: Map<string, string[]>;
  /** Kreisschlüssel of a region's districts. */
  districtsOfRegion: Map<RegionCode, string[]>;
}

let areas: AreaDirectory | undefined;

export function areaDirectory(): AreaDirectory {
  if (areas) return areas;
  const directory = referenceDirectory();
  const members = new Map<string, string[]>();
  const regionOfDistrict = new Map<string, RegionCode>();
  for (const [ags, m] of [...directory.municipalities].sort(([a], [b]) => a.localeCompare(b))) {
    const region = m.region as RegionCode;
    regionOfDistrict.set(m.districtCode, region);
    for (const key of [m.districtCode, region]) members.set(key, [...(members.get(key) ?? []), ags]);
  }
  const districts = [...directory.districts.keys()].sort();
  const regions = Object.values(RegionCode);
  const districtsOfRegion = new Map(regions.map((r) => [r, districts.filter((d) => regionOfDistrict.get(d) === r)]));
  areas = { districts, regions, regionOfDistrict, members, districtsOfRegion };
  return areas;
}
