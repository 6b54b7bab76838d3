import { defineEntity, p } from '@mikro-orm/core';
import {
  LICENCE_CODE_LENGTH,
  agsCheck,
  createdAtProperty,
  idProperty,
  jsonListProperty,
  slugCheck,
  textListProperty,
  timestampProperties,
  type LinkRecord,
} from '@welcome-hub/kit';

/** A shared module ("a regional frame, filled locally"), owned by a cooperation or a municipality. */
export const ModuleEntity = defineEntity({
  name: 'Module',
  tableName: 'module',
  // `criteria && …` (modules by criterion) uses it.
  indexes: [{ name: 'module_criteria_index', properties: ['criteria'], type: 'gin' }],
  checks: [{ name: 'module_one_owner', expression: '("owner_ags" is null) <> ("owner_cooperation" is null)' }],
  properties: {
    ...idProperty(),
    slug: p.string().length(120).unique().check(slugCheck('slug')),
    title: p.string().length(200),
    kind: p.string().length(20).check(`"kind" in ('ANALYSIS_TOOL', 'MATERIAL', 'CONCEPT', 'TEMPLATE')`),
    summary: p.text(),
    description: p.text().nullable(),
    // A LicenceCode; null: the owner has not chosen one.
    licence: p.string().length(LICENCE_CODE_LENGTH).nullable(),
    ownerAgs: p.string().length(8).nullable(),
    ownerCooperation: p.string().length(80).nullable(),
    criteria: textListProperty(),
    source: p.text().nullable(),
    ...timestampProperties(),
    updatedBy: p.string().length(200),
  },
});
export type ModuleRow = InstanceType<typeof ModuleEntity.class>;

/** The module a version or an adoption belongs to; both go with it when it is deleted. */
const moduleKey = (table: string) =>
  p
    .manyToOne(ModuleEntity)
    .mapToPk()
    .fieldName('module_id')
    .foreignKeyName(`${table}_module_id_fkey`)
    .deleteRule('cascade');

/** A released version of a module, with release notes and downloads. */
export const ModuleVersionEntity = defineEntity({
  name: 'ModuleVersion',
  tableName: 'module_version',
  // Also serves the lookups by module: no index of its own.
  uniques: [{ properties: ['moduleId', 'version'] }],
  properties: {
    ...idProperty(),
    moduleId: moduleKey('module_version'),
    version: p.string().length(40),
    releasedOn: p.date(),
    notes: p.text().nullable(),
    links: jsonListProperty<LinkRecord>(),
    ...createdAtProperty(),
  },
});
export type ModuleVersionRow = InstanceType<typeof ModuleVersionEntity.class>;

/** A municipality's adoption of a module and its local variant. */
export const AdoptionEntity = defineEntity({
  name: 'ModuleAdoption',
  tableName: 'module_adoption',
  // Also serves the lookups by module: no index of its own.
  uniques: [{ properties: ['moduleId', 'municipalityAgs'] }],
  properties: {
    ...idProperty(),
    moduleId: moduleKey('module_adoption'),
    municipalityAgs: p.string().length(8).index().check(agsCheck('municipality_ags')),
    status: p.string().length(20).check(`"status" in ('PLANNED', 'IN_USE', 'RETIRED')`),
    localNotes: p.text().nullable(),
    links: jsonListProperty<LinkRecord>(),
    ...timestampProperties(),
    updatedBy: p.string().length(200),
  },
});
export type AdoptionRow = InstanceType<typeof AdoptionEntity.class>;
