import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType } from '@welcome-hub/kit';

/**
 * A person who signs in at the hub's own OpenID provider. `passwordHash` (Argon2id) stays
 * null until the invitation is accepted; a deactivated account can neither sign in nor
 * refresh its tokens.
 */
export const AccountEntity = defineEntity({
  name: 'Account',
  tableName: 'account',
  properties: {
    id: p.uuid().primary(),
    /** Lower-cased; the sign-in name. */
    email: p.string().length(254).unique(),
    name: p.string().length(200),
    role: p.string().length(20),
    /** The municipalities an editor writes for (empty for coordinators: they write all). */
    ags: p.array().type(TextArrayType),
    passwordHash: p.string().length(200).nullable(),
    active: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(255),
  },
});
export type AccountRow = InstanceType<typeof AccountEntity.class>;

/** A one-time link to set the first password; only the SHA-256 of its secret is stored. */
export const InvitationEntity = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  properties: {
    id: p.uuid().primary(),
    accountId: p.uuid().index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    createdBy: p.string().length(255),
  },
});
export type InvitationRow = InstanceType<typeof InvitationEntity.class>;
