import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { UnauthenticatedError } from '../errors/errors.js';
import { DEVELOPMENT_JWT_SECRET, type CommonConfig } from '../config/env.js';
import { isAgs } from '../rules/area-keys.js';
import { ANONYMOUS, ROLES, type Caller, type Role } from './caller.js';

/** Turns an `Authorization` header into a `Caller`; a present but unacceptable token throws `UNAUTHENTICATED`. */
export type TokenVerifier = (authorization: string | null | undefined) => Promise<Caller>;

/** How the claims of an OpenID provider's tokens become a caller (see README "Signing in"). */
type ClaimMapping = Pick<CommonConfig, 'OIDC_ROLE_CLAIM' | 'OIDC_AGS_CLAIM' | 'OIDC_ROLE_VALUES' | 'OIDC_TIER_CLAIM'>;

/** NODE_ENV, JWT_MAX_LIFETIME_SECONDS and the claim mapping may be left out (tests): then their defaults apply. */
type AuthConfig = Pick<CommonConfig, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> &
  Partial<Pick<CommonConfig, 'NODE_ENV' | 'JWT_MAX_LIFETIME_SECONDS'> & ClaimMapping>;

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
export function maxTokenLifetimeSeconds(
  config: Partial<Pick<CommonConfig, 'NODE_ENV' | 'JWT_MAX_LIFETIME_SECONDS'>>,
): number {
  return config.JWT_MAX_LIFETIME_SECONDS ?? (config.NODE_ENV === 'production' ? 2 * 3600 : 8 * 3600);
}

/**
 * The own provider's access tokens must pass the hub's lifetime check: checked where the
 * provider runs (the identity subgraph, the embedded hub), not in every process, whose
 * ACCESS_TOKEN_TTL_SECONDS may be left at its default. Null when they pass.
 */
export function accessTokenLifetimeProblem(
  config: Pick<CommonConfig, 'ACCESS_TOKEN_TTL_SECONDS'> &
    Partial<Pick<CommonConfig, 'NODE_ENV' | 'JWT_MAX_LIFETIME_SECONDS'>>,
): string | null {
  const max = maxTokenLifetimeSeconds(config);
  return config.ACCESS_TOKEN_TTL_SECONDS > max
    ? `ACCESS_TOKEN_TTL_SECONDS: ${config.ACCESS_TOKEN_TTL_SECONDS} is longer than the maximum token lifetime of ${max} s (JWT_MAX_LIFETIME_SECONDS); the hub would refuse the access tokens its own provider issues`
    : null;
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

/** True when development tokens (HS256 with the shared secret, `npm run token`) are accepted. */
function acceptsSharedSecret(config: AuthConfig): boolean {
  return !config.JWT_JWKS_URL && (config.NODE_ENV !== 'production' || config.JWT_SECRET !== undefined);
}

/**
 * The keys of an OpenID provider, from its discovery document, fetched when the first
 * token arrives (the embedded hub's own provider answers only once the hub listens). A
 * failed fetch is not remembered: the next token tries again.
 */
function discoveredKeys(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (metadata.issuer !== issuer) throw new Error(`discovery names the issuer ${metadata.issuer}, not ${issuer}`);
    if (!metadata.jwks_uri) throw new Error('discovery names no jwks_uri');
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover().catch((error: unknown) => {
      keys = undefined;
      throw new UnauthenticatedError(
        `The keys of the identity provider ${issuer} could not be fetched (${(error as Error).message}); try again.`,
      );
    });
    return (await keys)(header, token);
  };
}

/**
 * Builds the verifier used by the gateway and by every subgraph. It accepts tokens of the
 * OpenID provider `oidcIssuer` (the hub's own provider or OIDC_ISSUER; its keys found by
 * discovery, its claims read through the OIDC_* mapping), of a JWKS URL (JWT_JWKS_URL),
 * and development tokens signed with the shared secret (HS256; in production only with
 * JWT_SECRET set, never beside a JWKS URL).
 */
export function createTokenVerifier(config: AuthConfig, options: { oidcIssuer?: string } = {}): TokenVerifier {
  const sharedSecret = acceptsSharedSecret(config) ? signingSecret(config) : undefined;
  const jwks: JWTVerifyGetKey | undefined = config.JWT_JWKS_URL
    ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL))
    : undefined;
  const oidcKeys = options.oidcIssuer ? discoveredKeys(options.oidcIssuer) : undefined;
  const maxLifetime = maxTokenLifetimeSeconds(config);
  const mapping = claimMapping(config);
  // Not jose's maxTokenAge: it bounds only how old `iat` is, so a fresh 100-year token passes,
  // and its leeway (clockTolerance) would stretch `exp` too. Bounding exp − iat, with `iat`
  // not in the future, bounds both how long a token is valid and how old it can get.
  const common = { audience: config.JWT_AUDIENCE, requiredClaims: ['sub', 'exp', 'iat'] };
  const asymmetric = ['RS256', 'PS256', 'ES256', 'EdDSA'];

  const verify = async (token: string): Promise<{ payload: JWTPayload; mapping: Mapping }> => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthenticatedError('The bearer token is malformed or not signed with an accepted key.');
    }
    if (alg === 'HS256' && sharedSecret) {
      const { payload } = await jwtVerify(token, sharedSecret, {
        ...common,
        issuer: config.JWT_ISSUER,
        algorithms: ['HS256'],
      });
      return { payload, mapping: DIRECT };
    }
    if (jwks)
      return {
        payload: (await jwtVerify(token, jwks, { ...common, issuer: config.JWT_ISSUER, algorithms: asymmetric }))
          .payload,
        mapping: DIRECT,
      };
    if (oidcKeys && alg !== 'HS256') {
      return {
        payload: (await jwtVerify(token, oidcKeys, { ...common, issuer: options.oidcIssuer, algorithms: asymmetric }))
          .payload,
        mapping,
      };
    }
    throw new UnauthenticatedError('The bearer token is not signed with a key this hub accepts.');
  };

  return async (authorization) => {
    if (authorization === null || authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must have the form "Bearer <token>".');
    let verified: { payload: JWTPayload; mapping: Mapping };
    try {
      verified = await verify(match[1]);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError(describeTokenError(error));
    }
    checkLifetime(verified.payload as JWTPayload & { iat: number; exp: number }, maxLifetime);
    return callerFromClaims(verified.payload, verified.mapping);
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
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `The bearer token is not acceptable: ${error.message}.`;
  return 'The bearer token is malformed or not signed with an accepted key.';
}

interface Mapping {
  role: string;
  ags: string;
  tier: string;
  /** Claim value → hub role. */
  roles: ReadonlyMap<string, Role>;
}

/** Development and JWKS tokens carry the hub's own claims. */
const DIRECT: Mapping = { role: 'role', ags: 'ags', tier: 'tier', roles: new Map(ROLES.map((r) => [r, r])) };

function claimMapping(config: Partial<ClaimMapping>): Mapping {
  const values = config.OIDC_ROLE_VALUES
    ? config.OIDC_ROLE_VALUES.split(',').map((pair) => pair.split('=') as [Role, string])
    : ROLES.map((r) => [r, r] as [Role, string]);
  return {
    role: config.OIDC_ROLE_CLAIM ?? 'role',
    ags: config.OIDC_AGS_CLAIM ?? 'ags',
    tier: config.OIDC_TIER_CLAIM ?? 'tier',
    roles: new Map(values.map(([role, value]) => [value.trim(), role])),
  };
}

/** A claim by its dotted path: `realm_access.roles` reads Keycloak's nested realm roles. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      payload,
    );
}

/** The hub role a role claim stands for: one value or a list (Keycloak's realm roles); coordinator wins. */
function roleOf(claim: unknown, roles: ReadonlyMap<string, Role>): Role | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  const mapped = values.flatMap((v) => (typeof v === 'string' && roles.has(v) ? [roles.get(v)!] : []));
  return mapped.includes('coordinator') ? 'coordinator' : mapped[0];
}

/** AGS as a list, or as one string separated by commas or spaces (a Keycloak user attribute); undefined when neither. */
function agsOf(claim: unknown): unknown[] | undefined {
  if (claim === undefined || claim === null) return [];
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(claim) ? claim : undefined;
}

function callerFromClaims(payload: JWTPayload, mapping: Mapping): Caller {
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw new UnauthenticatedError('The bearer token has no subject.');
  // OpenID Connect caps `sub` at 255 ASCII characters; the audit trail stores no more.
  if (payload.sub.length > 255)
    throw new UnauthenticatedError('The bearer token subject is longer than 255 characters.');
  const role = roleOf(claimAt(payload, mapping.role), mapping.roles);
  if (!role) {
    const accepted = mapping === DIRECT ? ROLES.join(', ') : [...mapping.roles.keys()].join(', ');
    throw new UnauthenticatedError(`The bearer token's ${mapping.role} claim must be one of ${accepted}.`);
  }
  const ags = agsOf(claimAt(payload, mapping.ags));
  if (!ags?.every(isAgs)) {
    throw new UnauthenticatedError(
      `The bearer token's ${mapping.ags} claim must be a list of 8-digit municipality keys.`,
    );
  }
  // RFC 9068: `client_id` names the client the token was issued to; with client credentials, `sub` is that client.
  const client =
    typeof payload.client_id === 'string'
      ? payload.client_id
      : typeof payload.azp === 'string'
        ? payload.azp
        : undefined;
  // A partner system has no person behind it. Providers say so differently: `sub` is the
  // client itself (RFC 9068; the hub's own provider), or a claim says so (`partner`, e.g. a
  // Keycloak hardcoded-claim mapper, which README asks for). Keycloak also names a client's
  // service account, a user of its own (`sub` a UUID), "service-account-<client id>" in
  // lower case; where that name reaches the token, it marks a partner too.
  const partner =
    payload.partner === true ||
    (client !== undefined &&
      (payload.sub === client || payload.preferred_username === `service-account-${client.toLowerCase()}`));
  const tier = claimAt(payload, mapping.tier);
  return Object.freeze({
    kind: 'user',
    sub: payload.sub,
    role,
    ags: Object.freeze([...(ags as string[])]),
    ...(client ? { client } : {}),
    ...(partner ? { partner } : {}),
    ...(typeof tier === 'string' && /^[a-z0-9-]{1,20}$/.test(tier) ? { tier } : {}),
  });
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
  /** A partner system's rate-limit tier (RATE_LIMIT_TIERS), to try its allowance in development. */
  tier?: string;
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
  const jwt = new SignJWT({
    role: request.role,
    ags: request.ags ?? [],
    ...(request.tier ? { tier: request.tier } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt(now);
  try {
    jwt.setExpirationTime(typeof expiresIn === 'number' ? now + expiresIn : expiresIn);
  } catch {
    throw new TokenLifetimeError(
      `The lifetime "${expiresIn}" is not a duration such as "8h", "90m" or a number of seconds.`,
    );
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
