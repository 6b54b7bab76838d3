import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/errors.js';
import { DEVELOPMENT_JWT_SECRET, type CommonConfig } from '../config/env.js';
import { ANONYMOUS, ROLES, type Caller, type Role } from './caller.js';

const AGS = /^\d{8}$/;

/** Turns an `Authorization` header into a `Caller`; a present but unacceptable token throws `UNAUTHENTICATED`. */
export type TokenVerifier = (authorization: string | null | undefined) => Promise<Caller>;

/** NODE_ENV and JWT_MAX_LIFETIME_SECONDS may be left out (tests): then the development maximum applies. */
type AuthConfig = Pick<CommonConfig, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> &
  Partial<Pick<CommonConfig, 'NODE_ENV' | 'JWT_MAX_LIFETIME_SECONDS'>>;

/**
 * How far in the future an `iat` may lie: the issuer's clock may run a little ahead of
 * ours. Only `iat` gets this leeway; `exp` stays exact, as before.
 */
export const TOKEN_CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The longest token lifetime (`exp` − `iat`) accepted and issued: JWT_MAX_LIFETIME_SECONDS,
 * else 2 h in production (identity providers issue access tokens of about an hour,
 * Microsoft Entra ID 60–90 minutes) and 8 h elsewhere (a working day of development tokens).
 */
export function maxTokenLifetimeSeconds(config: Partial<Pick<CommonConfig, 'NODE_ENV' | 'JWT_MAX_LIFETIME_SECONDS'>>): number {
  return config.JWT_MAX_LIFETIME_SECONDS ?? (config.NODE_ENV === 'production' ? 2 * 3600 : 8 * 3600);
}

/** "3 d", "8 h", "90 min", "45 s": lifetimes in messages. */
function duration(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

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
  const maxLifetime = maxTokenLifetimeSeconds(config);
  // Not jose's maxTokenAge: it bounds only how old `iat` is, so a fresh 100-year token passes,
  // and its leeway (clockTolerance) would stretch `exp` too. Bounding exp − iat, with `iat`
  // not in the future, bounds both how long a token is valid and how old it can get.
  const options = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    requiredClaims: ['sub', 'exp', 'iat'],
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
    checkLifetime(payload as JWTPayload & { iat: number; exp: number }, maxLifetime);
    return callerFromClaims(payload);
  };
}

/** jose has checked that `iat` and `exp` are numbers and that `exp` has not passed. */
function checkLifetime({ iat, exp }: { iat: number; exp: number }, maxLifetime: number): void {
  if (iat > Date.now() / 1000 + TOKEN_CLOCK_TOLERANCE_SECONDS) {
    throw new UnauthenticatedError('The bearer token is issued in the future (iat); check the clock of its issuer.');
  }
  if (exp - iat > maxLifetime) {
    throw new UnauthenticatedError(
      `The bearer token is valid for ${duration(exp - iat)} (exp - iat), longer than the ${duration(maxLifetime)} this hub accepts; ask for a shorter-lived token.`,
    );
  }
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
  // OpenID Connect caps `sub` at 255 ASCII characters; the audit trail stores no more.
  if (payload.sub.length > 255) throw new UnauthenticatedError('The bearer token subject is longer than 255 characters.');
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
  /**
   * Lifetime, e.g. "8h" or seconds, at most the configured maximum; default 1 h, which
   * every default maximum accepts. May be negative in tests to mint an expired token.
   */
  expiresIn?: string | number;
}

/** `issueToken` was asked for a lifetime it cannot read or that is longer than the maximum. */
export class TokenLifetimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenLifetimeError';
  }
}

/**
 * Signs an HS256 token with the configured (or development) secret. For development and
 * tests; throws a `TokenLifetimeError` rather than mint a token the hub would refuse.
 */
export async function issueToken(config: AuthConfig, request: TokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = request.expiresIn ?? 3600;
  const jwt = new SignJWT({ role: request.role, ags: request.ags ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt(now);
  try {
    jwt.setExpirationTime(typeof expiresIn === 'number' ? now + expiresIn : expiresIn);
  } catch {
    throw new TokenLifetimeError(`The lifetime "${expiresIn}" is not a duration such as "8h", "90m" or a number of seconds.`);
  }
  const token = await jwt.sign(signingSecret(config));
  // Read back what jose made of "8h", "2 days" and the like, so the check matches the verifier's.
  const { iat, exp } = decodeJwt(token) as { iat: number; exp: number };
  const max = maxTokenLifetimeSeconds(config);
  if (exp - iat > max) {
    throw new TokenLifetimeError(
      `A lifetime of ${duration(exp - iat)} is longer than the maximum of ${duration(max)} (JWT_MAX_LIFETIME_SECONDS); the hub would refuse the token.`,
    );
  }
  return token;
}
