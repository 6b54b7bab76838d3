// Labels when the Vocabularies query is not available (the schema's descriptions of the enums).
export const TARGET_GROUPS: Record<string, string> = {
  SKILLED_WORKERS: 'Fachkräfte',
  FAMILIES: 'Familien',
  NEWCOMERS: 'Neubürgerinnen und Neubürger',
  REFUGEES: 'Geflüchtete',
  NEIGHBOURHOODS: 'Nachbarschaften',
  LANDLORDS: 'Vermieter',
  VOLUNTEERS: 'Ehrenamtliche',
  INTERNATIONAL_TALENTS: 'internationale Talente',
  YOUNG_PROFESSIONALS_WITH_MIGRATION_BACKGROUND: 'Nachwuchskräfte mit Migrationshintergrund',
  STUDENTS: 'Studierende',
  PUPILS: 'Schülerinnen und Schüler',
};
export const FIELDS_OF_ACTION: Record<string, string> = {
  WORKING_LIFE: 'Willkommen im Berufsleben',
  NEW_HOME: 'Willkommen in der neuen Heimat',
};
export const PRACTICE_KINDS: Record<string, string> = {
  MODEL_PROJECT: 'Modellprojekt',
  EVENT_FORMAT: 'Veranstaltungsformat',
  NEIGHBOURHOOD_ADVICE: 'Beratungsstellen im Quartier',
  ONLINE_PORTAL: 'Online-Portal',
  RECRUITMENT: 'Personalgewinnung',
  OTHER: 'Sonstiges',
};
