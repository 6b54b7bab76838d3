import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import {
  createTokenVerifier,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  TOKEN_CLOCK_TOLERANCE_SECONDS,
  TokenLifetimeError,
  UnauthenticatedError,
} from '../src/index.js';

const config = { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' };
const verify = createTokenVerifier(config);
const HOUR = 3600;
const YEAR = 365 * 24 * HOUR;

async function rejection(header: string, verifier = verify): Promise<UnauthenticatedError> {
  const error = await verifier(header).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  expect((error as UnauthenticatedError).extensions.code).toBe('UNAUTHENTICATED');
  return error as UnauthenticatedError;
}

describe('token verification', () => {
  it('treats a request without Authorization as anonymous', async () => {
    await expect(verify(undefined)).resolves.toEqual({ kind: 'anonymous' });
    await expect(verify('')).resolves.toEqual({ kind: 'anonymous' });
  });

  it('turns a valid editor token into a caller with its AGS list', async () => {
    const token = await issueToken(config, { sub: 'anna', role: 'editor', ags: ['05970040'] });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      kind: 'user',
      sub: 'anna',
      role: 'editor',
      ags: ['05970040'],
    });
  });

  it('accepts a subject of 255 characters and refuses a longer one (the audit trail stores 255)', async () => {
    const at255 = await issueToken(config, { sub: 'a'.repeat(255), role: 'editor' });
    await expect(verify(`Bearer ${at255}`)).resolves.toMatchObject({ kind: 'user', sub: 'a'.repeat(255) });
    const longer = await issueToken(config, { sub: 'a'.repeat(256), role: 'editor' });
    expect((await rejection(`Bearer ${longer}`)).message).toMatch(/longer than 255/);
  });

  it('rejects an expired token', async () => {
    const token = await issueToken(config, { sub: 'anna', role: 'editor', ags: ['05970040'], expiresIn: -60 });
    expect((await rejection(`Bearer ${token}`)).message).toMatch(/expired/);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await issueToken({ ...config, JWT_SECRET: 'x'.repeat(40) }, { sub: 'mallory', role: 'coordinator' });
    expect((await rejection(`Bearer ${token}`)).message).toMatch(/signature/);
  });

  it('rejects malformed tokens and other schemes', async () => {
    await rejection('Bearer not-a-jwt');
    await rejection('Basic dXNlcjpwYXNz');
    await rejection('Bearer a.b.c');
  });

  it('rejects a token for another audience or issuer', async () => {
    await rejection(
      `Bearer ${await issueToken({ ...config, JWT_AUDIENCE: 'other' }, { sub: 'a', role: 'coordinator' })}`,
    );
    await rejection(
      `Bearer ${await issueToken({ ...config, JWT_ISSUER: 'other' }, { sub: 'a', role: 'coordinator' })}`,
    );
  });

  it('rejects unknown roles, malformed AGS claims and tokens without expiry', async () => {
    const secret = new TextEncoder().encode('welcome-hub-development-secret-do-not-use-in-production');
    const sign = (claims: Record<string, unknown>, withExp = true) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('s')
        .setIssuer('welcome-hub')
        .setAudience('welcome-hub')
        .setIssuedAt();
      return (withExp ? jwt.setExpirationTime('1h') : jwt).sign(secret);
    };
    expect((await rejection(`Bearer ${await sign({ role: 'admin' })}`)).message).toMatch(/role/);
    expect((await rejection(`Bearer ${await sign({ role: 'editor', ags: ['5970040'] })}`)).message).toMatch(/ags/);
    await rejection(`Bearer ${await sign({ role: 'editor', ags: ['05970040'] }, false)}`);
  });

  it('refuses an unsigned (alg: none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', role: 'coordinator', iss: 'welcome-hub', aud: 'welcome-hub', exp: 9999999999 }),
    ).toString('base64url');
    await rejection(`Bearer ${header}.${payload}.`);
  });
});

/** A development-signed editor token with exactly these `iat` and `exp` (seconds from now; null leaves the claim out). */
function signedAt(iat: number | null, exp: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'editor', ags: ['05970040'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('anna')
    .setIssuer('welcome-hub')
    .setAudience('welcome-hub')
    .setExpirationTime(now + exp);
  return (iat === null ? jwt : jwt.setIssuedAt(now + iat)).sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
}

describe('token lifetime', () => {
  it('accepts a token valid for exactly the maximum and refuses one a second longer', async () => {
    const verifyTenMinutes = createTokenVerifier({ ...config, JWT_MAX_LIFETIME_SECONDS: 600 });
    await expect(verifyTenMinutes(`Bearer ${await signedAt(0, 600)}`)).resolves.toMatchObject({ sub: 'anna' });
    const error = await rejection(`Bearer ${await signedAt(0, 601)}`, verifyTenMinutes);
    expect(error.message).toBe(
      'The bearer token is valid for 601 s (exp - iat), longer than the 10 min this hub accepts; ask for a shorter-lived token.',
    );
  });

  it('refuses a 100-year token, though it is fresh and unexpired', async () => {
    expect((await rejection(`Bearer ${await signedAt(0, 100 * YEAR)}`)).message).toMatch(
      /valid for 36500 d .*longer than the 8 h/,
    );
  });

  it('measures exp - iat: a token issued a year ago is refused even when it expires in a minute', async () => {
    expect((await rejection(`Bearer ${await signedAt(-YEAR, 60)}`)).message).toMatch(/longer than the 8 h/);
  });

  it('accepts up to 8 h by default outside production, 2 h in production', async () => {
    const token = `Bearer ${await signedAt(0, 3 * HOUR)}`;
    await expect(verify(token)).resolves.toMatchObject({ sub: 'anna' });
    await expect(createTokenVerifier({ ...config, NODE_ENV: 'development' })(token)).resolves.toMatchObject({
      sub: 'anna',
    });
    const production = createTokenVerifier({ ...config, NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET });
    expect((await rejection(token, production)).message).toMatch(/valid for 3 h .*longer than the 2 h/);
    await expect(production(`Bearer ${await signedAt(0, 2 * HOUR)}`)).resolves.toMatchObject({ sub: 'anna' });
    expect((await rejection(`Bearer ${await signedAt(0, 9 * HOUR)}`)).message).toMatch(/longer than the 8 h/);
  });

  it('refuses a token without iat', async () => {
    expect((await rejection(`Bearer ${await signedAt(null, HOUR)}`)).message).toMatch(/missing required "iat" claim/);
  });

  it('refuses a token issued in the future, beyond the clock tolerance', async () => {
    expect((await rejection(`Bearer ${await signedAt(HOUR, HOUR + 60)}`)).message).toMatch(
      /issued in the future \(iat\)/,
    );
    expect((await rejection(`Bearer ${await signedAt(TOKEN_CLOCK_TOLERANCE_SECONDS + 30, HOUR)}`)).message).toMatch(
      /future/,
    );
    // A little ahead is the issuer's clock running fast, not a forged token.
    await expect(verify(`Bearer ${await signedAt(TOKEN_CLOCK_TOLERANCE_SECONDS - 30, HOUR)}`)).resolves.toMatchObject({
      sub: 'anna',
    });
  });
});

describe('issueToken', () => {
  it('mints up to the maximum and refuses anything longer', async () => {
    await expect(
      verify(`Bearer ${await issueToken(config, { sub: 'anna', role: 'coordinator', expiresIn: '8h' })}`),
    ).resolves.toMatchObject({ sub: 'anna' });
    await expect(issueToken(config, { sub: 'anna', role: 'coordinator', expiresIn: '100y' })).rejects.toThrow(
      TokenLifetimeError,
    );
    await expect(issueToken(config, { sub: 'anna', role: 'coordinator', expiresIn: 8 * HOUR + 1 })).rejects.toThrow(
      'A lifetime of 28801 s is longer than the maximum of 8 h (JWT_MAX_LIFETIME_SECONDS); the hub would refuse the token.',
    );
    await expect(
      issueToken({ ...config, JWT_MAX_LIFETIME_SECONDS: 600 }, { sub: 'anna', role: 'coordinator', expiresIn: '11m' }),
    ).rejects.toThrow(/11 min .*maximum of 10 min/);
  });

  it('explains a lifetime it cannot read', async () => {
    await expect(issueToken(config, { sub: 'anna', role: 'coordinator', expiresIn: 'forever' })).rejects.toThrow(
      new TokenLifetimeError('The lifetime "forever" is not a duration such as "8h", "90m" or a number of seconds.'),
    );
  });

  it('mints by default a token that a production hub with default settings accepts', async () => {
    const production = createTokenVerifier({ ...config, NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET });
    await expect(
      production(`Bearer ${await issueToken(config, { sub: 'anna', role: 'coordinator' })}`),
    ).resolves.toMatchObject({ sub: 'anna' });
  });
});

// An external OpenID provider shaped like a municipal IT provider's Keycloak: the hub finds
// its keys by discovery (or a JWKS URL) and reads role and AGS through the claim mapping.
describe('tokens of an external OpenID provider', () => {
  const REALM = '/realms/welcome-hub';
  let server: Server;
  let issuer: string;
  let sign: (claims: JWTPayload, lifetime?: number) => Promise<string>;
  let keycloak: ReturnType<typeof createTokenVerifier>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === `${REALM}/.well-known/openid-configuration`)
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
      else if (req.url === `${REALM}/protocol/openid-connect/certs`) res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${REALM}`;
    sign = (claims, lifetime = 300) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('welcome-hub')
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .sign(privateKey);
    };
    keycloak = createTokenVerifier(
      {
        ...config,
        NODE_ENV: 'production',
        OIDC_ROLE_CLAIM: 'realm_access.roles',
        OIDC_ROLE_VALUES: 'coordinator=hub-coordinator,editor=hub-editor',
      },
      { oidcIssuer: issuer },
    );
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const person = {
    sub: '4f1c2a9e-8d0b-4c5e-9f3a-6b7d8e9f0a1b',
    azp: 'welcome-hub',
    preferred_username: 'editorin.siegen',
    realm_access: { roles: ['default-roles-welcome-hub', 'hub-editor'] },
    ags: '05970040',
  };
  // Keycloak's client-credentials token: the client's service-account user is its subject.
  const serviceAccount = {
    sub: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    azp: 'cms-siegen',
    client_id: 'cms-siegen',
    preferred_username: 'service-account-cms-siegen',
    realm_access: { roles: ['hub-editor'] },
    ags: '05970040',
    tier: 'partner',
  };

  it("maps a person's token: realm role and AGS attribute; the web client named, no partner", async () => {
    const caller = await keycloak(`Bearer ${await sign(person)}`);
    expect(caller).toEqual({
      kind: 'user',
      sub: person.sub,
      role: 'editor',
      ags: ['05970040'],
      client: 'welcome-hub',
    });
  });

  it("takes a Keycloak service account's token (its own user as subject) for a partner system, with its tier", async () => {
    const caller = await keycloak(`Bearer ${await sign(serviceAccount)}`);
    expect(caller).toEqual({
      kind: 'user',
      sub: serviceAccount.sub,
      role: 'editor',
      ags: ['05970040'],
      client: 'cms-siegen',
      partner: true,
      tier: 'partner',
    });
    // Keycloak writes the name in lower case.
    const upper = { ...serviceAccount, azp: 'CMS-Siegen', client_id: 'CMS-Siegen' };
    expect(await keycloak(`Bearer ${await sign(upper)}`)).toMatchObject({ client: 'CMS-Siegen', partner: true });
    // Without that name (Keycloak leaves it out without the profile scope) and without a
    // `partner` claim, the same token would be a person's: README asks for the claim.
    const unnamed = { ...serviceAccount, preferred_username: undefined };
    expect(await keycloak(`Bearer ${await sign(unnamed)}`)).not.toHaveProperty('partner');
    expect(await keycloak(`Bearer ${await sign({ ...unnamed, partner: true })}`)).toMatchObject({ partner: true });
    // A person whose name only starts like a service account's stays a person.
    const person2 = { ...person, preferred_username: 'service-account-cms-siegen' };
    expect(await keycloak(`Bearer ${await sign(person2)}`)).not.toHaveProperty('partner');
  });

  it("enforces the maximum lifetime on the provider's tokens too (2 h in production)", async () => {
    await expect(keycloak(`Bearer ${await sign(person, 2 * HOUR)}`)).resolves.toMatchObject({ sub: person.sub });
    expect((await rejection(`Bearer ${await sign(person, 2 * HOUR + 1)}`, keycloak)).message).toMatch(
      /valid for 7201 s .*longer than the 2 h this hub accepts/,
    );
    const viaJwks = createTokenVerifier({
      ...config,
      JWT_ISSUER: issuer,
      JWT_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
      JWT_MAX_LIFETIME_SECONDS: 600,
    });
    const direct = { sub: 'anna', role: 'editor', ags: ['05970040'] };
    await expect(viaJwks(`Bearer ${await sign(direct, 600)}`)).resolves.toMatchObject({ sub: 'anna' });
    expect((await rejection(`Bearer ${await sign(direct, 100 * YEAR)}`, viaJwks)).message).toMatch(
      /valid for 36500 d .*longer than the 10 min/,
    );
  });
});
