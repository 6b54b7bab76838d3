import { Migration } from '@mikro-orm/migrations';

/** Practices, their reuse links and municipalities' interest in them. */
export class Migration20261121100000_initial extends Migration {
  override name = 'Migration20261121100000_initial';

  override up(): void {
    this.addSql(`create table "practices"."practice" (
      "id" uuid not null primary key,
      "slug" varchar(120) not null constraint "practice_slug_unique" unique check ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      "title" varchar(200) not null,
      "summary" text not null,
      "description" text null,
      "owner_ags" varchar(8) null check ("owner_ags" ~ '^[0-9]{8}$'),
      "owner_cooperation" varchar(80) null,
      "owner_region" varchar(20) not null check ("owner_region" in ('SUEDWESTFALEN', 'RUHR')),
      "owner_district" varchar(5) null,
      "kind" varchar(40) not null,
      "target_groups" text[] not null default '{}',
      "fields_of_action" text[] not null default '{}',
      "status" varchar(20) null check ("status" in ('IDEA', 'PLANNED', 'ACTIVE', 'COMPLETED', 'DISCONTINUED')),
      "draft" boolean not null default false,
      "started_year" int null,
      "ended_year" int null check ("ended_year" is null or "started_year" is null or "ended_year" >= "started_year"),
      "funding" jsonb not null default '[]',
      "awards" jsonb not null default '[]',
      "links" jsonb not null default '[]',
      "contacts" jsonb not null default '[]',
      "lessons_learned" text null,
      "effort_notes" text null,
      "tags" text[] not null default '{}',
      "source" text null,
      "adapted_from_id" uuid null references "practices"."practice" ("id"),
      "adaptation_changes" text null,
      "adapted_at" timestamptz null,
      "archived_at" timestamptz null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "created_by" varchar(200) not null,
      "updated_by" varchar(200) not null,
      constraint "practice_one_owner" check (("owner_ags" is null) <> ("owner_cooperation" is null)),
      constraint "practice_not_self_adapted" check ("adapted_from_id" <> "id"))`);
    this.addSql(`create index "practice_owner_ags_index" on "practices"."practice" ("owner_ags")`);
    this.addSql(`create index "practice_owner_cooperation_index" on "practices"."practice" ("owner_cooperation")`);
    this.addSql(`create index "practice_adapted_from_id_index" on "practices"."practice" ("adapted_from_id")`);
    this.addSql(`create index "practice_target_groups_index" on "practices"."practice" using gin ("target_groups")`);

    this.addSql(`create table "practices"."practice_interest" (
      "id" uuid not null primary key,
      "practice_id" uuid not null references "practices"."practice" ("id") on delete cascade,
      "municipality_ags" varchar(8) not null check ("municipality_ags" ~ '^[0-9]{8}$'),
      "note" text null,
      "created_at" timestamptz not null,
      "created_by" varchar(200) not null,
      constraint "practice_interest_practice_id_municipality_ags_unique" unique ("practice_id", "municipality_ags"))`);
  }

  override down(): void {
    this.addSql(`drop table if exists "practices"."practice_interest"`);
    this.addSql(`drop table if exists "practices"."practice"`);
  }
}
