import { Migration } from '@mikro-orm/migrations';

/** The licence an owner gives a practice's description; existing practices stay unknown (null). */
export class Migration20261203100000_licence extends Migration {
  override name = 'Migration20261203100000_licence';

  override up(): void {
    this.addSql(`alter table "practices"."practice" add column "licence" varchar(20) null`);
  }

  override down(): void {
    this.addSql(`alter table "practices"."practice" drop column "licence"`);
  }
}
