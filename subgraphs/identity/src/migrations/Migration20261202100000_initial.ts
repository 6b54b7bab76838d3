import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts, invitations and partner clients; the OpenID provider's own records
 * (sessions, grants, codes, refresh tokens: survive restarts) and its keys.
 */
export class Migration20261202100000_initial extends Migration {
  override name = 'Migration20261202100000_initial';

  override up(): void {
    this.addSql(`create table "identity"."account" (
      "id" uuid not null primary key,
      "email" varchar(254) not null constraint "account_email_unique" unique check ("email" = lower("email") and "email" like '%_@_%'),
      "name" varchar(200) not null,
      "role" varchar(20) not null check ("role" in ('editor', 'coordinator')),
      "ags" text[] not null default '{}' check ("ags" <@ array[]::text[] or array_to_string("ags", ',') ~ '^[0-9]{8}(,[0-9]{8})*$'),
      "password_hash" varchar(200) null,
      "active" boolean not null default true,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(255) not null)`);
    this.addSql(`create table "identity"."invitation" (
      "id" uuid not null primary key,
      "account_id" uuid not null references "identity"."account" ("id") on delete cascade,
      "token_hash" varchar(64) not null constraint "invitation_token_hash_unique" unique,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      "created_at" timestamptz not null,
      "created_by" varchar(255) not null)`);
    this.addSql(`create index "invitation_account_id_index" on "identity"."invitation" ("account_id")`);
    this.addSql(`create table "identity"."partner_client" (
      "id" uuid not null primary key,
      "client_id" varchar(64) not null constraint "partner_client_client_id_unique" unique,
      "name" varchar(200) not null,
      "ags" text[] not null default '{}' check ("ags" <@ array[]::text[] or array_to_string("ags", ',') ~ '^[0-9]{8}(,[0-9]{8})*$'),
      "tier" varchar(20) not null,
      "secret_hash" varchar(64) not null,
      "secret_rotated_at" timestamptz not null,
      "active" boolean not null default true,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "updated_by" varchar(255) not null)`);
    // oidc-provider's models (Session, Grant, AuthorizationCode, RefreshToken, Interaction…),
    // one row each; expired rows are ignored on read and swept now and then. No entity maps
    // these two tables (the adapter writes them in SQL), so their bounds are checks.
    this.addSql(`create table "identity"."oidc_record" (
      "model" text not null check (length("model") <= 40),
      "id" text not null check (length("id") <= 200),
      "payload" jsonb not null,
      "grant_id" text null check (length("grant_id") <= 200),
      "user_code" text null check (length("user_code") <= 200),
      "uid" text null check (length("uid") <= 200),
      "expires_at" timestamptz null,
      "consumed_at" timestamptz null,
      primary key ("model", "id"))`);
    this.addSql(`create index "oidc_record_grant_id_index" on "identity"."oidc_record" ("grant_id")`);
    this.addSql(`create index "oidc_record_uid_index" on "identity"."oidc_record" ("uid")`);
    this.addSql(`create index "oidc_record_expires_at_index" on "identity"."oidc_record" ("expires_at")`);
    // The provider's signing keys and cookie keys, made at the first start and kept, so
    // tokens and sessions outlive a restart.
    this.addSql(`create table "identity"."provider_secret" (
      "name" text primary key check (length("name") <= 40),
      "value" jsonb not null,
      "created_at" timestamptz not null)`);
  }
}
