import { isoTimestamp, licenceColumns, openDataRoutes, type OpenDataset } from '@welcome-hub/kit';
import { AdoptionEntity, ModuleEntity } from './module/module.entity.js';

const modules: OpenDataset = {
  name: 'modules',
  title: 'Gemeinsame Module zum Willkommen',
  description:
    'Gemeinsam entwickelte Module der Kooperationen („ein regionaler Rahmen, lokal gefüllt“): Analyse-Werkzeuge, Checklisten, Vorlagen und Konzepte, ' +
    'mit Eigentümerin, adressierten Quick-Check-Kriterien und Lizenz je Eintrag.',
  keywords: ['Module', 'Willkommenskultur', 'Vorlagen', 'Kommunen'],
  theme: 'GOVE',
  rights: {
    kind: 'per-record',
    note:
      'Lizenz je Eintrag: Die Spalten licence_id und licence_uri nennen die Lizenz, die die Eigentümerin für die Beschreibung gewählt hat; ' +
      'leer bedeutet Lizenz unbekannt.',
  },
  changedBy: [ModuleEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID)', sql: 'm."id"' },
    { name: 'slug', description: 'Lesbarer Schlüssel', sql: 'm."slug"' },
    { name: 'title', description: 'Titel', sql: 'm."title"' },
    { name: 'kind', description: 'Art des Moduls (Code wie in der API)', sql: 'm."kind"' },
    { name: 'summary', description: 'Kurzbeschreibung', sql: 'm."summary"' },
    { name: 'description', description: 'Beschreibung (Markdown)', sql: 'm."description"' },
    {
      name: 'owner_ags',
      description: 'Amtlicher Gemeindeschlüssel der besitzenden Kommune; leer bei Kooperationen',
      sql: 'm."owner_ags"',
    },
    {
      name: 'owner_cooperation',
      description: 'Schlüssel der besitzenden Kooperation; leer bei Kommunen',
      sql: 'm."owner_cooperation"',
    },
    { name: 'criteria', description: 'Schlüssel der adressierten Quick-Check-Kriterien (Liste)', sql: 'm."criteria"' },
    { name: 'source', description: 'Herkunft der Angaben bei übernommenen Einträgen', sql: 'm."source"' },
    { name: 'updated_at', description: 'Zuletzt geändert am (ISO 8601, UTC)', sql: isoTimestamp('m."updated_at"') },
    ...licenceColumns(ModuleEntity, 'm'),
  ],
  from: () => ({ sql: 'from "modules"."module" m order by m."slug"', params: [] }),
};

// A municipality's local notes are free text that may name people: never selected.
const adoptions: OpenDataset = {
  name: 'module-adoptions',
  title: 'Übernahmen gemeinsamer Module durch Kommunen',
  description:
    'Welche Kommune welches gemeinsame Modul plant (PLANNED), nutzt (IN_USE) oder nicht mehr nutzt (RETIRED).',
  keywords: ['Module', 'Nachnutzung', 'Kommunen'],
  theme: 'GOVE',
  rights: {
    kind: 'unknown',
    note: 'Lizenz unbekannt: Für diese im Welcome Hub erfassten Angaben ist keine Lizenz festgelegt.',
  },
  changedBy: [AdoptionEntity, ModuleEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID)', sql: 'a."id"' },
    { name: 'module_id', description: 'Kennung des Moduls (UUID)', sql: 'm."id"' },
    { name: 'module_slug', description: 'Schlüssel des Moduls', sql: 'm."slug"' },
    {
      name: 'municipality_ags',
      description: 'Amtlicher Gemeindeschlüssel der Kommune, 8 Ziffern',
      sql: 'a."municipality_ags"',
    },
    { name: 'status', description: 'PLANNED, IN_USE oder RETIRED', sql: 'a."status"' },
    { name: 'updated_at', description: 'Zuletzt geändert am (ISO 8601, UTC)', sql: isoTimestamp('a."updated_at"') },
  ],
  from: () => ({
    sql: 'from "modules"."module_adoption" a join "modules"."module" m on m."id" = a."module_id" order by m."slug", a."municipality_ags"',
    params: [],
  }),
};

/** /open-data/ files of the modules subgraph. */
export const modulesOpenData = openDataRoutes('modules', [modules, adoptions]);
