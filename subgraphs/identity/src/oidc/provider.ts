import type { default as Provider, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { timingSafeEqual } from 'node:crypto';
import type { Orm } from '@welcome-hub/kit';
import { AccountEntity } from '../account/account.entity.js';
import { secretHash } from '../account/passwords.js';
import { PartnerClientEntity } from '../client/partner-client.entity.js';
import { PostgresAdapter } from './adapter.js';
import { providerSecrets } from './keys.js';
import { html, messagePage, PAGE_HEADERS } from './pages.js';

/** The client id of the hub's web app: first-party, public (PKCE, no secret). */
export const WEB_CLIENT_ID = 'welcome-hub-web';

export interface ProviderSettings {
  /** The hub's public base URL; the issuer is `${publicUrl}/oidc`. */
  publicUrl: string;
  /** The `aud` of access tokens: what every subgraph verifies (JWT_AUDIENCE). */
  audience: string;
  accessTokenTtl: number;
  sessionTtl: number;
  /** Redirect URIs the web app may use besides `${publicUrl}/auth/callback` (tests, local development). */
  extraRedirectUris?: string[];
  /** Behind TLS-terminating proxies: trust X-Forwarded-Proto and -Host. */
  behindProxy?: boolean;
}

export const issuerOf = (publicUrl: string) => `${publicUrl}/oidc`;

/** The resource (RFC 8707) the web app's and partners' access tokens are for: the GraphQL API. */
export const apiResource = (publicUrl: string) => `${publicUrl}/graphql`;

/**
 * The hub's own OpenID provider (oidc-provider, OpenID Certified): authorization code with
 * PKCE for the web app, refresh tokens, client credentials for partner systems, RP-initiated
 * logout. Access tokens are JWTs for the GraphQL API, carrying the hub's `role` and `ags`
 * claims, verified by every subgraph through discovery like any provider's.
 */
export async function createProvider(orm: Orm, settings: ProviderSettings): Promise<Provider> {
  // Imported with the provider, on the first request under /oidc/ (discovery, keys, sign-in):
  // its 183 modules stay out of a hub whose own provider nobody asks.
  const { default: Provider, errors } = await import('oidc-provider');
  const issuer = issuerOf(settings.publicUrl);
  const resource = apiResource(settings.publicUrl);
  const secrets = await providerSecrets(orm);
  const em = () => orm.em.fork();

  const configuration: Configuration = {
    adapter: (name: string) => new PostgresAdapter(orm, name),
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'Welcome Hub',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${settings.publicUrl}/auth/callback`, ...(settings.extraRedirectUris ?? [])],
        post_logout_redirect_uris: [`${settings.publicUrl}/`, ...(settings.extraRedirectUris ?? [])],
      },
    ],
    jwks: secrets.jwks as Configuration['jwks'],
    cookies: { keys: secrets.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    findAccount: async (_ctx, sub) => {
      const account = await em().findOne(AccountEntity, { id: sub, active: true });
      if (!account) return undefined;
      return { accountId: account.id, claims: () => ({ sub: account.id, name: account.name, email: account.email }) };
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = messagePage('Abmelden', 'Möchten Sie sich vom Welcome Hub abmelden?').replace(
            '</main>',
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Abmelden</button>
<button type="submit" form="op.logoutForm" class="secondary">Angemeldet bleiben</button></main>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage('Abgemeldet', 'Sie sind abgemeldet.', {
            href: `${settings.publicUrl}/`,
            text: 'Zur Startseite',
          });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: settings.audience,
            accessTokenTTL: settings.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The first-party web app needs no consent screen: its grant is made at sign-in.
    loadExistingGrant: async (ctx) => {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      if (client.clientId !== WEB_CLIENT_ID) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addResourceScope(resource, 'api');
      await grant.save();
      return grant;
    },
    // The hub's claims in access tokens: the role and municipalities as they are now.
    extraTokenClaims: async (_ctx, token) => {
      if ('accountId' in token && token.accountId) {
        const account = await em().findOne(AccountEntity, { id: token.accountId, active: true });
        if (!account) throw new errors.InvalidGrant('the account is deactivated');
        return { role: account.role, ags: account.ags };
      }
      const client = await em().findOne(PartnerClientEntity, { clientId: token.clientId, active: true });
      if (!client) throw new errors.InvalidClient('the client is deactivated');
      return { role: 'editor', ags: client.ags, tier: client.tier, partner: true };
    },
    // The web app always gets a refresh token: access tokens live minutes, a sign-in a working day.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: settings.accessTokenTtl,
      ClientCredentials: settings.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: settings.accessTokenTtl,
      Interaction: 3600,
      RefreshToken: settings.sessionTtl,
      Session: settings.sessionTtl,
      Grant: settings.sessionTtl,
    },
    renderError: async (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.set(PAGE_HEADERS);
      ctx.body = messagePage('Anmeldung nicht möglich', `${out.error_description ?? out.error}`).replace(
        '</main>',
        `<p class="hint">Fehlercode: <code>${html(String(out.error))}</code></p></main>`,
      );
    },
    clientBasedCORS: () => false,
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = settings.behindProxy ?? false;
  hashedClientSecrets(provider);
  return provider;
}

/**
 * Partner clients' secrets are stored as their SHA-256 (client/partner-client.metadata.ts);
 * the provider compares what a client presents after hashing it the same way.
 */
function hashedClientSecrets(provider: Provider): void {
  provider.Client.prototype.compareClientSecret = function (this: { clientSecret?: string }, actual: string) {
    const stored = Buffer.from(this.clientSecret ?? '');
    const presented = Buffer.from(secretHash(actual));
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  } as never;
}
