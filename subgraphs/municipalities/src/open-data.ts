import { LicenceCode, openDataRoutes, type OpenDataset } from '@welcome-hub/kit';
import { CooperationEntity, MembershipEntity } from './cooperation/cooperation.entity.js';
import { DistrictEntity } from './district/district.entity.js';
import { MunicipalityEntity } from './municipality/municipality.entity.js';
import { ParticipationEntity } from './participation/participation.entity.js';
import { OFFICIAL_STATISTICS_ATTRIBUTION } from './shared/attribution.js';

// The hub compiled these from public press releases and its own records; no source states a
// licence for them (subgraphs/reference/data/SOURCES.md), so none is claimed.
const COMPILED_BY_THE_HUB =
  'Lizenz unbekannt: Für diese vom Welcome Hub aus öffentlichen Quellen zusammengestellten Angaben ist keine Lizenz festgelegt. Die Quelle jedes Eintrags steht in der Spalte source.';
const WRITTEN_IN_THE_HUB = 'Lizenz unbekannt: Für diese im Welcome Hub erfassten Angaben ist keine Lizenz festgelegt.';

const SOURCE = { name: 'source', description: 'Herkunft des Eintrags', sql: '"source"' };

const municipalities: OpenDataset = {
  name: 'municipalities',
  title: 'Kommunen in Südwestfalen und im Ruhrgebiet mit amtlichen Kennzahlen',
  description:
    'Die Städte und Gemeinden Südwestfalens und des Regionalverbands Ruhr mit Amtlichem Gemeindeschlüssel, Kreis, Region und den amtlichen ' +
    'Kennzahlen des Statistischen Bundesamts: Bevölkerung am 31.12.2024 (Basis Zensus 2022), Fläche am 31.12.2024 und Mittelpunktkoordinaten.',
  keywords: ['Kommunen', 'Gemeindeverzeichnis', 'Bevölkerung', 'Fläche', 'Südwestfalen', 'Ruhrgebiet'],
  theme: 'REGI',
  rights: { kind: 'licence', licence: LicenceCode.DL_DE_BY_2_0, attribution: OFFICIAL_STATISTICS_ATTRIBUTION.text },
  changedBy: [MunicipalityEntity, DistrictEntity],
  columns: [
    { name: 'ags', description: 'Amtlicher Gemeindeschlüssel, 8 Ziffern', sql: 'm."ags"' },
    { name: 'name', description: 'Kurzname', sql: 'm."name"' },
    { name: 'official_name', description: 'Amtlicher Name', sql: 'm."official_name"' },
    { name: 'kind', description: 'STADT oder GEMEINDE', sql: 'm."kind"' },
    { name: 'district_code', description: 'Kreisschlüssel, 5 Ziffern', sql: 'm."district_code"' },
    { name: 'district_name', description: 'Kreis oder kreisfreie Stadt', sql: 'd."name"' },
    { name: 'region', description: 'SUEDWESTFALEN oder RUHR', sql: 'm."region"' },
    {
      name: 'population',
      description: 'Bevölkerung am Stichtag population_date (Basis Zensus 2022)',
      sql: 'm."population"',
    },
    { name: 'population_date', description: 'Stichtag der Bevölkerungszahl (JJJJ-MM-TT)', sql: 'm."population_date"' },
    { name: 'area_km2', description: 'Fläche in km² am 31.12.2024', sql: 'm."area_km2"' },
    {
      name: 'latitude',
      description: 'Breitengrad des Mittelpunkts (WGS 84; © GeoBasis-DE / BKG)',
      sql: 'm."latitude"',
    },
    {
      name: 'longitude',
      description: 'Längengrad des Mittelpunkts (WGS 84; © GeoBasis-DE / BKG)',
      sql: 'm."longitude"',
    },
    { name: 'postal_code', description: 'Postleitzahl des Verwaltungssitzes', sql: 'm."postal_code"' },
    { ...SOURCE, sql: 'm."source"' },
  ],
  from: () => ({
    sql: 'from "municipalities"."municipality" m join "municipalities"."district" d on d."code" = m."district_code" order by m."ags"',
    params: [],
  }),
};

const cooperations: OpenDataset = {
  name: 'cooperations',
  title: 'Interkommunale Kooperationen zum Willkommen',
  description:
    'Kooperationen der Kommunen zum Willkommen von Neubürgerinnen, Neubürgern und Fachkräften, mit Koordination, Region, Gründungsjahr und Teilnahmevoraussetzungen.',
  keywords: ['Kooperation', 'Willkommenskultur', 'interkommunal'],
  theme: 'GOVE',
  rights: { kind: 'unknown', note: COMPILED_BY_THE_HUB },
  changedBy: [CooperationEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID)', sql: 'c."id"' },
    { name: 'slug', description: 'Lesbarer Schlüssel', sql: 'c."slug"' },
    { name: 'name', description: 'Name', sql: 'c."name"' },
    { name: 'summary', description: 'Was die Kooperation tut', sql: 'c."summary"' },
    { name: 'coordinator', description: 'Koordinierende Stelle', sql: 'c."coordinator"' },
    { name: 'region', description: 'SUEDWESTFALEN oder RUHR', sql: 'c."region"' },
    { name: 'founded_year', description: 'Gründungsjahr, wo eine Quelle es nennt', sql: 'c."founded_year"' },
    {
      name: 'participation_requirements',
      description: 'Voraussetzungen der Teilnahme (Liste)',
      sql: `coalesce(c."participation_requirements", '{}')`,
    },
    { ...SOURCE, sql: 'c."source"' },
  ],
  from: () => ({ sql: 'from "municipalities"."cooperation" c order by c."slug"', params: [] }),
};

const memberships: OpenDataset = {
  name: 'memberships',
  title: 'Mitgliedschaften der Kommunen in Kooperationen',
  description:
    'Welche Kommune in welcher Kooperation Mitglied (MEMBER) oder zur Teilnahme eingeladen (INVITED) ist, mit Beitrittsjahr, wo eine Quelle es nennt.',
  keywords: ['Kooperation', 'Mitgliedschaft', 'Kommunen'],
  theme: 'GOVE',
  rights: { kind: 'unknown', note: COMPILED_BY_THE_HUB },
  changedBy: [MembershipEntity, CooperationEntity],
  columns: [
    { name: 'cooperation_slug', description: 'Schlüssel der Kooperation', sql: 'c."slug"' },
    {
      name: 'municipality_ags',
      description: 'Amtlicher Gemeindeschlüssel der Kommune, 8 Ziffern',
      sql: 'ms."municipality_ags"',
    },
    { name: 'status', description: 'MEMBER oder INVITED', sql: 'ms."status"' },
    {
      name: 'since_year',
      description: 'Jahr der Unterzeichnung oder des Beitritts, wo eine Quelle es nennt',
      sql: 'ms."since_year"',
    },
    { name: 'note', description: 'Anmerkung aus den Quellen', sql: 'ms."note"' },
    { ...SOURCE, sql: 'ms."source"' },
  ],
  from: () => ({
    sql: 'from "municipalities"."membership" ms join "municipalities"."cooperation" c on c."id" = ms."cooperation_id" order by c."slug", ms."municipality_ags"',
    params: [],
  }),
};

// Declarations carry a contact person: name, role and e-mail are personal data and are never selected.
const participations: OpenDataset = {
  name: 'participations',
  title: 'Teilnahmeerklärungen der Kommunen',
  description:
    'Verbindliche Teilnahmeerklärungen der Kommunen an Kooperationen mit Datum der Erklärung und gegebenenfalls des Rückzugs; ohne Ansprechpersonen.',
  keywords: ['Teilnahme', 'Kooperation', 'Kommunen'],
  theme: 'GOVE',
  rights: { kind: 'unknown', note: WRITTEN_IN_THE_HUB },
  changedBy: [ParticipationEntity, CooperationEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID)', sql: 'pa."id"' },
    { name: 'cooperation_slug', description: 'Schlüssel der Kooperation', sql: 'c."slug"' },
    {
      name: 'municipality_ags',
      description: 'Amtlicher Gemeindeschlüssel der erklärenden Kommune, 8 Ziffern',
      sql: 'pa."municipality_ags"',
    },
    { name: 'declared_on', description: 'Datum der Erklärung (JJJJ-MM-TT)', sql: 'pa."declared_on"' },
    {
      name: 'withdrawn_on',
      description: 'Datum des Rückzugs (JJJJ-MM-TT); leer, solange die Erklärung gilt',
      sql: 'pa."withdrawn_on"',
    },
  ],
  from: () => ({
    sql: 'from "municipalities"."participation" pa join "municipalities"."cooperation" c on c."id" = pa."cooperation_id" order by pa."declared_on", pa."municipality_ags", pa."id"',
    params: [],
  }),
};

/** /open-data/ files of the municipalities subgraph. */
export const municipalitiesOpenData = openDataRoutes('municipalities', [
  municipalities,
  cooperations,
  memberships,
  participations,
]);
