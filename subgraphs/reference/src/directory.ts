import type { InputValidator } from '@welcome-hub/kit';
import { loadReferenceData, type Region } from './official.js';

export interface DirectoryEntry {
  name: string;
  region: Region;
  districtCode: string;
  population: number;
  latitude: number;
  longitude: number;
}

/** A cooperation's name and region (null when its members are in both regions). */
export interface CooperationEntry {
  name: string;
  region: Region | null;
}

/** Static facts about the municipalities and cooperations, for subgraphs that only hold their keys. */
export interface ReferenceDirectory {
  municipalities: Map<string, DirectoryEntry>;
  cooperations: Map<string, CooperationEntry>;
  /** District (Kreis) names by Kreisschlüssel. */
  districts: Map<string, string>;
}

let directory: ReferenceDirectory | undefined;

/**
 * Owner lookups for subgraphs that reference municipalities by AGS: region, district and
 * location come from the same official reference data the municipalities subgraph serves.
 */
export function referenceDirectory(): ReferenceDirectory {
  if (!directory) {
    const data = loadReferenceData();
    directory = {
      municipalities: new Map(data.municipalities.map((m) => [m.ags, m])),
      cooperations: new Map(data.cooperations.map((c) => [c.slug, { name: c.name, region: c.region }])),
      districts: new Map(data.districts.map((d) => [d.code, d.name])),
    };
  }
  return directory;
}

/**
 * The rule for an input that names a municipality: its AGS must be one the hub has (the
 * reference data's). Returns the municipality, or undefined with the problem recorded under
 * `field`.
 */
export function knownMunicipality(v: InputValidator, ags: string, field: string): DirectoryEntry | undefined {
  const municipality = referenceDirectory().municipalities.get(ags);
  v.check(municipality !== undefined, field, `no municipality of the hub has the AGS "${ags}"`);
  return municipality;
}

/** What an input naming a cooperation the hub does not have is told. */
export function unknownCooperation(slug: string): string {
  return `no cooperation has the slug "${slug}"`;
}

/**
 * The rule for an input that names a cooperation: its slug must be one the hub has. Returns
 * the cooperation, or undefined with the problem recorded under `field`.
 */
export function knownCooperation(v: InputValidator, slug: string, field: string): CooperationEntry | undefined {
  const cooperation = referenceDirectory().cooperations.get(slug);
  v.check(cooperation !== undefined, field, unknownCooperation(slug));
  return cooperation;
}
