import { Migration } from '@mikro-orm/migrations';

// The codes as of this migration, by their short identifier with everything but letters and
// digits removed ("CC BY 4.0", "CC-BY-4.0" and "CC_BY_4_0" all read CCBY40). Frozen here:
// a later licence in the kit must not change what this migration did.
const CODES: Record<string, string> = {
  CCBY40: 'CC_BY_4_0',
  CCBYSA40: 'CC_BY_SA_4_0',
  CC010: 'CC0_1_0',
  DLDEBY20: 'DL_DE_BY_2_0',
  DLDEZERO20: 'DL_DE_ZERO_2_0',
};

/**
 * A module's licence becomes a LicenceCode (varchar(20)) instead of free text. Text naming
 * one of the codes' licences becomes that code; anything else becomes null (not chosen,
 * unknown), never a guessed licence. Each changed module gets its audit entry, old text
 * included, so nothing is lost from the history.
 */
export class Migration20261203100000_licence extends Migration {
  override name = 'Migration20261203100000_licence';

  override up(): void {
    const cases = Object.entries(CODES)
      .map(([key, code]) => `when '${key}' then '${code}'`)
      .join(' ');
    this.addSql(`with "before" as (
        select "id", "licence" from "modules"."module" where "licence" is not null),
      "changed" as (
        update "modules"."module" m
           set "licence" = case upper(regexp_replace(b."licence", '[^A-Za-z0-9]', '', 'g')) ${cases} else null end
          from "before" b
         where m."id" = b."id"
        returning m."id", m."owner_ags", b."licence" as "old", m."licence" as "new")
      insert into "modules"."audit_log" ("subject", "action", "entity", "record_id", "owner_ags", "changes")
      select 'system', 'update', 'Module', "id"::text, "owner_ags", jsonb_build_object('licence', jsonb_build_object('old', "old", 'new', "new"))
        from "changed" where "old" is distinct from "new"`);
    this.addSql(`alter table "modules"."module" alter column "licence" type varchar(20)`);
  }

  override down(): void {
    this.addSql(`alter table "modules"."module" alter column "licence" type varchar(100)`);
  }
}
