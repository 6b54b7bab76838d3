import { Migration } from '@mikro-orm/migrations';

/** Events and registrations. */
export class Migration20261121300000_initial extends Migration {
  override name = 'Migration20261121300000_initial';

  override up(): void {
    this.addSql(`create table "events"."event" (
      "id" uuid not null primary key,
      "slug" varchar(120) not null constraint "event_slug_unique" unique check ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      "title" varchar(300) not null,
      "kind" varchar(30) not null check ("kind" in ('ROUND_TABLE', 'FORUM', 'CONFERENCE', 'NEWCOMER_RECEPTION', 'WORKSHOP')),
      "series_slug" varchar(120) null,
      "series_name" varchar(200) null,
      "series_number" int null check ("series_number" > 0),
      "date" date null,
      "starts_at" timestamptz null,
      "ends_at" timestamptz null check ("ends_at" is null or "starts_at" is null or "ends_at" >= "starts_at"),
      "venue_name" varchar(200) null,
      "venue_address" varchar(300) null,
      "venue_latitude" double precision null check ("venue_latitude" between -90 and 90),
      "venue_longitude" double precision null check ("venue_longitude" between -180 and 180),
      "online_url" varchar(500) null,
      "host_ags" varchar(8) null check ("host_ags" ~ '^[0-9]{8}$'),
      "organizer_cooperation" varchar(80) null,
      "organizer_name" varchar(200) null,
      "region" varchar(20) not null check ("region" in ('SUEDWESTFALEN', 'RUHR')),
      "description" text null,
      "agenda" text null,
      "outcomes" text null,
      "participation_note" text null,
      "participants_count" int null,
      "capacity" int null check ("capacity" is null or "capacity" > 0),
      "registration_deadline" timestamptz null,
      "status" varchar(20) not null check ("status" in ('PLANNED', 'CANCELLED', 'HELD')),
      "source" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(200) not null,
      constraint "event_has_owner" check ("host_ags" is not null or "organizer_cooperation" is not null))`);
    this.addSql(`create index "event_series_slug_index" on "events"."event" ("series_slug", "series_number")`);
    this.addSql(`create index "event_host_ags_index" on "events"."event" ("host_ags")`);
    this.addSql(`create index "event_organizer_cooperation_index" on "events"."event" ("organizer_cooperation")`);
    this.addSql(`create index "event_date_index" on "events"."event" ("date")`);

    this.addSql(`create table "events"."registration" (
      "id" uuid not null primary key,
      "event_id" uuid not null references "events"."event" ("id") on delete cascade,
      "municipality_ags" varchar(8) not null check ("municipality_ags" ~ '^[0-9]{8}$'),
      "participants" int not null check ("participants" between 1 and 50),
      "names" text[] not null default '{}',
      "status" varchar(20) not null check ("status" in ('REGISTERED', 'WAITLISTED', 'CANCELLED')),
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "created_by" varchar(200) not null)`);
    this.addSql(`create index "registration_event_id_index" on "events"."registration" ("event_id", "created_at")`);
    this.addSql(`create index "registration_municipality_ags_index" on "events"."registration" ("municipality_ags")`);
    // One live registration per municipality and event; cancelled ones stay as history.
    this.addSql(
      `create unique index "registration_live_unique" on "events"."registration" ("event_id", "municipality_ags") where "status" <> 'CANCELLED'`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "events"."registration"`);
    this.addSql(`drop table if exists "events"."event"`);
  }
}
