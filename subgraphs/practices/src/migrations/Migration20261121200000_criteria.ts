import { Migration } from '@mikro-orm/migrations';

/** Practices name the Quick-Check criteria (keys of the modules subgraph) they address. */
export class Migration20261121200000_criteria extends Migration {
  override name = 'Migration20261121200000_criteria';

  override up(): void {
    this.addSql(`alter table "practices"."practice" add column "criteria" text[] not null default '{}'`);
    this.addSql(`create index "practice_criteria_index" on "practices"."practice" using gin ("criteria")`);
  }

  override down(): void {
    this.addSql(`alter table "practices"."practice" drop column "criteria"`);
  }
}
