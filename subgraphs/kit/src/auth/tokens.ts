import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/errors.js';
import { DEVELOPMENT_JWT_SECRET, type CommonConfig } from '../config/env.js';
import { ANONYMOUS, ROLES, type Caller, type Role } from './caller.js';

const AGS = /^\d{8}$/;

/** Turns an `Authorization` header into a `Caller`; a present but unacceptable token throws `UNAUTHENTICATED`. */
export type TokenVerifier = (authorization: string | null | undefined) => Promise<Caller>;

type AuthConfig = Pick<CommonConfig, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

function signingSecret(config: AuthConfig): Uint8Array {
  return new TextEncoder().encode(config.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET);
}

/**
 * Builds the verifier used by the gateway and by every subgraph: HS256 with a shared
 * secret in development, a JWKS URL (asymmetric keys) in production.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const jwks: JWTVerifyGetKey | undefined = config.JWT_JWKS_URL ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL)) : undefined;
  const secret = signingSecret(config);
  const options = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
  };

  return async (authorization) => {
    if (authorization === null || authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must have the form "Bearer <token>".');
    let payload: JWTPayload;
    try {
      payload = jwks
        ? (await jwtVerify(match[1], jwks, { ...options, algorithms: ['RS256', 'ES256', 'EdDSA'] })).payload
        : (await jwtVerify(match[1], secret, { ...options, algorithms: ['HS256'] })).payload;
    } catch (error) {
      throw new UnauthenticatedError(describeTokenError(error));
    }
    return callerFromClaims(payload);
  };
}

function describeTokenError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The bearer token has expired.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The bearer token signature is not valid.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The bearer token is not acceptable: ${error.message}.`;
  return 'The bearer token is malformed or not signed with an accepted key.';
}

function callerFromClaims(payload: JWTPayload): Caller {
  const role = payload.role;
  const ags = payload.ags ?? [];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('The bearer token has no subject.');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw new UnauthenticatedError(`The bearer token's role must be one of ${ROLES.join(', ')}.`);
  }
  if (!Array.isArray(ags) || !ags.every((a) => typeof a === 'string' && AGS.test(a))) {
    throw new UnauthenticatedError("The bearer token's ags claim must be a list of 8-digit municipality keys.");
  }
  return Object.freeze({ kind: 'user', sub: payload.sub, role: role as Role, ags: Object.freeze([...ags]) });
}

export interface TokenRequest {
  sub: string;
  role: Role;
  ags?: string[];
  /** Lifetime, e.g. "8h" or seconds; may be negative in tests to mint an expired token. */
  expiresIn?: string | number;
}

/** Signs an HS256 token with the configured (or development) secret. For development and tests. */
export async function issueToken(config: AuthConfig, request: TokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const exp = typeof request.expiresIn === 'number' ? now + request.expiresIn : (request.expiresIn ?? '8h');
  return new SignJWT({ role: request.role, ags: request.ags ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(signingSecret(config));
}
