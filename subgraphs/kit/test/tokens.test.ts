import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { createTokenVerifier, issueToken, UnauthenticatedError } from '../src/index.js';

const config = { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' };
const verify = createTokenVerifier(config);

async function rejection(header: string): Promise<UnauthenticatedError> {
  const error = await verify(header).then(
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
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ kind: 'user', sub: 'anna', role: 'editor', ags: ['05970040'] });
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
    await rejection(`Bearer ${await issueToken({ ...config, JWT_AUDIENCE: 'other' }, { sub: 'a', role: 'coordinator' })}`);
    await rejection(`Bearer ${await issueToken({ ...config, JWT_ISSUER: 'other' }, { sub: 'a', role: 'coordinator' })}`);
  });

  it('rejects unknown roles, malformed AGS claims and tokens without expiry', async () => {
    const secret = new TextEncoder().encode('welcome-hub-development-secret-do-not-use-in-production');
    const sign = (claims: Record<string, unknown>, withExp = true) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer('welcome-hub').setAudience('welcome-hub');
      return (withExp ? jwt.setExpirationTime('1h') : jwt).sign(secret);
    };
    expect((await rejection(`Bearer ${await sign({ role: 'admin' })}`)).message).toMatch(/role/);
    expect((await rejection(`Bearer ${await sign({ role: 'editor', ags: ['5970040'] })}`)).message).toMatch(/ags/);
    await rejection(`Bearer ${await sign({ role: 'editor', ags: ['05970040'] }, false)}`);
  });

  it('refuses an unsigned (alg: none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', role: 'coordinator', iss: 'welcome-hub', aud: 'welcome-hub', exp: 9999999999 })).toString('base64url');
    await rejection(`Bearer ${header}.${payload}.`);
  });
});
