// German labels for the API's enum values. Vocabularies with labels in the API (target
// groups, fields of action, practice kinds) come from the Vocabularies query instead.

export const REGION: Record<string, string> = { SUEDWESTFALEN: 'Südwestfalen', RUHR: 'Ruhrgebiet' };
export const SEARCH_TYPE: Record<string, string> = {
  PRACTICE: 'Praxisbeispiel',
  MODULE: 'Modul',
  EVENT: 'Veranstaltung',
  MUNICIPALITY: 'Kommune',
};
export const EVENT_KIND: Record<string, string> = {
  ROUND_TABLE: 'Runder Tisch',
  FORUM: 'Forum',
  CONFERENCE: 'Konferenz',
  NEWCOMER_RECEPTION: 'Neubürger-Empfang',
  WORKSHOP: 'Workshop',
};
export const EVENT_STATUS: Record<string, string> = {
  PLANNED: 'geplant',
  CANCELLED: 'abgesagt',
  HELD: 'stattgefunden',
};
export const REGISTRATION_STATUS: Record<string, string> = {
  REGISTERED: 'angemeldet',
  WAITLISTED: 'auf der Warteliste',
  CANCELLED: 'abgemeldet',
};
export const ADOPTION_STATUS: Record<string, string> = {
  PLANNED: 'geplant',
  IN_USE: 'im Einsatz',
  RETIRED: 'nicht mehr im Einsatz',
};
export const MODULE_KIND: Record<string, string> = {
  ANALYSIS_TOOL: 'Analyse-Tool',
  MATERIAL: 'Material',
  CONCEPT: 'Konzept',
  TEMPLATE: 'Vorlage',
};
export const MUNICIPALITY_KIND: Record<string, string> = { STADT: 'Stadt', GEMEINDE: 'Gemeinde' };
export const PRACTICE_STATUS: Record<string, string> = {
  IDEA: 'Idee',
  PLANNED: 'geplant',
  ACTIVE: 'läuft',
  COMPLETED: 'abgeschlossen',
  DISCONTINUED: 'eingestellt',
};
export const ROLE: Record<string, string> = { EDITOR: 'Redaktion', COORDINATOR: 'Koordination' };

/** The label of `value` in `labels`, or the value itself when none is known (never blank). */
export const label = (labels: Record<string, string>, value: string | null | undefined): string =>
  value ? (labels[value] ?? value) : 'unbekannt';
