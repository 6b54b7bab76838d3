import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Who a practice is for. Codes are stable; labels are the German terms of the sources. */
export enum TargetGroup {
  SKILLED_WORKERS = 'SKILLED_WORKERS',
  FAMILIES = 'FAMILIES',
  NEWCOMERS = 'NEWCOMERS',
  REFUGEES = 'REFUGEES',
  NEIGHBOURHOODS = 'NEIGHBOURHOODS',
  LANDLORDS = 'LANDLORDS',
  VOLUNTEERS = 'VOLUNTEERS',
  INTERNATIONAL_TALENTS = 'INTERNATIONAL_TALENTS',
  YOUNG_PROFESSIONALS_WITH_MIGRATION_BACKGROUND = 'YOUNG_PROFESSIONALS_WITH_MIGRATION_BACKGROUND',
  STUDENTS = 'STUDENTS',
  PUPILS = 'PUPILS',
}

export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
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

/** The two fields of action of the Südwestfalen cooperation's EFRE project. */
export enum FieldOfAction {
  WORKING_LIFE = 'WORKING_LIFE',
  NEW_HOME = 'NEW_HOME',
}

export const FIELD_OF_ACTION_LABELS: Record<FieldOfAction, string> = {
  WORKING_LIFE: 'Willkommen im Berufsleben',
  NEW_HOME: 'Willkommen in der neuen Heimat',
};

export enum PracticeKind {
  MODEL_PROJECT = 'MODEL_PROJECT',
  EVENT_FORMAT = 'EVENT_FORMAT',
  NEIGHBOURHOOD_ADVICE = 'NEIGHBOURHOOD_ADVICE',
  ONLINE_PORTAL = 'ONLINE_PORTAL',
  RECRUITMENT = 'RECRUITMENT',
  OTHER = 'OTHER',
}

export const PRACTICE_KIND_LABELS: Record<PracticeKind, string> = {
  MODEL_PROJECT: 'Modellprojekt',
  EVENT_FORMAT: 'Veranstaltungsformat',
  NEIGHBOURHOOD_ADVICE: 'Beratungsstellen im Quartier',
  ONLINE_PORTAL: 'Online-Portal',
  RECRUITMENT: 'Personalgewinnung',
  OTHER: 'Sonstiges',
};

export enum PracticeStatus {
  IDEA = 'IDEA',
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DISCONTINUED = 'DISCONTINUED',
}

const described = <T extends Record<string, string>>(labels: T) =>
  Object.fromEntries(Object.entries(labels).map(([code, label]) => [code, { description: label }]));

registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Who a practice is for (controlled vocabulary; see Query.targetGroups for labels).',
  valuesConfig: described(TARGET_GROUP_LABELS),
});
registerEnumType(FieldOfAction, {
  name: 'FieldOfAction',
  description: 'Field of action (controlled vocabulary; see Query.fieldsOfAction for labels).',
  valuesConfig: described(FIELD_OF_ACTION_LABELS),
});
registerEnumType(PracticeKind, {
  name: 'PracticeKind',
  description: 'What kind of measure a practice is (see Query.practiceKinds for labels).',
  valuesConfig: described(PRACTICE_KIND_LABELS),
});
registerEnumType(PracticeStatus, {
  name: 'PracticeStatus',
  description: 'Where a practice stands.',
  valuesConfig: {
    IDEA: { description: 'An idea, not yet planned.' },
    PLANNED: { description: 'Planned, not yet running.' },
    ACTIVE: { description: 'Running.' },
    COMPLETED: { description: 'Finished as planned.' },
    DISCONTINUED: { description: 'Stopped before completion.' },
  },
});

@ObjectType({ description: 'A term of a controlled vocabulary: a stable code and its German label.' })
export class VocabularyTerm {
  @Field({ description: 'Stable code, as used in filters and inputs.' })
  code!: string;

  @Field({ description: 'German label for display.' })
  label!: string;
}

export const terms = (labels: Record<string, string>): VocabularyTerm[] =>
  Object.entries(labels).map(([code, label]) => ({ code, label }));

/** Maps the German terms of knowledge.json to codes; unknown terms are an error, not a guess. */
export function codeForLabel<T extends string>(labels: Record<T, string>, label: string, what: string): T {
  const normalized = label.replace(/ in Südwestfalen$/, '').replace(/ Südwestfalen$/, '');
  const entry = (Object.entries(labels) as [T, string][]).find(([, l]) => l === normalized);
  if (!entry) throw new Error(`Unknown ${what} "${label}"`);
  return entry[0];
}
