import {
  ANONYMOUS,
  isoTimestamp,
  licenceColumns,
  openDataRoutes,
  type OpenDataset,
  type Orm,
  type SqlQuery,
} from '@welcome-hub/kit';
import { PracticeEntity } from './practice/practice.entity.js';
import { visiblePractices } from './practice/practice.visibility.js';

/**
 * The practices anyone may read, as SQL: the visibility rule itself (drafts never), for an
 * anonymous caller. Archived practices stay, as their slugs and lineage stay reachable;
 * `archived_at` says which they are.
 */
function publicPractices(orm: Orm): SqlQuery {
  return orm.em
    .fork()
    .createQueryBuilder(PracticeEntity, 'v')
    .select('*')
    .where(visiblePractices(ANONYMOUS, 'addressable') as never)
    .toQuery();
}

const PER_RECORD =
  'Lizenz je Eintrag: Die Spalten licence_id und licence_uri nennen die Lizenz, die die Eigentümerin für die Beschreibung gewählt hat; ' +
  'leer bedeutet Lizenz unbekannt, die Beschreibung ist dann keine offene Information.';

// Contacts, effort notes and what an adaptation changed may name people: never selected.
const practices: OpenDataset = {
  name: 'practices',
  title: 'Gute Praxis der Kommunen zum Willkommen',
  description:
    'Veröffentlichte Projekte und Maßnahmen der Kommunen und Kooperationen zum Willkommen von Neubürgerinnen, Neubürgern und Fachkräften ' +
    '(ohne Entwürfe und ohne Ansprechpersonen), mit Zielgruppen, Handlungsfeldern, Laufzeit und Lizenz je Eintrag.',
  keywords: ['Gute Praxis', 'Willkommenskultur', 'Kommunen', 'Integration'],
  theme: 'GOVE',
  rights: { kind: 'per-record', note: PER_RECORD },
  changedBy: [PracticeEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID)', sql: 'p."id"' },
    { name: 'slug', description: 'Lesbarer Schlüssel', sql: 'p."slug"' },
    { name: 'title', description: 'Titel', sql: 'p."title"' },
    { name: 'summary', description: 'Kurzbeschreibung', sql: 'p."summary"' },
    { name: 'description', description: 'Beschreibung (Markdown)', sql: 'p."description"' },
    { name: 'kind', description: 'Art der Maßnahme (Code wie in der API)', sql: 'p."kind"' },
    {
      name: 'owner_ags',
      description: 'Amtlicher Gemeindeschlüssel der besitzenden Kommune; leer bei Kooperationen',
      sql: 'p."owner_ags"',
    },
    {
      name: 'owner_cooperation',
      description: 'Schlüssel der besitzenden Kooperation; leer bei Kommunen',
      sql: 'p."owner_cooperation"',
    },
    { name: 'region', description: 'Region der Eigentümerin: SUEDWESTFALEN oder RUHR', sql: 'p."owner_region"' },
    { name: 'district_code', description: 'Kreisschlüssel der besitzenden Kommune', sql: 'p."owner_district"' },
    { name: 'target_groups', description: 'Zielgruppen (Liste von Codes)', sql: 'p."target_groups"' },
    { name: 'fields_of_action', description: 'Handlungsfelder (Liste von Codes)', sql: 'p."fields_of_action"' },
    { name: 'status', description: 'Stand (Code); leer, wo die Quellen ihn nicht nennen', sql: 'p."status"' },
    { name: 'started_year', description: 'Startjahr', sql: 'p."started_year"' },
    { name: 'ended_year', description: 'Endjahr', sql: 'p."ended_year"' },
    { name: 'lessons_learned', description: 'Erfahrungen der Eigentümerin', sql: 'p."lessons_learned"' },
    { name: 'tags', description: 'Schlagwörter (Liste)', sql: 'p."tags"' },
    {
      name: 'criteria',
      description: 'Schlüssel der Quick-Check-Kriterien, die sie erfüllt (Liste)',
      sql: 'p."criteria"',
    },
    { name: 'source', description: 'Herkunft der Angaben bei übernommenen Einträgen', sql: 'p."source"' },
    {
      name: 'archived_at',
      description: 'Archiviert am (ISO 8601, UTC); leer, solange aktuell',
      sql: isoTimestamp('p."archived_at"'),
    },
    { name: 'created_at', description: 'Erfasst am (ISO 8601, UTC)', sql: isoTimestamp('p."created_at"') },
    { name: 'updated_at', description: 'Zuletzt geändert am (ISO 8601, UTC)', sql: isoTimestamp('p."updated_at"') },
    ...licenceColumns(PracticeEntity, 'p'),
  ],
  from: (orm) => {
    const visible = publicPractices(orm);
    return { sql: `from (${visible.sql}) as p order by p."slug"`, params: visible.params };
  },
};

const reuse: OpenDataset = {
  name: 'practice-reuse',
  title: 'Nachnutzung guter Praxis zwischen Kommunen',
  description:
    'Welche veröffentlichte Praxis aus welcher anderen veröffentlichten Praxis übernommen und angepasst wurde (Nachnutzungsbeziehungen).',
  keywords: ['Nachnutzung', 'Gute Praxis', 'Wissenstransfer', 'Kommunen'],
  theme: 'GOVE',
  rights: {
    kind: 'unknown',
    note: 'Lizenz unbekannt: Für diese im Welcome Hub erfassten Beziehungen ist keine Lizenz festgelegt.',
  },
  changedBy: [PracticeEntity],
  columns: [
    { name: 'practice_id', description: 'Kennung der übernehmenden Praxis (UUID)', sql: 'p."id"' },
    { name: 'practice_slug', description: 'Schlüssel der übernehmenden Praxis', sql: 'p."slug"' },
    {
      name: 'practice_owner_ags',
      description: 'Amtlicher Gemeindeschlüssel der übernehmenden Kommune',
      sql: 'p."owner_ags"',
    },
    { name: 'adapted_from_id', description: 'Kennung der Vorlage (UUID)', sql: 's."id"' },
    { name: 'adapted_from_slug', description: 'Schlüssel der Vorlage', sql: 's."slug"' },
    {
      name: 'adapted_from_owner_ags',
      description: 'Amtlicher Gemeindeschlüssel der Kommune, von der die Vorlage stammt',
      sql: 's."owner_ags"',
    },
    { name: 'adapted_at', description: 'Übernommen am (ISO 8601, UTC)', sql: isoTimestamp('p."adapted_at"') },
  ],
  // Both ends must be public: a published adaptation of a draft shows no link to it.
  from: (orm) => {
    const visible = publicPractices(orm);
    return {
      sql: `from (${visible.sql}) as p join (${visible.sql}) as s on s."id" = p."adapted_from_id" order by p."slug"`,
      params: [...visible.params, ...visible.params],
    };
  },
};

/** /open-data/ files of the practices subgraph. */
export const practicesOpenData = openDataRoutes('practices', [practices, reuse]);
