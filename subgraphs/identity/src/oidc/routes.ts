import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Handler, Orm } from '@welcome-hub/kit';
import { acceptInvitation, authenticate, openInvitation, passwordProblem } from '../account/account.service.js';
import { createProvider, type ProviderSettings } from './provider.js';
import { loginForm, messagePage, PAGE_HEADERS, passwordForm } from './pages.js';

/** Largest form body read (a login or password form is far smaller). */
const MAX_FORM_BYTES = 16 * 1024;

class FormTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLarge();
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, PAGE_HEADERS);
  res.end(body);
}

/**
 * The login form of the provider's interactions. Wrong credentials answer 401 with the
 * form again, its error announced; the provider's interaction cookie binds the form to the
 * browser that started the sign-in, so it cannot be posted from elsewhere.
 */
async function interaction(provider: Provider, orm: Orm, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res).catch(() => undefined);
  if (!details) {
    return send(
      res,
      400,
      messagePage(
        'Anmeldung abgelaufen',
        'Diese Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Bitte beginnen Sie von vorn.',
      ),
    );
  }
  const action = `/oidc/interaction/${details.uid}`;
  const client = details.params.client_id === 'welcome-hub-web' ? undefined : String(details.params.client_id);
  if (details.prompt.name !== 'login') {
    // Consent is granted with the sign-in (provider.ts loadExistingGrant); any other prompt is not offered.
    return void (await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'This client needs a consent the hub does not ask for.',
    }));
  }
  if (req.method === 'GET') return send(res, 200, loginForm(action, { client }));
  if (req.method !== 'POST') return send(res, 405, messagePage('Nicht erlaubt', 'Diese Seite nimmt nur Formulare an.'));
  const form = await readForm(req);
  const email = form.get('email') ?? '';
  const account = await authenticate(orm, email, form.get('password') ?? '');
  if (!account)
    return send(
      res,
      401,
      loginForm(action, {
        email,
        client,
        error: 'E-Mail-Adresse oder Passwort ist falsch, oder das Konto ist deaktiviert.',
      }),
    );
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.id } },
    { mergeWithLastSubmission: false },
  );
}

/** The invitation link: set the first password, then sign in. */
async function invitation(
  orm: Orm,
  publicUrl: string,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const state = await openInvitation(orm, token);
  if ('problem' in state)
    return send(
      res,
      410,
      messagePage('Einladung nicht gültig', state.problem, { href: `${publicUrl}/`, text: 'Zur Startseite' }),
    );
  const action = `/oidc/invitation/${token}`;
  if (req.method === 'GET') return send(res, 200, passwordForm(action, { name: state.account.name }));
  if (req.method !== 'POST') return send(res, 405, messagePage('Nicht erlaubt', 'Diese Seite nimmt nur Formulare an.'));
  const form = await readForm(req);
  const password = form.get('password') ?? '';
  const problem = passwordProblem(password, form.get('repeat') ?? '');
  if (problem) return send(res, 400, passwordForm(action, { name: state.account.name, error: problem }));
  await acceptInvitation(orm, state, password);
  send(
    res,
    200,
    messagePage('Passwort gespeichert', 'Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.', {
      href: `${publicUrl}/auth/login`,
      text: 'Anmelden',
    }),
  );
}

export interface IdentityRoutes {
  /** Everything under /oidc/: the provider's endpoints, the login form, invitation links. */
  routes: Record<string, Handler>;
  /** The provider, made on first use (its keys are read from the database). */
  provider(): Promise<Provider>;
}

/**
 * Serves the hub's own OpenID provider under /oidc on the public port. The provider is
 * made when first asked for, so a hub whose sign-in nobody uses pays nothing for it.
 */
export function identityRoutes(orm: Orm, settings: ProviderSettings): IdentityRoutes {
  let made: Promise<{ provider: Provider; callback: Handler }> | undefined;
  const make = async () => {
    const provider = await createProvider(orm, settings);
    return { provider, callback: provider.callback() as Handler };
  };
  const ready = () => {
    // A failed start is forgotten, so the next request tries again.
    made ??= make().catch((error: unknown) => {
      made = undefined;
      return Promise.reject(error);
    });
    return made;
  };
  const handle: Handler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    try {
      const { provider: op, callback } = await ready();
      const invite = /^\/oidc\/invitation\/([A-Za-z0-9_-]{20,100})$/.exec(path);
      if (invite) return await invitation(orm, settings.publicUrl, invite[1], req, res);
      if (/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/.test(path)) return await interaction(op, orm, req, res);
      // Mounted at /oidc as Express would mount it: the path below the mount point in `url`,
      // the whole one in `originalUrl`, from which the provider learns its mount path.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = (req.url ?? '/').slice('/oidc'.length) || '/';
      await new Promise<void>((resolve, reject) => {
        res.once('finish', resolve);
        res.once('close', resolve);
        Promise.resolve(callback(req, res)).catch(reject);
      });
    } catch (error) {
      if (error instanceof FormTooLarge) return send(res, 413, messagePage('Zu groß', 'Das Formular ist zu groß.'));
      throw error;
    }
  };
  return { routes: { '/oidc/': handle }, provider: async () => (await ready()).provider };
}
