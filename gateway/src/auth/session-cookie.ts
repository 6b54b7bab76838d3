import { EncryptJWT, jwtDecrypt, base64url } from 'jose';
import { createHash } from 'node:crypto';

/** What a signed-in browser's cookie holds; encrypted, so the browser's scripts see none of it. */
export interface WebSession {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** When the access token expires (epoch seconds). */
  expiresAt: number;
}

/** The pending sign-in between /auth/login and /auth/callback. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  /** Where to return: a path on this hub. */
  returnTo: string;
}

export const SESSION_COOKIE = 'wh_session';
export const SIGN_IN_COOKIE = 'wh_sign_in';

/**
 * Seals values into cookies with AES-256-GCM (JWE "dir") under a key derived from the
 * session secret: tamper-proof and unreadable without the secret, so no server-side store
 * is needed and every gateway replica with the same secret reads them.
 */
export class CookieSealer {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`welcome-hub web session\u0000${secret}`).digest();
  }

  seal(value: object, ttlSeconds: number): Promise<string> {
    return new EncryptJWT({ v: value })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .encrypt(this.key);
  }

  /** The value, or null for a cookie that is missing, forged, or expired. */
  async open<T>(sealed: string | undefined): Promise<T | null> {
    if (!sealed) return null;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return payload.v as T;
    } catch {
      return null;
    }
  }
}

/** A random value for `state` and PKCE verifiers. */
export function randomToken(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

/** The cookies of a request header, by name. */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax (sent on top-level navigation back from the provider), Secure on https. */
export function cookie(
  name: string,
  value: string,
  options: { maxAge: number; secure: boolean; path?: string },
): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
