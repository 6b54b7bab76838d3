import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger of published Quick-Check summaries: the only figures the public queries read.
 * Rows are appended, never changed, so every published figure stays on record.
 */
export class Migration20261203200000_published_summary extends Migration {
  override name = 'Migration20261203200000_published_summary';

  override up(): void {
    this.addSql(`create table "modules"."published_summary" (
      "id" uuid not null primary key,
      "area_level" varchar(10) not null check ("area_level" in ('REGION', 'DISTRICT')),
      "area_code" varchar(20) not null,
      "published_at" timestamptz not null,
      "contributing_municipalities" int not null check ("contributing_municipalities" >= 3),
      "assessment_ids" uuid[] not null,
      "overall" jsonb not null,
      "areas" jsonb not null,
      constraint "published_summary_contributors" check (cardinality("assessment_ids") = "contributing_municipalities"))`);
    this.addSql(
      `create index "published_summary_area_index" on "modules"."published_summary" ("area_level", "area_code", "published_at")`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "modules"."published_summary"`);
  }
}
