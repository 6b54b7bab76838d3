import { defineEntity, p } from '@mikro-orm/core';
import {
  LICENCE_CODE_LENGTH,
  agsCheck,
  idProperty,
  jsonListProperty,
  slugCheck,
  textListProperty,
  timestampProperties,
  type LinkRecord,
} from '@welcome-hub/kit';

export interface FundingRecord {
  programme: string;
  amountEur: number | null;
  sharePercent: number | null;
  startsOn: string | null;
  durationYears: number | null;
  positions: number | null;
  note: string | null;
}
export interface AwardRecord {
  year: number;
  name: string;
}
export interface ContactRecord {
  name: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * A best-practice project, owned by one municipality (AGS) or one cooperation (slug).
 * Owner region and district are copied from the reference data at write time, so the
 * subgraph can filter by them without reaching into another subgraph's schema. What a new
 * practice starts with (empty lists, not a draft, no owner-given facts) is declared here,
 * as the migrations' SQL defaults say it.
 */
export const PracticeEntity = defineEntity({
  name: 'Practice',
  tableName: 'practice',
  indexes: [
    // Containment filters (`targetGroups @> …`, `criteria && …`) use these.
    { name: 'practice_target_groups_index', properties: ['targetGroups'], type: 'gin' },
    { name: 'practice_criteria_index', properties: ['criteria'], type: 'gin' },
  ],
  checks: [
    { name: 'practice_one_owner', expression: '("owner_ags" is null) <> ("owner_cooperation" is null)' },
    { name: 'practice_not_self_adapted', expression: '"adapted_from_id" <> "id"' },
    {
      name: 'practice_check',
      expression: '"ended_year" is null or "started_year" is null or "ended_year" >= "started_year"',
    },
  ],
  properties: {
    ...idProperty(),
    slug: p.string().length(120).unique().check(slugCheck('slug')),
    title: p.string().length(200),
    summary: p.text(),
    description: p.text().nullable(),
    ownerAgs: p.string().length(8).nullable().index().check(agsCheck('owner_ags')),
    ownerCooperation: p.string().length(80).nullable().index(),
    ownerRegion: p.string().length(20).check(`"owner_region" in ('SUEDWESTFALEN', 'RUHR')`),
    ownerDistrict: p.string().length(5).nullable(),
    kind: p.string().length(40),
    targetGroups: textListProperty(),
    fieldsOfAction: textListProperty(),
    status: p
      .string()
      .length(20)
      .nullable()
      .check(`"status" in ('IDEA', 'PLANNED', 'ACTIVE', 'COMPLETED', 'DISCONTINUED')`),
    draft: p.boolean().default(false),
    startedYear: p.integer().nullable(),
    endedYear: p.integer().nullable(),
    funding: jsonListProperty<FundingRecord>(),
    awards: jsonListProperty<AwardRecord>(),
    links: jsonListProperty<LinkRecord>(),
    contacts: jsonListProperty<ContactRecord>(),
    lessonsLearned: p.text().nullable(),
    effortNotes: p.text().nullable(),
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    tags: textListProperty(),
    criteria: textListProperty(),
    source: p.text().nullable(),
    // A thunk: the entity refers to itself, which does not exist yet while it is defined.
    adaptedFromId: () =>
      p
        .manyToOne(PracticeEntity)
        .mapToPk()
        .nullable()
        .fieldName('adapted_from_id')
        .foreignKeyName('practice_adapted_from_id_fkey')
        // As the migration: a source practice cannot be deleted while adapted (MikroORM's default is set null).
        .deleteRule('no action')
        .index(),
    adaptationChanges: p.text().nullable(),
    adaptedAt: p.datetime().nullable(),
    archivedAt: p.datetime().nullable(),
    ...timestampProperties(),
    createdBy: p.string().length(200),
    updatedBy: p.string().length(200),
  },
});
export type PracticeRow = InstanceType<typeof PracticeEntity.class>;
