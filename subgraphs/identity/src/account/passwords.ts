import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Argon2id (the library's default algorithm) with OWASP's first recommended setting
 * (19 MiB, 2 passes, 1 lane): memory-hard, so guessing a stolen hash costs memory as well
 * as time. The parameters are stored in each hash, so a later change keeps old ones valid.
 */
const ARGON2 = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** NIST SP 800-63B: length is what makes a password strong; no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash verified when the e-mail address is unknown, so that a failed sign-in takes as
 * long whether or not the account exists.
 */
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomSecret());
  await verifyPassword(await decoy, password);
  return false;
}

/** 256 random bits, URL-safe: invitation links, client secrets, first passwords. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The SHA-256 of a random secret, as stored: enough for 256-bit secrets, which cannot be guessed. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
