import { defineEntity, p } from '@mikro-orm/core';
import { agsListCheck, createdAtProperty, idProperty, textListProperty, timestampProperties } from '@welcome-hub/kit';

/**
 * A person who signs in at the hub's own OpenID provider. `passwordHash` (Argon2id) stays
 * null until the invitation is accepted; a deactivated account can neither sign in nor
 * refresh its tokens.
 */
export const AccountEntity = defineEntity({
  name: 'Account',
  tableName: 'account',
  properties: {
    ...idProperty(),
    /** Lower-cased; the sign-in name. The check's `~~` is `like`, spelled as PostgreSQL stores it. */
    email: p.string().length(254).unique().check(`"email" = lower("email") and "email" ~~ '%_@_%'`),
    name: p.string().length(200),
    role: p.string().length(20).check(`"role" in ('editor', 'coordinator')`),
    /** The municipalities an editor writes for (empty for coordinators: they write all). */
    ags: textListProperty().check(agsListCheck('ags')),
    passwordHash: p.string().length(200).nullable(),
    active: p.boolean().default(true),
    ...timestampProperties(),
    updatedBy: p.string().length(255),
  },
});
export type AccountRow = InstanceType<typeof AccountEntity.class>;

/** A one-time link to set the first password; only the SHA-256 of its secret is stored. */
export const InvitationEntity = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  properties: {
    ...idProperty(),
    accountId: p
      .manyToOne(AccountEntity)
      .mapToPk()
      .fieldName('account_id')
      .foreignKeyName('invitation_account_id_fkey')
      .deleteRule('cascade')
      .index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    ...createdAtProperty(),
    createdBy: p.string().length(255),
  },
});
export type InvitationRow = InstanceType<typeof InvitationEntity.class>;
