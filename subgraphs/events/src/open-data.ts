import { isoTimestamp, licenceColumns, openDataRoutes, type OpenDataset } from '@welcome-hub/kit';
import { EventEntity } from './event/event.entity.js';

// Every event is public. Registrations (and the names in them) are not exported, nor the
// free-text note on who took part, which may name people.
const events: OpenDataset = {
  name: 'events',
  title: 'Veranstaltungen der Kooperationen und Kommunen zum Willkommen',
  description:
    'Runde Tische, Foren, Konferenzen, Neubürgerempfänge und Werkstätten der Kooperationen und Kommunen mit Datum, Ort, Veranstaltenden, ' +
    'Status, gemeldeter Teilnehmendenzahl und Lizenz je Eintrag; ohne Anmeldungen.',
  keywords: ['Veranstaltungen', 'Runder Tisch', 'Willkommenskultur', 'Kommunen'],
  theme: 'GOVE',
  rights: {
    kind: 'per-record',
    note:
      'Lizenz je Eintrag: Die Spalten licence_id und licence_uri nennen die Lizenz, unter der die Veranstaltenden die Beschreibung teilen; ' +
      'leer bedeutet Lizenz unbekannt.',
  },
  changedBy: [EventEntity],
  columns: [
    { name: 'id', description: 'Stabile Kennung (UUID), auch die UID im Kalender', sql: 'e."id"' },
    { name: 'slug', description: 'Lesbarer Schlüssel', sql: 'e."slug"' },
    { name: 'title', description: 'Titel', sql: 'e."title"' },
    { name: 'kind', description: 'Art der Veranstaltung (Code wie in der API)', sql: 'e."kind"' },
    { name: 'series_slug', description: 'Schlüssel der Reihe', sql: 'e."series_slug"' },
    { name: 'series_name', description: 'Name der Reihe', sql: 'e."series_name"' },
    { name: 'series_number', description: 'Nummer in der Reihe', sql: 'e."series_number"' },
    {
      name: 'date',
      description: 'Tag (JJJJ-MM-TT, Europe/Berlin); leer, wo die Quellen keinen nennen',
      sql: 'e."date"',
    },
    { name: 'starts_at', description: 'Beginn (ISO 8601, UTC)', sql: isoTimestamp('e."starts_at"') },
    { name: 'ends_at', description: 'Ende (ISO 8601, UTC)', sql: isoTimestamp('e."ends_at"') },
    { name: 'venue_name', description: 'Veranstaltungsort', sql: 'e."venue_name"' },
    { name: 'venue_address', description: 'Anschrift des Orts', sql: 'e."venue_address"' },
    { name: 'venue_latitude', description: 'Breitengrad des Orts (WGS 84)', sql: 'e."venue_latitude"' },
    { name: 'venue_longitude', description: 'Längengrad des Orts (WGS 84)', sql: 'e."venue_longitude"' },
    { name: 'online_url', description: 'Link zur Online-Teilnahme', sql: 'e."online_url"' },
    { name: 'host_ags', description: 'Amtlicher Gemeindeschlüssel der gastgebenden Kommune', sql: 'e."host_ags"' },
    {
      name: 'organizer_cooperation',
      description: 'Schlüssel der veranstaltenden Kooperation',
      sql: 'e."organizer_cooperation"',
    },
    { name: 'organizer_name', description: 'Veranstaltende, wie die Quellen sie nennen', sql: 'e."organizer_name"' },
    { name: 'region', description: 'SUEDWESTFALEN oder RUHR', sql: 'e."region"' },
    { name: 'description', description: 'Beschreibung', sql: 'e."description"' },
    { name: 'agenda', description: 'Programm', sql: 'e."agenda"' },
    { name: 'outcomes', description: 'Ergebnisse', sql: 'e."outcomes"' },
    {
      name: 'participants_count',
      description: 'Von den Quellen gemeldete Zahl der Teilnehmenden',
      sql: 'e."participants_count"',
    },
    { name: 'capacity', description: 'Plätze; leer: unbegrenzt', sql: 'e."capacity"' },
    {
      name: 'registration_deadline',
      description: 'Anmeldeschluss (ISO 8601, UTC)',
      sql: isoTimestamp('e."registration_deadline"'),
    },
    { name: 'status', description: 'PLANNED, CANCELLED oder HELD', sql: 'e."status"' },
    { name: 'source', description: 'Herkunft der Angaben bei übernommenen Einträgen', sql: 'e."source"' },
    { name: 'updated_at', description: 'Zuletzt geändert am (ISO 8601, UTC)', sql: isoTimestamp('e."updated_at"') },
    ...licenceColumns(EventEntity, 'e'),
  ],
  from: () => ({ sql: 'from "events"."event" e order by e."date" nulls last, e."slug"', params: [] }),
};

/** /open-data/ files of the events subgraph. */
export const eventsOpenData = openDataRoutes('events', [events]);
