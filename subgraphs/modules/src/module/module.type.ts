import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, LicenceCode } from '@welcome-hub/kit';

export enum ModuleKind {
  ANALYSIS_TOOL = 'ANALYSIS_TOOL',
  MATERIAL = 'MATERIAL',
  CONCEPT = 'CONCEPT',
  TEMPLATE = 'TEMPLATE',
}
export const MODULE_KIND_LABELS: Record<ModuleKind, string> = {
  ANALYSIS_TOOL: 'Analyse-Tool',
  MATERIAL: 'Material',
  CONCEPT: 'Konzept',
  TEMPLATE: 'Vorlage',
};
registerEnumType(ModuleKind, {
  name: 'ModuleKind',
  description: 'What a module is.',
  valuesConfig: Object.fromEntries(Object.entries(MODULE_KIND_LABELS).map(([k, label]) => [k, { description: label }])),
});

export enum AdoptionStatus {
  PLANNED = 'PLANNED',
  IN_USE = 'IN_USE',
  RETIRED = 'RETIRED',
}
registerEnumType(AdoptionStatus, {
  name: 'AdoptionStatus',
  description: 'Where a municipality stands with a module.',
  valuesConfig: {
    PLANNED: { description: 'Adoption planned.' },
    IN_USE: { description: 'In use.' },
    RETIRED: { description: 'No longer used.' },
  },
});

@ObjectType({ description: 'A download or web page of a module.' })
export class ModuleLink {
  @Field({ description: 'Link text.' })
  title!: string;
  @Field({ description: 'http(s) URL.' })
  url!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Module', { description: 'A shared module of a cooperation: "a regional frame, filled locally".' })
export class Module {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
  @Field({ description: 'Human-readable unique key, e.g. "quick-check".' })
  slug!: string;
  @Field({ description: 'Title (German).' })
  title!: string;
  @Field(() => ModuleKind, { description: 'What the module is.' })
  kind!: ModuleKind;
  @Field({ description: 'Summary (German).' })
  summary!: string;
  @Field(() => String, { nullable: true, description: 'Description in Markdown (German).' })
  description!: string | null;
  @Field(() => LicenceCode, {
    nullable: true,
    description:
      'The open licence its owner gives this description; null when the owner has not chosen one (unknown, not an open licence).',
  })
  licence!: LicenceCode | null;
  @Field(() => String, { nullable: true, description: 'Where the facts come from, for seeded records.' })
  source!: string | null;
  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

export const ModuleConnection = Connection(Module, 'Module', 'module');

@ObjectType('ModuleVersion', { description: 'A released version of a module.' })
export class ModuleVersion {
  @Field({ description: 'Version label, e.g. "2.0".' })
  version!: string;
  @Field(() => LocalDateResolver, { description: 'Release date.' })
  releasedOn!: string;
  @Field(() => String, { nullable: true, description: 'Release notes (German).' })
  notes!: string | null;
  @Field(() => [ModuleLink], { description: 'Downloads.' })
  links!: ModuleLink[];
}

@ObjectType('ModuleAdoption', { description: "A municipality's use of a module, with its local variant." })
export class ModuleAdoption {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
  @Field(() => AdoptionStatus, { description: 'Planned, in use or retired.' })
  status!: AdoptionStatus;
  @Field(() => String, { nullable: true, description: 'What the municipality filled in locally.' })
  localNotes!: string | null;
  @Field(() => [ModuleLink], { description: "The municipality's own links for its variant." })
  links!: ModuleLink[];
  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'A link.' })
export class ModuleLinkInput {
  @Field({ description: 'Link text, 1 to 200 characters.' })
  title!: string;
  @Field({ description: 'http(s) URL.' })
  url!: string;
}

@InputType({ description: 'Narrows a list of modules.' })
export class ModuleFilter {
  @Field(() => ModuleKind, { nullable: true, description: 'Only this kind.' })
  kind?: ModuleKind | null;
  @Field(() => String, { nullable: true, description: 'Only modules addressing this Quick-Check criterion (key).' })
  criterion?: string | null;
}

@InputType({ description: 'Records or changes how one of your municipalities uses a module.' })
export class SetModuleAdoptionInput {
  @Field(() => ID, { description: 'The module.' })
  moduleId!: string;
  @Field(() => ID, { description: 'AGS of the adopting municipality (one of yours).' })
  ags!: string;
  @Field(() => AdoptionStatus, { description: 'Planned, in use or retired.' })
  status!: AdoptionStatus;
  @Field(() => String, { nullable: true, description: 'What you filled in locally, up to 5000 characters.' })
  localNotes?: string | null;
  @Field(() => [ModuleLinkInput], { nullable: true, description: 'Your own links, at most 20.' })
  links?: ModuleLinkInput[] | null;
}

@InputType({ description: 'Changes to a module (coordinators); omitted fields stay.' })
export class UpdateModuleInput {
  @Field(() => ID, { description: 'The module.' })
  id!: string;
  @Field(() => String, { nullable: true, description: 'Title, 3 to 200 characters.' })
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'Summary, 10 to 2000 characters.' })
  summary?: string | null;
  @Field(() => String, { nullable: true, description: 'Markdown description, up to 20000 characters.' })
  description?: string | null;
  @Field(() => LicenceCode, {
    nullable: true,
    description: 'The licence its owner gives this description, so others may reuse it; null: not chosen.',
  })
  licence?: LicenceCode | null;
  @Field(() => [String], { nullable: true, description: 'Keys of the Quick-Check criteria it addresses.' })
  criteria?: string[] | null;
}

@InputType({ description: 'A new version of a module (coordinators).' })
export class AddModuleVersionInput {
  @Field(() => ID, { description: 'The module.' })
  moduleId!: string;
  @Field({ description: 'Version label, 1 to 40 characters, unique per module.' })
  version!: string;
  @Field({ description: 'Release date, YYYY-MM-DD.' })
  releasedOn!: string;
  @Field(() => String, { nullable: true, description: 'Release notes, up to 5000 characters.' })
  notes?: string | null;
  @Field(() => [ModuleLinkInput], { nullable: true, description: 'Downloads, at most 20.' })
  links?: ModuleLinkInput[] | null;
}
