import { defineEntity, p } from '@mikro-orm/core';
import { LICENCE_CODE_LENGTH, TextArrayType, type LinkRecord } from '@welcome-hub/kit';

/** A shared module ("a regional frame, filled locally"), owned by a cooperation or a municipality. */
export const ModuleEntity = defineEntity({
  name: 'Module',
  tableName: 'module',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().length(120).unique(),
    title: p.string().length(200),
    kind: p.string().length(20),
    summary: p.text(),
    description: p.text().nullable(),
    // A LicenceCode; null: the owner has not chosen one.
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    ownerAgs: p.string().length(8).nullable(),
    ownerCooperation: p.string().length(80).nullable(),
    criteria: p.array().type(TextArrayType),
    source: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});
export type ModuleRow = InstanceType<typeof ModuleEntity.class>;

/** A released version of a module, with release notes and downloads. */
export const ModuleVersionEntity = defineEntity({
  name: 'ModuleVersion',
  tableName: 'module_version',
  uniques: [{ properties: ['moduleId', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    moduleId: p.uuid().index(),
    version: p.string().length(40),
    releasedOn: p.date(),
    notes: p.text().nullable(),
    links: p.json<LinkRecord[]>(),
    createdAt: p.datetime(),
  },
});
export type ModuleVersionRow = InstanceType<typeof ModuleVersionEntity.class>;

/** A municipality's adoption of a module and its local variant. */
export const AdoptionEntity = defineEntity({
  name: 'ModuleAdoption',
  tableName: 'module_adoption',
  uniques: [{ properties: ['moduleId', 'municipalityAgs'] }],
  properties: {
    id: p.uuid().primary(),
    moduleId: p.uuid().index(),
    municipalityAgs: p.string().length(8).index(),
    status: p.string().length(20),
    localNotes: p.text().nullable(),
    links: p.json<LinkRecord[]>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});
export type AdoptionRow = InstanceType<typeof AdoptionEntity.class>;
