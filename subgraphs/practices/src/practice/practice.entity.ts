import { defineEntity, p } from '@mikro-orm/core';
import { LICENCE_CODE_LENGTH, TextArrayType, type LinkRecord } from '@welcome-hub/kit';

export interface FundingRecord {
  programme: string;
  amountEur: number | null;
  sharePercent: number | null;
  startsOn: string | null;
  durationYears: number | null;
  positions: number | null;
  note: string | null;
}
export interface AwardRecord { year: number; name: string }
export interface ContactRecord { name: string | null; role: string | null; email: string | null; phone: string | null }

/**
 * A best-practice project, owned by one municipality (AGS) or one cooperation (slug).
 * Owner region and district are copied from the reference data at write time, so the
 * subgraph can filter by them without reaching into another subgraph's schema.
 */
export const PracticeEntity = defineEntity({
  name: 'Practice',
  tableName: 'practice',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().length(120).unique(),
    title: p.string().length(200),
    summary: p.text(),
    description: p.text().nullable(),
    ownerAgs: p.string().length(8).nullable().index(),
    ownerCooperation: p.string().length(80).nullable().index(),
    ownerRegion: p.string().length(20),
    ownerDistrict: p.string().length(5).nullable(),
    kind: p.string().length(40),
    targetGroups: p.array().type(TextArrayType),
    fieldsOfAction: p.array().type(TextArrayType),
    status: p.string().length(20).nullable(),
    draft: p.boolean(),
    startedYear: p.integer().nullable(),
    endedYear: p.integer().nullable(),
    funding: p.json<FundingRecord[]>(),
    awards: p.json<AwardRecord[]>(),
    links: p.json<LinkRecord[]>(),
    contacts: p.json<ContactRecord[]>(),
    lessonsLearned: p.text().nullable(),
    effortNotes: p.text().nullable(),
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    tags: p.array().type(TextArrayType),
    criteria: p.array().type(TextArrayType),
    source: p.text().nullable(),
    adaptedFromId: p.uuid().nullable().index(),
    adaptationChanges: p.text().nullable(),
    adaptedAt: p.datetime().nullable(),
    archivedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    createdBy: p.string().length(200),
    updatedBy: p.string().length(200),
  },
});
export type PracticeRow = InstanceType<typeof PracticeEntity.class>;
