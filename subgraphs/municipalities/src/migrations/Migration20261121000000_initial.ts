import { Migration } from '@mikro-orm/migrations';

/** Districts, municipalities, cooperations, memberships and participation declarations. */
export class Migration20261121000000_initial extends Migration {
  override name = 'Migration20261121000000_initial';

  override up(): void {
    this.addSql(`create table "municipalities"."district" (
      "code" varchar(5) not null primary key check ("code" ~ '^[0-9]{5}$'),
      "name" varchar(120) not null,
      "kind" varchar(20) not null check ("kind" in ('KREIS', 'KREISFREIE_STADT')),
      "region" varchar(20) not null check ("region" in ('SUEDWESTFALEN', 'RUHR')),
      "source" text not null)`);

    this.addSql(`create table "municipalities"."municipality" (
      "ags" varchar(8) not null primary key check ("ags" ~ '^[0-9]{8}$'),
      "name" varchar(120) not null,
      "official_name" varchar(200) not null,
      "kind" varchar(20) not null check ("kind" in ('STADT', 'GEMEINDE')),
      "district_code" varchar(5) not null references "municipalities"."district" ("code"),
      "region" varchar(20) not null check ("region" in ('SUEDWESTFALEN', 'RUHR')),
      "population" int null check ("population" >= 0),
      "population_date" date null,
      "area_km2" double precision null,
      "latitude" double precision null check ("latitude" between -90 and 90),
      "longitude" double precision null check ("longitude" between -180 and 180),
      "postal_code" varchar(5) null,
      "source" text not null)`);
    this.addSql(`create index "municipality_district_code_index" on "municipalities"."municipality" ("district_code")`);
    this.addSql(`create index "municipality_region_index" on "municipalities"."municipality" ("region")`);

    this.addSql(`create table "municipalities"."cooperation" (
      "id" uuid not null primary key,
      "slug" varchar(80) not null constraint "cooperation_slug_unique" unique,
      "name" varchar(200) not null,
      "summary" text null,
      "coordinator" varchar(200) null,
      "region" varchar(20) null check ("region" in ('SUEDWESTFALEN', 'RUHR')),
      "founded_year" int null,
      "participation_requirements" text[] null,
      "source" text not null)`);

    this.addSql(`create table "municipalities"."membership" (
      "id" uuid not null primary key,
      "cooperation_id" uuid not null references "municipalities"."cooperation" ("id") on delete cascade,
      "municipality_ags" varchar(8) not null references "municipalities"."municipality" ("ags"),
      "status" varchar(20) not null check ("status" in ('MEMBER', 'INVITED')),
      "since_year" int null,
      "note" text null,
      "source" text not null,
      constraint "membership_cooperation_id_municipality_ags_unique" unique ("cooperation_id", "municipality_ags"))`);
    this.addSql(
      `create index "membership_municipality_ags_index" on "municipalities"."membership" ("municipality_ags")`,
    );

    this.addSql(`create table "municipalities"."participation" (
      "id" uuid not null primary key,
      "cooperation_id" uuid not null references "municipalities"."cooperation" ("id"),
      "municipality_ags" varchar(8) not null references "municipalities"."municipality" ("ags"),
      "declared_on" date not null,
      "withdrawn_on" date null check ("withdrawn_on" is null or "withdrawn_on" >= "declared_on"),
      "contact_name" varchar(200) not null,
      "contact_role" varchar(200) not null,
      "contact_email" varchar(254) not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(200) not null)`);
    this.addSql(
      `create index "participation_municipality_ags_index" on "municipalities"."participation" ("municipality_ags")`,
    );
    // One active declaration per municipality and cooperation; withdrawn ones stay as history.
    this.addSql(
      `create unique index "participation_active_unique" on "municipalities"."participation" ("cooperation_id", "municipality_ags") where "withdrawn_on" is null`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "municipalities"."participation"`);
    this.addSql(`drop table if exists "municipalities"."membership"`);
    this.addSql(`drop table if exists "municipalities"."cooperation"`);
    this.addSql(`drop table if exists "municipalities"."municipality"`);
    this.addSql(`drop table if exists "municipalities"."district"`);
  }
}
