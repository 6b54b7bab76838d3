import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSignIn } from '../src/auth/web-sign-in.js';
import { CookieSealer, SESSION_COOKIE, type WebSession } from '../src/auth/session-cookie.js';

// The web sign-in on its own: a session whose access token has expired is refreshed at the
// provider; when the provider cannot be reached, the browser is signed out, not answered 500.

const SECRET = 's'.repeat(40);

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function requestWith(session: WebSession): Promise<IncomingMessage> {
  const sealed = await new CookieSealer(SECRET).seal(session, 3600);
  return { headers: { cookie: `${SESSION_COOKIE}=${sealed}` } } as IncomingMessage;
}

describe('WebSignIn.authorize', () => {
  const options = async () => ({
    publicUrl: 'http://hub.test',
    issuer: `http://127.0.0.1:${await deadPort()}/oidc`,
    clientId: 'welcome-hub-web',
    sessionSecret: SECRET,
    sessionTtl: 3600,
  });

  it('passes a session whose access token is still fresh, without asking the provider', async () => {
    const signIn = new WebSignIn(await options());
    const fresh = { accessToken: 'a', refreshToken: 'r', expiresAt: Math.floor(Date.now() / 1000) + 300 };
    expect(await signIn.authorize(await requestWith(fresh))).toEqual({ session: fresh, cookies: [] });
  });

  it('signs the browser out when the provider cannot be reached to refresh an expired session', async () => {
    const signIn = new WebSignIn(await options());
    const expired = { accessToken: 'a', refreshToken: 'r', expiresAt: Math.floor(Date.now() / 1000) - 10 };
    const { session, cookies } = await signIn.authorize(await requestWith(expired));
    expect(session).toBeNull();
    expect(cookies).toEqual([expect.stringMatching(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'i'))]);
  });

  it('signs out with POST /auth/logout even when the provider cannot be reached: the cookie cleared, back to the start page', async () => {
    const signIn = new WebSignIn(await options());
    const server = createServer((req, res) => void signIn.routes['/auth/logout'](req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const sealed = await new CookieSealer(SECRET).seal({ accessToken: 'a', expiresAt: 0 }, 3600);
      const response = await fetch(`http://127.0.0.1:${port}/auth/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `${SESSION_COOKIE}=${sealed}` },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('http://hub.test/');
      expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('ignores a forged cookie and clears it', async () => {
    const signIn = new WebSignIn(await options());
    const forged = await new CookieSealer('another secret of forty characters.....').seal(
      { accessToken: 'x', expiresAt: 0 },
      3600,
    );
    const { session, cookies } = await signIn.authorize({
      headers: { cookie: `${SESSION_COOKIE}=${forged}` },
    } as IncomingMessage);
    expect(session).toBeNull();
    expect(cookies).toHaveLength(1);
  });
});
