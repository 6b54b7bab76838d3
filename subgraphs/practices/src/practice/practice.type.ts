import { DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, LicenceCode, RegionCode } from '@welcome-hub/kit';
import { FieldOfAction, PracticeKind, PracticeStatus, TargetGroup } from '../shared/vocabulary.js';

@ObjectType({ description: 'Funding of a practice.' })
export class Funding {
  @Field({ description: 'Funding programme, e.g. "Asyl-, Migrations- und Integrationsfonds der EU (AMIF)".' })
  programme!: string;

  @Field(() => Float, { nullable: true, description: 'Amount in euros, where known.' })
  amountEur!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of the costs the programme covers, in percent.' })
  sharePercent!: number | null;

  @Field(() => String, { nullable: true, description: 'Start of the funding, YYYY-MM or YYYY-MM-DD.' })
  startsOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Duration in years.' })
  durationYears!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of positions the funding pays for.' })
  positions!: number | null;

  @Field(() => String, { nullable: true, description: 'Conditions or remarks.' })
  note!: string | null;
}

@ObjectType({ description: 'An award a practice received.' })
export class Award {
  @Field(() => Int, { description: 'Year of the award.' })
  year!: number;

  @Field({ description: 'Name of the award.' })
  name!: string;
}

@ObjectType({ description: 'A web page about a practice.' })
export class PracticeLink {
  @Field({ description: 'Link text.' })
  title!: string;

  @Field({ description: 'http(s) URL.' })
  url!: string;
}

@ObjectType({ description: 'A contact person for a practice. Personal data: visible to signed-in callers only.' })
export class PracticeContact {
  @Field(() => String, { nullable: true, description: 'Name; null where the source names only the role.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Role or office.' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number.' })
  phone!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Practice', { description: 'A best-practice project for welcoming newcomers that others can adopt.' })
export class Practice {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Human-readable unique key, e.g. "willkommen-in-siegen".' })
  slug!: string;

  @Field({ description: 'Title (German).' })
  title!: string;

  @Field({ description: 'Short summary (German).' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Full description in Markdown (German).' })
  description!: string | null;

  @Field(() => PracticeKind, { description: 'What kind of measure it is.' })
  kind!: PracticeKind;

  @Field(() => [TargetGroup], { description: 'Who it is for.' })
  targetGroups!: TargetGroup[];

  @Field(() => [FieldOfAction], { description: 'Fields of action it belongs to.' })
  fieldsOfAction!: FieldOfAction[];

  @Field(() => PracticeStatus, { nullable: true, description: 'Where it stands; null where the sources do not say.' })
  status!: PracticeStatus | null;

  @Field({ description: 'True while only its owner and coordinators can see it (e.g. a fresh adaptation).' })
  draft!: boolean;

  @Field(() => RegionCode, { description: "The owner's region." })
  region!: RegionCode;

  @Field(() => Int, { nullable: true, description: 'Year it started, where known.' })
  startedYear!: number | null;

  @Field(() => Int, { nullable: true, description: 'Year it ended, where it has.' })
  endedYear!: number | null;

  @Field(() => [Funding], { description: 'Funding received.' })
  funding!: Funding[];

  @Field(() => [Award], { description: 'Awards received.' })
  awards!: Award[];

  @Field(() => [PracticeLink], { description: 'Web pages about it.' })
  links!: PracticeLink[];

  @Field(() => String, { nullable: true, description: 'What the owner learned (German).' })
  lessonsLearned!: string | null;

  @Field(() => String, { nullable: true, description: 'Effort and cost notes (German).' })
  effortNotes!: string | null;

  @Field(() => LicenceCode, {
    nullable: true,
    description:
      'The licence its owner gives this description; null when the owner has not chosen one (unknown, not an open licence).',
  })
  licence!: LicenceCode | null;

  @Field(() => [String], { description: 'Free tags.' })
  tags!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Where the facts come from, for seeded records; null for records entered in the hub.',
  })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'What the adapting municipality changed, for an adaptation.' })
  adaptationChanges!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was adapted from `adaptedFrom`.' })
  adaptedAt!: Date | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When it was archived; archived practices are hidden from lists by default.',
  })
  archivedAt!: Date | null;

  @Field(() => DateTimeResolver, { description: 'When it was entered.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

export const PracticeConnection = Connection(Practice, 'Practice', 'practice');

@InputType({ description: 'Who owns a practice: exactly one of a municipality or a cooperation.' })
export class PracticeOwnerInput {
  @Field(() => ID, { nullable: true, description: 'AGS of the owning municipality.' })
  ags?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the owning cooperation (coordinators only).' })
  cooperation?: string | null;
}

@InputType({ description: 'Funding of a practice.' })
export class FundingInput {
  @Field({ description: 'Programme name, 2 to 300 characters.' })
  programme!: string;
  @Field(() => Float, { nullable: true, description: 'Amount in euros, 0 or more.' })
  amountEur?: number | null;
  @Field(() => Float, { nullable: true, description: 'Share in percent, 0 to 100.' })
  sharePercent?: number | null;
  @Field(() => String, { nullable: true, description: 'Start, YYYY-MM or YYYY-MM-DD.' })
  startsOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'Duration in years, 1 to 30.' })
  durationYears?: number | null;
  @Field(() => Int, { nullable: true, description: 'Funded positions, 0 or more.' })
  positions?: number | null;
  @Field(() => String, { nullable: true, description: 'Remarks, up to 1000 characters.' })
  note?: string | null;
}

@InputType({ description: 'An award.' })
export class AwardInput {
  @Field(() => Int, { description: 'Year, 1949 to next year.' })
  year!: number;
  @Field({ description: 'Name, 2 to 300 characters.' })
  name!: string;
}

@InputType({ description: 'A web page.' })
export class PracticeLinkInput {
  @Field({ description: 'Link text, 1 to 200 characters.' })
  title!: string;
  @Field({ description: 'http(s) URL.' })
  url!: string;
}

@InputType({ description: 'A contact person; at least a name or a role.' })
export class PracticeContactInput {
  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'Role or office.' })
  role?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Telephone number (digits, spaces, +, -, /, parentheses).' })
  phone?: string | null;
}

/** Fields shared by create and update; on update, omitted fields stay as they are. */
@InputType({ description: 'The editable content of a practice.' })
export class PracticeContentInput {
  @Field(() => String, { nullable: true, description: 'Title, 3 to 200 characters.' })
  title?: string | null;
  @Field(() => String, { nullable: true, description: 'Summary, 10 to 2000 characters.' })
  summary?: string | null;
  @Field(() => String, { nullable: true, description: 'Markdown description, up to 20000 characters.' })
  description?: string | null;
  @Field(() => PracticeKind, { nullable: true, description: 'Kind of measure.' })
  kind?: PracticeKind | null;
  @Field(() => [TargetGroup], { nullable: true, description: 'Who it is for; at least one.' })
  targetGroups?: TargetGroup[] | null;
  @Field(() => [FieldOfAction], { nullable: true, description: 'Fields of action; at least one.' })
  fieldsOfAction?: FieldOfAction[] | null;
  @Field(() => PracticeStatus, { nullable: true, description: 'Where it stands.' })
  status?: PracticeStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'Keep it visible only to its owner and coordinators.' })
  draft?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Start year.' })
  startedYear?: number | null;
  @Field(() => Int, { nullable: true, description: 'End year, not before the start year.' })
  endedYear?: number | null;
  @Field(() => [FundingInput], { nullable: true, description: 'Funding.' })
  funding?: FundingInput[] | null;
  @Field(() => [AwardInput], { nullable: true, description: 'Awards.' })
  awards?: AwardInput[] | null;
  @Field(() => [PracticeLinkInput], { nullable: true, description: 'Web pages, at most 20.' })
  links?: PracticeLinkInput[] | null;
  @Field(() => [PracticeContactInput], { nullable: true, description: 'Contact persons, at most 10.' })
  contacts?: PracticeContactInput[] | null;
  @Field(() => String, { nullable: true, description: 'Lessons learned, up to 10000 characters.' })
  lessonsLearned?: string | null;
  @Field(() => String, { nullable: true, description: 'Effort and cost notes, up to 10000 characters.' })
  effortNotes?: string | null;
  @Field(() => [String], { nullable: true, description: 'Tags, at most 20 of 1 to 50 characters.' })
  tags?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Keys of the Quick-Check criteria it addresses, at most 20.' })
  criteria?: string[] | null;
  @Field(() => LicenceCode, {
    nullable: true,
    description: 'The licence you give this description (so others may reuse it); null: not chosen.',
  })
  licence?: LicenceCode | null;
}

@InputType({ description: 'A new practice.' })
export class CreatePracticeInput extends PracticeContentInput {
  @Field(() => PracticeOwnerInput, { description: 'Owner: your municipality, or (coordinators) a cooperation.' })
  owner!: PracticeOwnerInput;
  @Field({ description: 'Unique key: lower-case letters, digits and single hyphens, 3 to 120 characters.' })
  slug!: string;
}

@InputType({ description: 'Changes to a practice; omitted fields stay as they are.' })
export class UpdatePracticeInput extends PracticeContentInput {
  @Field(() => ID, { description: 'The practice to change.' })
  id!: string;
}

@InputType({ description: 'Narrows a list of practices; all given conditions must hold.' })
export class PracticeFilter {
  @Field(() => ID, { nullable: true, description: 'Only practices of this municipality (AGS).' })
  municipality?: string | null;
  @Field(() => String, { nullable: true, description: 'Only practices of this cooperation (slug).' })
  cooperation?: string | null;
  @Field(() => RegionCode, {
    nullable: true,
    description: 'Only practices whose owner is in this region (cooperations count for their region).',
  })
  region?: RegionCode | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Only practices of municipalities in this district (5-digit Kreisschlüssel, e.g. "05966").',
  })
  district?: string | null;
  @Field(() => TargetGroup, { nullable: true, description: 'Only practices for this target group.' })
  targetGroup?: TargetGroup | null;
  @Field(() => FieldOfAction, { nullable: true, description: 'Only practices in this field of action.' })
  fieldOfAction?: FieldOfAction | null;
  @Field(() => PracticeKind, { nullable: true, description: 'Only this kind.' })
  kind?: PracticeKind | null;
  @Field(() => PracticeStatus, { nullable: true, description: 'Only this status.' })
  status?: PracticeStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'Include archived practices (default false).' })
  includeArchived?: boolean | null;
}
