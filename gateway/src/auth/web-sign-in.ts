import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import type { Handler } from '@welcome-hub/kit';
import {
  CookieSealer,
  cookie,
  randomToken,
  readCookies,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  type PendingSignIn,
  type WebSession,
} from './session-cookie.js';

export interface WebSignInOptions {
  /** The hub's public base URL: the callback is `${publicUrl}/auth/callback`. */
  publicUrl: string;
  /** The OpenID provider's issuer (the hub's own, or OIDC_ISSUER). */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  sessionSecret: string;
  /** How long a browser stays signed in, at most (the provider's session may end sooner). */
  sessionTtl: number;
}

/** A pending sign-in lasts as long as someone may take to type a password. */
const SIGN_IN_TTL = 10 * 60;
/** Refresh this long before the access token expires, so a request never carries one that expires on its way. */
const REFRESH_MARGIN = 30;

/** Only paths on this hub: an open redirect would let a link send people anywhere after signing in. */
function localPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  res.end();
}

function json(res: ServerResponse, status: number, body: unknown, cookies: string[] = []): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
  });
  res.end(JSON.stringify(body));
}

/**
 * The web app's sign-in: the hub is the relying party (openid-client, authorization code
 * with PKCE) and keeps the tokens in an encrypted, HttpOnly session cookie, refreshing the
 * access token when it nears its end. Browser scripts never hold a token (the
 * backend-for-frontend pattern of the IETF's OAuth 2.0 for Browser-Based Apps).
 */
export class WebSignIn {
  private readonly sealer: CookieSealer;
  private readonly secure: boolean;
  private readonly callbackUrl: string;
  private configuration: Promise<oidc.Configuration> | undefined;
  /** Refreshes under way, by refresh token: parallel requests of one browser share one (a reused refresh token ends the sign-in). */
  private readonly refreshing = new Map<string, Promise<WebSession | null>>();

  constructor(private readonly options: WebSignInOptions) {
    this.sealer = new CookieSealer(options.sessionSecret);
    this.secure = options.publicUrl.startsWith('https:');
    this.callbackUrl = `${options.publicUrl}/auth/callback`;
  }

  /** The provider's configuration, by discovery when first needed (the own provider answers once the hub listens). */
  private config(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.options;
    this.configuration ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        undefined,
        clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
        {
          execute: issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  private async sessionCookie(
    tokens: oidc.TokenEndpointResponse,
    previous?: WebSession,
  ): Promise<{ session: WebSession; header: string }> {
    const session: WebSession = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previous?.refreshToken,
      idToken: tokens.id_token ?? previous?.idToken,
      expiresAt: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 300),
    };
    return {
      session,
      header: cookie(SESSION_COOKIE, await this.sealer.seal(session, this.options.sessionTtl), {
        maxAge: this.options.sessionTtl,
        secure: this.secure,
      }),
    };
  }

  private clearSession(): string {
    return cookie(SESSION_COOKIE, '', { maxAge: 0, secure: this.secure });
  }

  /** GET /auth/login?returnTo=/path: to the provider's sign-in. */
  private login: Handler = async (req, res) => {
    const url = new URL(req.url ?? '/', this.options.publicUrl);
    const config = await this.config();
    const pending: PendingSignIn = {
      state: randomToken(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo: localPath(url.searchParams.get('returnTo')),
    };
    const authorization = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl,
      scope: 'openid profile email offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
    });
    redirect(res, authorization.href, [
      cookie(SIGN_IN_COOKIE, await this.sealer.seal(pending, SIGN_IN_TTL), {
        maxAge: SIGN_IN_TTL,
        secure: this.secure,
        path: '/auth/',
      }),
    ]);
  };

  /** GET /auth/callback: the code exchanged (PKCE, state checked), the session cookie set. */
  private callback: Handler = async (req, res) => {
    const pending = await this.sealer.open<PendingSignIn>(readCookies(req.headers.cookie).get(SIGN_IN_COOKIE));
    const spent = cookie(SIGN_IN_COOKIE, '', { maxAge: 0, secure: this.secure, path: '/auth/' });
    if (!pending)
      return json(
        res,
        400,
        { error: 'sign_in_expired', message: 'Die Anmeldung ist abgelaufen; bitte erneut anmelden.' },
        [spent],
      );
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(await this.config(), new URL(req.url ?? '/', this.options.publicUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
      });
    } catch (error) {
      const code = (error as { error?: string }).error ?? 'sign_in_failed';
      return json(res, 400, { error: code, message: 'Die Anmeldung ist fehlgeschlagen.' }, [spent]);
    }
    const { header } = await this.sessionCookie(tokens);
    redirect(res, `${this.options.publicUrl}${pending.returnTo}`, [spent, header]);
  };

  /** POST /auth/logout: the cookie cleared, then the provider's logout (RP-initiated), back to the start page. */
  private logout: Handler = async (req, res) => {
    if (req.method !== 'POST')
      return json(res, 405, {
        error: 'method_not_allowed',
        message: 'Abmelden geht per POST (ein Formular), damit kein Link abmelden kann.',
      });
    const session = await this.sealer.open<WebSession>(readCookies(req.headers.cookie).get(SESSION_COOKIE));
    // Signed out here in any case; the provider's end-session page only when it can be reached.
    const config = await this.config().catch(() => null);
    const end = config?.serverMetadata().end_session_endpoint
      ? oidc.buildEndSessionUrl(config, {
          post_logout_redirect_uri: `${this.options.publicUrl}/`,
          ...(session?.idToken ? { id_token_hint: session.idToken } : {}),
        }).href
      : `${this.options.publicUrl}/`;
    redirect(res, end, [this.clearSession()]);
  };

  /** GET /auth/session: whether this browser is signed in, for the web app (no token in it). */
  private session: Handler = async (req, res) => {
    const result = await this.authorize(req);
    if (!result.session) return json(res, 200, { signedIn: false }, result.cookies);
    return json(res, 200, { signedIn: true, expiresAt: result.session.expiresAt }, result.cookies);
  };

  /** The plain routes of the sign-in, for the edge. */
  get routes(): Record<string, Handler> {
    return {
      '/auth/login': this.login,
      '/auth/callback': this.callback,
      '/auth/logout': this.logout,
      '/auth/session': this.session,
    };
  }

  private async refresh(session: WebSession): Promise<WebSession | null> {
    const key = session.refreshToken!;
    let running = this.refreshing.get(key);
    if (!running) {
      // A provider that cannot be reached (discovery included) ends the sign-in like a refused refresh: signed out, not a 500.
      running = this.config()
        .then((config) => oidc.refreshTokenGrant(config, key))
        .then(async (tokens) => (await this.sessionCookie(tokens, session)).session)
        .catch(() => null)
        .finally(() => setTimeout(() => this.refreshing.delete(key), 10_000).unref());
      this.refreshing.set(key, running);
    }
    return running;
  }

  /**
   * The session of a request's cookie, refreshed when its access token nears its end, and
   * the cookies to send back (a refreshed session, or a cleared one when it ended).
   */
  async authorize(req: IncomingMessage): Promise<{ session: WebSession | null; cookies: string[] }> {
    const sealed = readCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = await this.sealer.open<WebSession>(sealed);
    if (!session) return { session: null, cookies: sealed ? [this.clearSession()] : [] };
    if (session.expiresAt - REFRESH_MARGIN > Date.now() / 1000) return { session, cookies: [] };
    const refreshed = session.refreshToken ? await this.refresh(session) : null;
    if (!refreshed) return { session: null, cookies: [this.clearSession()] };
    return {
      session: refreshed,
      cookies: [
        cookie(SESSION_COOKIE, await this.sealer.seal(refreshed, this.options.sessionTtl), {
          maxAge: this.options.sessionTtl,
          secure: this.secure,
        }),
      ],
    };
  }
}
