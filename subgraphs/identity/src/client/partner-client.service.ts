import { InputValidator, NotFoundError, columnLimit, isAgs, subjectOf, type Caller, type Em } from '@welcome-hub/kit';
import { identityPolicy as policy } from '../policy.js';
import { randomSecret, secretHash } from '../account/passwords.js';
import { PartnerClientEntity, type PartnerClientRow } from './partner-client.entity.js';

/** A client's name fits its column: the limit comes from the entity, so the two cannot disagree. */
const NAME_MAX = columnLimit(PartnerClientEntity, 'name');
/** Rate-limit tiers a client can be given (see RATE_LIMIT_TIERS). */
export const CLIENT_TIERS = ['standard', 'partner', 'dashboard'] as const;
export type ClientTier = (typeof CLIENT_TIERS)[number];

export interface PartnerClientInput {
  name: string;
  /** Municipalities it writes for; empty: read-only. */
  ags: string[];
  tier: ClientTier;
}

/** A client id that says what it is and cannot be guessed from the name. */
function newClientId(): string {
  return `partner-${randomSecret(9)}`;
}

/** The client and its secret, shown this once; only its SHA-256 is kept. */
export async function registerClient(
  em: Em,
  caller: Caller,
  input: PartnerClientInput,
): Promise<{ client: PartnerClientRow; secret: string }> {
  const user = policy.require(caller, 'client:manage');
  const v = new InputValidator();
  const name = v.text(input.name, 'input.name', { max: NAME_MAX });
  v.check(input.ags.every(isAgs), 'input.municipalities', 'must be 8-digit municipality keys (AGS)');
  v.check(input.ags.length <= 100, 'input.municipalities', 'must name at most 100 municipalities');
  v.check(CLIENT_TIERS.includes(input.tier), 'input.tier', `must be one of ${CLIENT_TIERS.join(', ')}`);
  v.throwIfInvalid();
  const secret = randomSecret();
  const now = new Date();
  // One instant for its creation and its secret's; `updatedAt` follows `createdAt`.
  const client = em.create(PartnerClientEntity, {
    clientId: newClientId(),
    name,
    ags: [...new Set(input.ags)].sort(),
    tier: input.tier,
    secretHash: secretHash(secret),
    secretRotatedAt: now,
    createdAt: now,
    updatedBy: subjectOf(user),
  });
  await em.flush();
  return { client, secret };
}

async function findClient(em: Em, id: string): Promise<PartnerClientRow> {
  const v = new InputValidator();
  v.uuid(id, 'id', 'a partner client id');
  v.throwIfInvalid();
  const client = await em.findOne(PartnerClientEntity, { id });
  if (!client) throw new NotFoundError('PartnerClient', id);
  return client;
}

/** A new secret, shown once; the old one stops working at once (tokens it obtained expire within minutes). */
export async function rotateClientSecret(
  em: Em,
  caller: Caller,
  id: string,
): Promise<{ client: PartnerClientRow; secret: string }> {
  const user = policy.require(caller, 'client:manage');
  const client = await findClient(em, id);
  const secret = randomSecret();
  client.secretHash = secretHash(secret);
  // The flush stamps `updatedAt` too (the entity's onUpdate).
  client.secretRotatedAt = new Date();
  client.updatedBy = subjectOf(user);
  await em.flush();
  return { client, secret };
}

export interface PartnerClientChanges {
  active?: boolean | null;
  ags?: string[] | null;
  tier?: ClientTier | null;
}

export async function updateClient(
  em: Em,
  caller: Caller,
  id: string,
  changes: PartnerClientChanges,
): Promise<PartnerClientRow> {
  const user = policy.require(caller, 'client:manage');
  const client = await findClient(em, id);
  const v = new InputValidator();
  if (changes.ags != null)
    v.check(changes.ags.every(isAgs), 'input.municipalities', 'must be 8-digit municipality keys (AGS)');
  if (changes.tier != null)
    v.check(CLIENT_TIERS.includes(changes.tier), 'input.tier', `must be one of ${CLIENT_TIERS.join(', ')}`);
  v.throwIfInvalid();
  if (changes.ags != null) client.ags = [...new Set(changes.ags)].sort();
  if (changes.tier != null) client.tier = changes.tier;
  if (changes.active != null) client.active = changes.active;
  client.updatedBy = subjectOf(user);
  await em.flush();
  return client;
}
