import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { startTestHub, type TestHub } from './hub.js';
import { FormBrowser, formIn, hubLogin, relyingParty, signIn } from './oidc-browser.js';

// The embedded hub is its own OpenID provider: a relying party (openid-client, as the web app
// will be) signs in through the login form, exchanges the code with PKCE, refreshes, logs
// out, and writes through the gateway with the access token it got.

let test: TestHub;
let coordinator: { email: string; password: string };
const HOST_AGS = '05974008'; // Bad Sassendorf

beforeAll(async () => {
  const lines: string[] = [];
  test = await startTestHub({ log: (line) => lines.push(line) });
  const printed = lines
    .map((l) => /first coordinator (\S+) created; its password, shown this once: (\S+)/.exec(l))
    .find(Boolean);
  if (!printed) throw new Error(`The first start printed no coordinator password:\n${lines.join('\n')}`);
  coordinator = { email: printed[1], password: printed[2] };
});
afterAll(() => test?.close());

const issuer = () => `${test.hub.publicUrl}/oidc`;
const callback = () => `${test.hub.publicUrl}/auth/callback`;

/** The hub's login form must be German and labelled; then it is filled in. */
async function checkedLogin(page: string, url: URL) {
  expect(page).toContain('<html lang="de">');
  expect(page).toContain('<label for="password">Passwort</label>');
  return hubLogin(coordinator)(page, url);
}

describe('signing in at the embedded provider', () => {
  it('answers discovery with the issuer under the public URL, PKCE and the grants the hub uses', async () => {
    const metadata = (await relyingParty(issuer())).serverMetadata();
    expect(metadata.issuer).toBe(`${test.hub.publicUrl}/oidc`);
    expect(metadata.code_challenge_methods_supported).toContain('S256');
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
  });

  it('signs in, refreshes, writes through the gateway with the token, and logs out', async () => {
    const config = await relyingParty(issuer());
    const browser = new FormBrowser();
    const tokens = await signIn(browser, config, callback(), checkedLogin);

    // Access tokens are JWTs for the API, living minutes, with the hub's claims.
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({
      iss: `${test.hub.publicUrl}/oidc`,
      aud: 'welcome-hub',
      role: 'coordinator',
      ags: [],
      client_id: 'welcome-hub-web',
    });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.claims()!.email).toBe(coordinator.email);

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const created = await test.gql(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { slug host { ags } } }`,
      {
        token: refreshed.access_token,
        variables: {
          input: {
            slug: 'neubuergerempfang-2027',
            host: HOST_AGS,
            title: 'Neubürgerempfang 2027',
            kind: 'NEWCOMER_RECEPTION',
            startsAt: '2027-03-01T17:00:00Z',
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createEvent).toEqual({ slug: 'neubuergerempfang-2027', host: { ags: HOST_AGS } });
    const viewer = await test.gql(`{ viewer { subject role client partner name } }`, { token: refreshed.access_token });
    expect(viewer.data!.viewer).toEqual({
      subject: claims.sub,
      role: 'COORDINATOR',
      client: 'welcome-hub-web',
      partner: false,
      name: 'Koordination',
    });

    // RP-initiated logout: the confirmation form, then back to the hub; the sign-in's refresh token dies with it.
    const logout = await browser.follow(
      oidc.buildEndSessionUrl(config, {
        id_token_hint: refreshed.id_token!,
        post_logout_redirect_uri: `${test.hub.publicUrl}/`,
      }),
    );
    expect(logout.response.status).toBe(200);
    const confirm = formIn(await logout.response.text(), logout.url, 'op.logoutForm');
    const done = await browser.follow(
      confirm.action,
      { form: { ...confirm.fields, logout: 'yes' } },
      `${test.hub.publicUrl}/`,
    );
    expect(done.url.href).toBe(`${test.hub.publicUrl}/`);
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('rotates refresh tokens: a spent one is refused and ends the whole sign-in (a stolen copy is worthless)', async () => {
    const config = await relyingParty(issuer());
    const tokens = await signIn(new FormBrowser(), config, callback(), checkedLogin);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a wrong password with the form again, its error announced, and issues nothing', async () => {
    const config = await relyingParty(issuer());
    const browser = new FormBrowser();
    const authorization = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${test.hub.publicUrl}/auth/callback`,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const login = await browser.follow(authorization);
    const { action } = formIn(await login.response.text(), login.url);
    const refused = await browser.follow(action, { form: { email: coordinator.email, password: 'not the password' } });
    expect(refused.response.status).toBe(401);
    const page = await refused.response.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('aria-invalid="true"');
  });

  it('refuses an authorization request without PKCE', async () => {
    const config = await relyingParty(issuer());
    const authorization = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${test.hub.publicUrl}/auth/callback`,
      scope: 'openid',
    });
    const { url } = await new FormBrowser().follow(authorization, {}, `${test.hub.publicUrl}/auth/callback`);
    expect(url.searchParams.get('error')).toBe('invalid_request');
  });

  it("signs a browser in through the hub's own relying party: tokens stay in an encrypted HttpOnly cookie", async () => {
    const browser = new FormBrowser();
    const start = await browser.follow(`${test.hub.publicUrl}/auth/login?returnTo=/praktiken/neubuerger`);
    const { action } = formIn(await start.response.text(), start.url);
    const signedIn = await browser.follow(action, { form: coordinator }, `${test.hub.publicUrl}/praktiken`);
    expect(signedIn.url.href).toBe(`${test.hub.publicUrl}/praktiken/neubuerger`);
    const setCookie = signedIn.response.headers.getSetCookie().find((c) => c.startsWith('wh_session='));
    expect(setCookie).toMatch(/HttpOnly; SameSite=Lax/);
    // Sealed: the browser holds no readable token.
    expect(setCookie).not.toMatch(/eyJ[\w-]+\.eyJ/);

    const session = await (await browser.request(`${test.hub.publicUrl}/auth/session`)).json();
    expect(session).toMatchObject({ signedIn: true });
    const viewer = await (
      await browser.request(`${test.hub.publicUrl}/graphql`, { json: { query: '{ viewer { role client name } }' } })
    ).json();
    expect(viewer.data.viewer).toEqual({ role: 'COORDINATOR', client: 'welcome-hub-web', name: 'Koordination' });

    // Only a POST signs out (a link or an image cannot); then the provider's logout, back to the start page.
    expect((await browser.request(`${test.hub.publicUrl}/auth/logout`)).status).toBe(405);
    const logout = await browser.follow(`${test.hub.publicUrl}/auth/logout`, { method: 'POST' });
    const confirm = formIn(await logout.response.text(), logout.url, 'op.logoutForm');
    const done = await browser.follow(
      confirm.action,
      { form: { ...confirm.fields, logout: 'yes' } },
      `${test.hub.publicUrl}/`,
    );
    expect(done.url.href).toBe(`${test.hub.publicUrl}/`);
    expect(await (await browser.request(`${test.hub.publicUrl}/auth/session`)).json()).toEqual({ signedIn: false });
    const anonymous = await (
      await browser.request(`${test.hub.publicUrl}/graphql`, { json: { query: '{ viewer { role } }' } })
    ).json();
    expect(anonymous.data.viewer).toBeNull();
  });

  it('returns only to paths on the hub after signing in (no open redirect)', async () => {
    const browser = new FormBrowser();
    const start = await browser.follow(`${test.hub.publicUrl}/auth/login?returnTo=//evil.example/`);
    const { action } = formIn(await start.response.text(), start.url);
    const signedIn = await browser.follow(action, { form: coordinator }, 'http://evil.example');
    expect(signedIn.url.href).toBe(`${test.hub.publicUrl}/`);
  });

  it('refuses a callback without the pending sign-in of this browser', async () => {
    const response = await new FormBrowser().request(`${test.hub.publicUrl}/auth/callback?code=stolen&state=guessed`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'sign_in_expired' });
  });
});
