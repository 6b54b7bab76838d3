import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  NotFoundError,
  columnLimit,
  forkFor,
  isAgs,
  subjectOf,
  type Caller,
  type Em,
  type Orm,
  type Role,
} from '@welcome-hub/kit';
import { identityPolicy as policy } from '../policy.js';
import { AccountEntity, InvitationEntity, type AccountRow } from './account.entity.js';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  hashPassword,
  randomSecret,
  secretHash,
  verifyDecoy,
  verifyPassword,
} from './passwords.js';

/** How long an invitation link stays valid: a week, time enough to find it in a full inbox. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** An account's name fits its column: the limit comes from the entity, so the two cannot disagree. */
const NAME_MAX = columnLimit(AccountEntity, 'name');

/** The caller an account acts as: the writes of its own sign-in (setting a password) are audited as its own. */
export function accountCaller(account: Pick<AccountRow, 'id' | 'role' | 'ags'>): Caller {
  return { kind: 'user', sub: account.id, role: account.role as Role, ags: account.ags };
}

function checkAgsList(v: InputValidator, ags: readonly string[], field: string): string[] {
  v.check(ags.every(isAgs), field, 'must be 8-digit municipality keys (AGS)');
  v.check(ags.length <= 100, field, 'must name at most 100 municipalities');
  return [...new Set(ags)].sort();
}

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  ags: string[];
}

/** A new account and the one-time link that sets its password; the link is shown once. */
export async function inviteAccount(
  em: Em,
  caller: Caller,
  input: InviteInput,
  publicUrl: string,
): Promise<{ account: AccountRow; invitationUrl: string }> {
  const user = policy.require(caller, 'account:manage');
  const v = new InputValidator();
  const email = v.email(input.email.trim().toLowerCase(), 'input.email');
  const name = v.text(input.name, 'input.name', { max: NAME_MAX });
  const ags = checkAgsList(v, input.ags, 'input.municipalities');
  v.check(
    input.role === 'coordinator' || ags.length > 0,
    'input.municipalities',
    'an editor needs at least one municipality',
  );
  v.check(
    input.role === 'editor' || ags.length === 0,
    'input.municipalities',
    'coordinators write for every municipality; leave it empty',
  );
  v.throwIfInvalid();
  const now = new Date();
  try {
    // Two flushes in one transaction: the invitation refers to the account, which must be inserted first.
    return await em.transactional(async (tx) => {
      // One instant for the account and its invitation; `updatedAt` follows `createdAt`.
      const fields = { email, name, role: input.role, ags, createdAt: now, updatedBy: subjectOf(user) };
      const account = tx.create(AccountEntity, fields);
      await tx.flush();
      const invitationUrl = await addInvitation(tx, account.id, subjectOf(user), publicUrl, now);
      return { account, invitationUrl };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`An account for ${email} exists already.`);
    throw error;
  }
}

async function addInvitation(
  em: Em,
  accountId: string,
  createdBy: string,
  publicUrl: string,
  now: Date,
): Promise<string> {
  const token = randomSecret();
  // Created at `now` exactly, so it expires INVITATION_TTL_SECONDS after it was made.
  em.create(InvitationEntity, {
    accountId,
    tokenHash: secretHash(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000),
    createdAt: now,
    createdBy,
  });
  return `${publicUrl}/oidc/invitation/${token}`;
}

/** A fresh link for an account (the first expired or got lost); earlier unused links stop working. */
export async function reinviteAccount(
  em: Em,
  caller: Caller,
  id: string,
  publicUrl: string,
): Promise<{ account: AccountRow; invitationUrl: string }> {
  const user = policy.require(caller, 'account:manage');
  const account = await findAccount(em, id);
  const now = new Date();
  for (const open of await em.find(InvitationEntity, { accountId: id, usedAt: null })) open.expiresAt = now;
  const invitationUrl = await addInvitation(em, account.id, subjectOf(user), publicUrl, now);
  await em.flush();
  return { account, invitationUrl };
}

async function findAccount(em: Em, id: string): Promise<AccountRow> {
  const v = new InputValidator();
  v.uuid(id, 'id', 'an account id');
  v.throwIfInvalid();
  const account = await em.findOne(AccountEntity, { id });
  if (!account) throw new NotFoundError('Account', id);
  return account;
}

export interface AccountChanges {
  active?: boolean | null;
  role?: Role | null;
  ags?: string[] | null;
}

/** Coordinators change an account's municipalities or role, deactivate or reactivate it; nobody changes their own. */
export async function updateAccount(em: Em, caller: Caller, id: string, changes: AccountChanges): Promise<AccountRow> {
  const user = policy.require(caller, 'account:manage');
  const account = await findAccount(em, id);
  const v = new InputValidator();
  v.check(account.id !== user.sub, 'id', 'you cannot change your own account; ask another coordinator');
  const role = changes.role ?? (account.role as Role);
  const ags =
    changes.ags != null
      ? checkAgsList(v, changes.ags, 'input.municipalities')
      : role === 'coordinator'
        ? []
        : account.ags;
  v.check(
    role === 'coordinator' || ags.length > 0,
    'input.municipalities',
    'an editor needs at least one municipality',
  );
  v.check(
    role === 'editor' || ags.length === 0,
    'input.municipalities',
    'coordinators write for every municipality; leave it empty',
  );
  v.throwIfInvalid();
  account.role = role;
  account.ags = ags;
  if (changes.active != null) account.active = changes.active;
  account.updatedBy = subjectOf(user);
  await em.flush();
  return account;
}

/**
 * The account an e-mail address and password sign in, or null. An unknown address costs
 * as much time as a wrong password, so the answer's timing does not reveal accounts.
 */
export async function authenticate(orm: Orm, email: string, password: string): Promise<AccountRow | null> {
  const account = await orm.em.fork().findOne(AccountEntity, { email: email.trim().toLowerCase() });
  if (!account?.passwordHash || password.length > PASSWORD_MAX_LENGTH) return verifyDecoy(password).then(() => null);
  if (!(await verifyPassword(account.passwordHash, password))) return null;
  return account.active ? account : null;
}

export type InvitationState = { account: AccountRow; invitationId: string } | { problem: string };

/** The account an invitation link is for, while the link is unused and valid. */
export async function openInvitation(orm: Orm, token: string): Promise<InvitationState> {
  const em = orm.em.fork();
  const invitation = await em.findOne(InvitationEntity, { tokenHash: secretHash(token) });
  if (!invitation) return { problem: 'Dieser Einladungslink ist nicht gültig.' };
  if (invitation.usedAt)
    return { problem: 'Dieser Einladungslink wurde schon benutzt. Melden Sie sich mit Ihrem Passwort an.' };
  if (invitation.expiresAt <= new Date())
    return { problem: 'Dieser Einladungslink ist abgelaufen. Bitten Sie Ihre Koordination um einen neuen.' };
  const account = await em.findOne(AccountEntity, { id: invitation.accountId });
  if (!account?.active) return { problem: 'Dieses Konto ist deaktiviert.' };
  return { account, invitationId: invitation.id };
}

/** Checks a new password as NIST SP 800-63B asks: length, not composition. German messages for the form. */
export function passwordProblem(password: string, repeat: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`;
  if (password !== repeat) return 'Die beiden Passwörter stimmen nicht überein.';
  return undefined;
}

/** Sets the first password through an invitation and spends the link, in one transaction audited as the account's own. */
export async function acceptInvitation(
  orm: Orm,
  state: { account: AccountRow; invitationId: string },
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const em = forkFor(orm.em, accountCaller(state.account)) as Em;
  await em.transactional(async (tx) => {
    const invitation = await tx.findOneOrFail(InvitationEntity, { id: state.invitationId, usedAt: null });
    const account = await tx.findOneOrFail(AccountEntity, { id: invitation.accountId });
    invitation.usedAt = new Date();
    account.passwordHash = passwordHash;
    account.updatedBy = account.id;
  });
}

/**
 * A signed-in person changes their own password, proving the current one. Their tokens
 * stay valid until they expire (minutes); other browsers stay signed in until their
 * sessions end.
 */
export async function changePassword(
  em: Em,
  caller: Caller,
  currentPassword: string,
  newPassword: string,
): Promise<AccountRow> {
  const user = policy.require(caller, 'account:change-password');
  const v = new InputValidator();
  v.check(
    [...newPassword].length >= PASSWORD_MIN_LENGTH,
    'input.newPassword',
    `must have at least ${PASSWORD_MIN_LENGTH} characters`,
  );
  v.check(
    newPassword.length <= PASSWORD_MAX_LENGTH,
    'input.newPassword',
    `must have at most ${PASSWORD_MAX_LENGTH} characters`,
  );
  v.check(newPassword !== currentPassword, 'input.newPassword', 'must differ from the current password');
  v.throwIfInvalid();
  // Signed in elsewhere (an external provider, a development token): no account here to change.
  const account = /^[0-9a-f-]{36}$/i.test(user.sub) ? await em.findOne(AccountEntity, { id: user.sub }) : null;
  if (!account?.passwordHash) throw new NotFoundError('Account', user.sub);
  if (currentPassword.length > PASSWORD_MAX_LENGTH || !(await verifyPassword(account.passwordHash, currentPassword))) {
    const wrong = new InputValidator();
    wrong.check(false, 'input.currentPassword', 'is not the current password');
    wrong.throwIfInvalid();
  }
  account.passwordHash = await hashPassword(newPassword);
  account.updatedBy = account.id;
  await em.flush();
  return account;
}

/**
 * The first start's coordinator: created with a random password, returned once to be
 * printed, never stored in plain text. Null when any account exists.
 */
export async function createFirstCoordinator(
  em: Em,
  email: string,
): Promise<{ email: string; password: string } | null> {
  if ((await em.count(AccountEntity, {})) > 0) return null;
  const password = randomSecret(15);
  const passwordHash = await hashPassword(password);
  em.create(AccountEntity, { email, name: 'Koordination', role: 'coordinator', passwordHash, updatedBy: 'system' });
  await em.flush();
  return { email, password };
}
