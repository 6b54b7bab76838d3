import { Migration } from '@mikro-orm/migrations';

/**
 * The licence an owner gives an event's description. Existing events get none (null):
 * nobody has said, so nothing is assumed open. Valid codes are the GraphQL enum's, not a
 * check constraint, so that a licence the kit adds needs no migration in every subgraph.
 */
export class Migration20261203100000_event_licence extends Migration {
  override name = 'Migration20261203100000_event_licence';

  override up(): void {
    this.addSql(`alter table "events"."event" add column "licence" varchar(20) null`);
  }

  override down(): void {
    this.addSql(`alter table "events"."event" drop column if exists "licence"`);
  }
}
