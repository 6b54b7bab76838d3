import { isAgs } from '@welcome-hub/kit';
import { parseCsv } from './csv.js';
import { DATA_DIR, readDataFile as read } from './files.js';

const GV100_SOURCE = 'Destatis, Gemeindeverzeichnis GV100AD (Gebietsstand 31.10.2025)';
const MUNICIPALITY_SOURCE =
  'Destatis, Gemeindeverzeichnis GV100AD (Gebietsstand 31.10.2025; Bevölkerung 31.12.2024, Fläche 31.12.2024) und GV-ISys 31.12.2023 (Mittelpunktkoordinaten © GeoBasis-DE / BKG); dl-de/by-2-0';
const RUHR_MEMBERS_SOURCE = 'Mitgliederliste Integration.Interkommunal nach Websites der Städte (siehe SOURCES.md)';

export type Region = 'SUEDWESTFALEN' | 'RUHR';

export interface DistrictData {
  code: string;
  name: string;
  kind: 'KREIS' | 'KREISFREIE_STADT';
  region: Region;
  source: string;
}
export interface MunicipalityData {
  ags: string;
  name: string;
  officialName: string;
  kind: 'STADT' | 'GEMEINDE';
  districtCode: string;
  region: Region;
  population: number;
  populationDate: string;
  areaKm2: number;
  latitude: number;
  longitude: number;
  postalCode: string;
  source: string;
}
export interface CooperationData {
  slug: string;
  name: string;
  summary: string | null;
  coordinator: string | null;
  region: Region | null;
  foundedYear: number | null;
  participationRequirements: string[];
  source: string;
}
export interface MembershipData {
  cooperationSlug: string;
  ags: string;
  status: 'MEMBER' | 'INVITED';
  sinceYear: number | null;
  note: string | null;
  source: string;
}

export interface ReferenceData {
  districts: DistrictData[];
  municipalities: MunicipalityData[];
  cooperations: CooperationData[];
  memberships: MembershipData[];
}

const REGIONS: Record<string, Region> = { Südwestfalen: 'SUEDWESTFALEN', Ruhr: 'RUHR' };

function region(name: string, where: string): Region {
  const code = REGIONS[name];
  if (!code) throw new Error(`${where}: unknown region "${name}"`);
  return code;
}

function number(text: string, where: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${where}: "${text}" is not a number`);
  return value;
}

/** Reads and checks the reference files; throws naming the file and line on any inconsistency. */
export function loadReferenceData(dir: string = DATA_DIR): ReferenceData {
  const main = parseCsv(read(dir, 'municipalities.csv'));
  const extra = new Map(parseCsv(read(dir, 'municipalities_extra.csv')).map((r) => [r.ags, r]));
  const ruhrMembers = parseCsv(read(dir, 'ruhr_integration_interkommunal.csv'));
  const knowledge = JSON.parse(read(dir, 'knowledge.json')) as {
    cooperations: {
      slug: string;
      name: string;
      summary?: string;
      coordinator?: string;
      region?: string;
      since?: number;
      participation_requirements?: string[];
      source: string;
    }[];
  };

  const districts = new Map<string, DistrictData>();
  const municipalities = main.map((row, i): MunicipalityData => {
    const where = `municipalities.csv line ${i + 2}`;
    if (!isAgs(row.ags)) throw new Error(`${where}: AGS "${row.ags}" is not 8 digits`);
    const more = extra.get(row.ags);
    if (!more) throw new Error(`${where}: AGS ${row.ags} is missing from municipalities_extra.csv`);
    const districtCode = row.ags.slice(0, 5);
    const reg = region(row.region, where);
    if (!districts.has(districtCode)) {
      districts.set(districtCode, {
        code: districtCode,
        name: row.district,
        kind: more.kreisfrei === 'ja' ? 'KREISFREIE_STADT' : 'KREIS',
        region: reg,
        source: GV100_SOURCE,
      });
    }
    if (row.type !== 'Stadt' && row.type !== 'Gemeinde')
      throw new Error(`${where}: type "${row.type}" is neither Stadt nor Gemeinde`);
    return {
      ags: row.ags,
      name: row.name,
      officialName: more.name_official,
      kind: row.type === 'Stadt' ? 'STADT' : 'GEMEINDE',
      districtCode,
      region: reg,
      population: number(row.population, where),
      populationDate: row.population_date,
      areaKm2: number(row.area_km2, where),
      latitude: number(row.lat, where),
      longitude: number(row.lon, where),
      postalCode: more.plz_verwaltungssitz,
      source: MUNICIPALITY_SOURCE,
    };
  });
  const known = new Set(municipalities.map((m) => m.ags));

  const cooperations = knowledge.cooperations.map(
    (c): CooperationData => ({
      slug: c.slug,
      name: c.name,
      summary: c.summary ?? null,
      coordinator: c.coordinator ?? null,
      region: c.region ? region(c.region, `knowledge.json cooperation ${c.slug}`) : null,
      foundedYear: c.since ?? null,
      participationRequirements: c.participation_requirements ?? [],
      source: c.source,
    }),
  );

  const memberships: MembershipData[] = ruhrMembers.map((row, i) => {
    if (!known.has(row.ags))
      throw new Error(`ruhr_integration_interkommunal.csv line ${i + 2}: unknown AGS ${row.ags}`);
    return {
      cooperationSlug: 'integration-interkommunal',
      ags: row.ags,
      status: 'MEMBER',
      sinceYear:
        row.member_since === '' ? null : number(row.member_since, `ruhr_integration_interkommunal.csv line ${i + 2}`),
      note: row.note || null,
      source: RUHR_MEMBERS_SOURCE,
    };
  });
  // knowledge.json: all Südwestfalen municipalities are invited; who has declared is not known.
  const swf = knowledge.cooperations.find((c) => c.slug === 'qualitaetsoffensive-willkommen-suedwestfalen');
  if (swf) {
    for (const m of municipalities.filter((m) => m.region === 'SUEDWESTFALEN')) {
      memberships.push({
        cooperationSlug: swf.slug,
        ags: m.ags,
        status: 'INVITED',
        sinceYear: null,
        note: null,
        source: swf.source,
      });
    }
  }
  return { districts: [...districts.values()], municipalities, cooperations, memberships };
}
