import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider, { type Configuration } from 'oidc-provider';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { startTestHub, type TestHub } from './hub.js';
import { FormBrowser, formIn, relyingParty, signIn } from './oidc-browser.js';

// A second, independently configured OpenID provider stands in for a municipal IT
// provider's Keycloak: its tokens carry the role among Keycloak's realm roles and the AGS as
// a user attribute (one string), and name the client in `azp`. The hub knows nothing of it
// but its issuer URL (discovery) and the claim mapping.

const REALM = '/realms/welcome-hub';
const CALLBACK = 'http://127.0.0.1:1/callback'; // never visited: the browser stops at it
const OWN = '05974004';
const OTHER = '05970040';

/** The people of the stand-in realm: login name → Keycloak-shaped claims. */
const PEOPLE: Record<string, { roles: string[]; ags?: string }> = {
  'editorin.bad-sassendorf': { roles: ['offline_access', 'default-roles-welcome-hub', 'hub-editor'], ags: OWN },
  praktikant: { roles: ['offline_access', 'default-roles-welcome-hub'] },
};

let keycloak: { server: Server; issuer: string };
let test: TestHub;

/** The stand-in's address first: the hub must know its issuer before it starts. */
async function listen(): Promise<{ server: Server; issuer: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}${REALM}` };
}

/** Then the provider, once the hub's address (its sign-in callback) is known. */
function startKeycloakStandIn({ server, issuer }: { server: Server; issuer: string }, hubUrl: string) {
  const configuration: Configuration = {
    clients: [
      {
        client_id: 'welcome-hub',
        token_endpoint_auth_method: 'none',
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      // The hub's own sign-in for the web app (OIDC_CLIENT_ID), a public client with PKCE.
      {
        client_id: 'welcome-hub-web',
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${hubUrl}/auth/callback`],
        post_logout_redirect_uris: [`${hubUrl}/`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    // The web app's grant is made at sign-in, as a Keycloak client without consent does.
    loadExistingGrant: async (ctx) => {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (client.clientId !== 'welcome-hub-web') return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addResourceScope('https://welcome-hub.example/graphql', 'api');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, preferred_username: sub }) }),
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'https://welcome-hub.example/graphql',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: 'welcome-hub',
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
        }),
      },
    },
    scopes: ['openid', 'profile', 'email', 'offline_access', 'api'],
    extraTokenClaims: async (_ctx, token) => {
      const person = PEOPLE[(token as { accountId: string }).accountId];
      return {
        azp: 'welcome-hub',
        realm_access: { roles: person?.roles ?? [] },
        ...(person?.ags ? { ags: person.ags } : {}),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  // Mounted under the realm path, as Keycloak serves its issuers.
  server.on('request', (req, res) => {
    (req as typeof req & { originalUrl?: string }).originalUrl = req.url;
    req.url = req.url!.slice(REALM.length) || '/';
    void callback(req, res);
  });
}

/** The stand-in's development login form (any password), then its consent form. */
function keycloakLogin(login: string) {
  return async (page: string, url: URL) => {
    const { action, fields } = formIn(page, url);
    return page.includes('name="login"')
      ? { action, form: { ...fields, login, password: 'beliebig' } }
      : { action, form: fields };
  };
}

async function tokenFor(login: string): Promise<string> {
  const config = await relyingParty(keycloak.issuer, 'welcome-hub');
  return (await signIn(new FormBrowser(), config, CALLBACK, keycloakLogin(login), 'openid api')).access_token;
}

beforeAll(async () => {
  keycloak = await listen();
  test = await startTestHub({
    env: {
      OIDC_ISSUER: keycloak.issuer,
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_ROLE_VALUES: 'coordinator=hub-coordinator,editor=hub-editor',
      OIDC_AGS_CLAIM: 'ags',
    },
  });
  startKeycloakStandIn(keycloak, test.hub.publicUrl);
});
afterAll(async () => {
  await test?.close();
  keycloak?.server.close();
});

const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { slug host { ags } } }`;
const event = (slug: string, host: string) => ({
  input: { slug, host, title: 'Neubürgerempfang', kind: 'NEWCOMER_RECEPTION', startsAt: '2027-06-01T16:00:00Z' },
});

describe('an external OpenID provider given by its issuer URL', () => {
  it('signs in there and writes through the gateway, its claims mapped to the role and municipalities', async () => {
    const token = await tokenFor('editorin.bad-sassendorf');
    expect(decodeJwt(token)).toMatchObject({
      iss: keycloak.issuer,
      realm_access: { roles: expect.arrayContaining(['hub-editor']) },
      ags: OWN,
    });
    const viewer = await test.gql(`{ viewer { subject role municipalities { ags } client partner } }`, { token });
    expect(viewer.data!.viewer).toEqual({
      subject: 'editorin.bad-sassendorf',
      role: 'EDITOR',
      municipalities: [{ ags: OWN }],
      client: 'welcome-hub',
      partner: false,
    });
    const own = await test.gql(CREATE_EVENT, { token, variables: event('keycloak-empfang-2027', OWN) });
    expect(own.errors).toBeUndefined();
    const other = await test.gql(CREATE_EVENT, { token, variables: event('keycloak-empfang-siegen-2027', OTHER) });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a token whose realm roles name no hub role, and nothing is written', async () => {
    const token = await tokenFor('praktikant');
    const refused = await test.gql(CREATE_EVENT, { token, variables: event('praktikant-2027', OWN) });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/realm_access\.roles claim must be one of hub-coordinator, hub-editor/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const { data } = await test.gql(`{ event(slug: "praktikant-2027") { slug } }`);
    expect(data!.event).toBeNull();
  });

  it("signs a browser in through the hub's own sign-in (/auth/login) at that provider, and out again", async () => {
    const browser = new FormBrowser();
    const hub = test.hub.publicUrl;
    let step = await browser.follow(`${hub}/auth/login?returnTo=/kommunen/${OWN}`);
    // The stand-in's login form (Keycloak's would ask the same), then back at the hub.
    expect(step.url.href.startsWith(keycloak.issuer)).toBe(true);
    const { action, form } = await keycloakLogin('editorin.bad-sassendorf')(await step.response.text(), step.url);
    step = await browser.follow(action, { form });
    expect(step.url.href).toBe(`${hub}/kommunen/${OWN}`);
    expect(await (await browser.request(`${hub}/auth/session`)).json()).toMatchObject({ signedIn: true });
    // The session cookie acts as the person, with the claims mapped as for a bearer token.
    const viewer = await (
      await browser.request(`${hub}/graphql`, { json: { query: '{ viewer { subject role municipalities { ags } } }' } })
    ).json();
    expect(viewer.data.viewer).toEqual({
      subject: 'editorin.bad-sassendorf',
      role: 'EDITOR',
      municipalities: [{ ags: OWN }],
    });
    const written = await (
      await browser.request(`${hub}/graphql`, {
        json: { query: CREATE_EVENT, variables: event('keycloak-browser-2027', OWN) },
      })
    ).json();
    expect(written.errors).toBeUndefined();
    // Signing out ends the sign-in at the provider too (its end-session endpoint).
    const logout = await browser.follow(`${hub}/auth/logout`, { method: 'POST' }, keycloak.issuer);
    expect(`${logout.url.origin}${logout.url.pathname}`).toBe(`${keycloak.issuer}/session/end`);
    expect(logout.url.searchParams.get('post_logout_redirect_uri')).toBe(`${hub}/`);
    expect(logout.url.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(await (await browser.request(`${hub}/auth/session`)).json()).toEqual({ signedIn: false });
    // Confirmed there, the provider's sign-in ends and it sends the browser back to the hub;
    // the next sign-in asks for the password again.
    const page = await browser.follow(logout.url);
    const confirm = formIn(await page.response.text(), page.url, 'op.logoutForm');
    const back = await browser.follow(confirm.action, { form: { ...confirm.fields, logout: 'yes' } });
    expect(back.url.href).toBe(`${hub}/`);
    const again = await browser.follow(`${hub}/auth/login`);
    expect(await again.response.text()).toContain('name="login"');
  });

  it("does not serve the hub's own provider", async () => {
    expect((await fetch(`${test.hub.publicUrl}/oidc/.well-known/openid-configuration`)).status).toBe(404);
  });
});
