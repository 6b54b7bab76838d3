import * as oidc from 'openid-client';

/**
 * A browser as far as an OpenID Connect sign-in needs one: it keeps cookies by path,
 * follows redirects one at a time (so a test can stop at the relying party's callback),
 * and submits HTML forms. No JavaScript: the sign-in pages need none.
 */
export class FormBrowser {
  private readonly cookies = new Map<string, { value: string; path: string; origin: string }>();

  private cookieHeader(url: URL): string {
    return [...this.cookies]
      .filter(([, c]) => c.origin === url.origin && url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private keep(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path, origin: url.origin });
    }
  }

  /** One request, no redirect followed. */
  async request(
    url: string | URL,
    init: { method?: string; form?: Record<string, string>; json?: unknown } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const body = init.form
      ? new URLSearchParams(init.form).toString()
      : init.json !== undefined
        ? JSON.stringify(init.json)
        : undefined;
    const send = () =>
      fetch(target, {
        method: init.method ?? (body ? 'POST' : 'GET'),
        redirect: 'manual',
        headers: {
          ...(this.cookieHeader(target) ? { cookie: this.cookieHeader(target) } : {}),
          ...(body ? { 'content-type': init.form ? 'application/x-www-form-urlencoded' : 'application/json' } : {}),
        },
        body,
      });
    // As a browser does, once more on a fresh connection when a kept-alive one turns out
    // closed (a restarted server on the same port).
    const response = await send().catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'UND_ERR_SOCKET') return send();
      throw error;
    });
    this.keep(target, response);
    return response;
  }

  /**
   * Follows redirects from `url` until a response is no redirect, or the next location
   * starts with `stopAt` (returned unvisited: the relying party's callback).
   */
  async follow(
    url: string | URL,
    init: { method?: string; form?: Record<string, string> } = {},
    stopAt?: string,
  ): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    let response = await this.request(current, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error('Too many redirects');
      const next = new URL(response.headers.get('location')!, current);
      if (stopAt && next.href.startsWith(stopAt)) return { response, url: next };
      current = next;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

/** The fields of the first form in `html` (inputs with a value), and its action resolved against `base`. */
export function formIn(html: string, base: URL, id?: string): { action: URL; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
  const form = id ? forms.find((f) => f[1].includes(`id="${id}"`)) : forms[0];
  if (!form) throw new Error(`No form${id ? ` #${id}` : ''} in the page:\n${html.slice(0, 500)}`);
  const action = /action="([^"]*)"/.exec(form[1])?.[1] ?? base.href;
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input\b([^>]*)>/gi)) {
    const name = /name="([^"]*)"/.exec(input[1])?.[1];
    const value = /value="([^"]*)"/.exec(input[1])?.[1];
    if (name && value !== undefined) fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return { action: new URL(action.replace(/&amp;/g, '&'), base), fields };
}

/** The web app's view of an OpenID provider: openid-client configured by discovery (over plain HTTP in tests). */
export function relyingParty(
  issuer: string,
  clientId = 'welcome-hub-web',
  auth: oidc.ClientAuth = oidc.None(),
): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

/**
 * A sign-in with authorization code and PKCE, as the web app does it: the authorization
 * request, the provider's login form filled in by `login`, the code exchanged at the
 * callback. Returns the tokens.
 */
export async function signIn(
  browser: FormBrowser,
  config: oidc.Configuration,
  redirectUri: string,
  login: (page: string, url: URL) => Promise<{ action: URL; form: Record<string, string> }>,
  scope = 'openid profile email offline_access',
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorization = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  let step = await browser.follow(authorization, {}, redirectUri);
  // A provider may show more than one form (login, then consent): fill in each until the callback.
  for (let forms = 0; !step.url.href.startsWith(redirectUri); forms++) {
    if (forms > 3 || step.response.status !== 200) {
      throw new Error(
        `Sign-in stopped at ${step.url.href} (${step.response.status}): ${(await step.response.text())
          .replace(/<style[\s\S]*?<\/style>/g, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      );
    }
    const { action, form } = await login(await step.response.text(), step.url);
    step = await browser.follow(action, { form }, redirectUri);
  }
  return oidc.authorizationCodeGrant(config, step.url, { pkceCodeVerifier: verifier, expectedState: state });
}

/** Fills the hub's own login form with an e-mail address and password. */
export function hubLogin(credentials: { email: string; password: string }) {
  return async (page: string, url: URL) => {
    const { action } = formIn(page, url);
    return { action, form: { email: credentials.email, password: credentials.password } };
  };
}
