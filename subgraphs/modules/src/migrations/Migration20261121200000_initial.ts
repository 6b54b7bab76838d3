import { Migration } from '@mikro-orm/migrations';

/** Modules, versions, adoptions, the Quick-Check catalogue and assessments. */
export class Migration20261121200000_initial extends Migration {
  override name = 'Migration20261121200000_initial';

  override up(): void {
    this.addSql(`create table "modules"."quality_area" (
      "key" varchar(60) not null primary key check ("key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      "title" varchar(200) not null,
      "position" int not null)`);
    this.addSql(`create table "modules"."criterion" (
      "key" varchar(60) not null primary key check ("key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      "area_key" varchar(60) not null references "modules"."quality_area" ("key"),
      "title" varchar(200) not null,
      "guidance" text not null,
      "scale_min" int not null,
      "scale_max" int not null,
      "required" boolean not null,
      "position" int not null,
      "example" boolean not null,
      "source" text null,
      constraint "criterion_scale" check ("scale_max" > "scale_min"))`);
    this.addSql(`create index "criterion_area_key_index" on "modules"."criterion" ("area_key")`);

    this.addSql(`create table "modules"."module" (
      "id" uuid not null primary key,
      "slug" varchar(120) not null constraint "module_slug_unique" unique check ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      "title" varchar(200) not null,
      "kind" varchar(20) not null check ("kind" in ('ANALYSIS_TOOL', 'MATERIAL', 'CONCEPT', 'TEMPLATE')),
      "summary" text not null,
      "description" text null,
      "licence" varchar(100) null,
      "owner_ags" varchar(8) null,
      "owner_cooperation" varchar(80) null,
      "criteria" text[] not null default '{}',
      "source" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(200) not null,
      constraint "module_one_owner" check (("owner_ags" is null) <> ("owner_cooperation" is null)))`);
    this.addSql(`create index "module_criteria_index" on "modules"."module" using gin ("criteria")`);

    this.addSql(`create table "modules"."module_version" (
      "id" uuid not null primary key,
      "module_id" uuid not null references "modules"."module" ("id") on delete cascade,
      "version" varchar(40) not null,
      "released_on" date not null,
      "notes" text null,
      "links" jsonb not null default '[]',
      "created_at" timestamptz not null,
      constraint "module_version_module_id_version_unique" unique ("module_id", "version"))`);

    this.addSql(`create table "modules"."module_adoption" (
      "id" uuid not null primary key,
      "module_id" uuid not null references "modules"."module" ("id") on delete cascade,
      "municipality_ags" varchar(8) not null check ("municipality_ags" ~ '^[0-9]{8}$'),
      "status" varchar(20) not null check ("status" in ('PLANNED', 'IN_USE', 'RETIRED')),
      "local_notes" text null,
      "links" jsonb not null default '[]',
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(200) not null,
      constraint "module_adoption_module_id_municipality_ags_unique" unique ("module_id", "municipality_ags"))`);
    this.addSql(
      `create index "module_adoption_municipality_ags_index" on "modules"."module_adoption" ("municipality_ags")`,
    );

    this.addSql(`create table "modules"."assessment" (
      "id" uuid not null primary key,
      "municipality_ags" varchar(8) not null check ("municipality_ags" ~ '^[0-9]{8}$'),
      "submitted_at" timestamptz not null,
      "submitted_by" varchar(200) not null)`);
    this.addSql(
      `create index "assessment_municipality_ags_index" on "modules"."assessment" ("municipality_ags", "submitted_at")`,
    );
    this.addSql(`create table "modules"."assessment_answer" (
      "id" uuid not null primary key,
      "assessment_id" uuid not null references "modules"."assessment" ("id") on delete cascade,
      "criterion_key" varchar(60) not null references "modules"."criterion" ("key"),
      "score" int not null,
      "note" text null,
      constraint "assessment_answer_assessment_id_criterion_key_unique" unique ("assessment_id", "criterion_key"))`);
  }

  override down(): void {
    for (const table of [
      'assessment_answer',
      'assessment',
      'module_adoption',
      'module_version',
      'module',
      'criterion',
      'quality_area',
    ]) {
      this.addSql(`drop table if exists "modules"."${table}"`);
    }
  }
}
