import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Handler } from '@welcome-hub/kit';
import { webRoot } from '@welcome-hub/web';

export interface WebAppOptions {
  /** The built app (index.html, assets/); default: the web workspace's build. */
  root?: string;
  /** Origins a form may end up at besides the hub's own: the sign-out's redirect to an external provider. */
  formActionOrigins?: string[];
}

/**
 * The web app's files at `/` (sirv): fingerprinted assets cached for a year, index.html
 * revalidated every time, and index.html for every other path, so deep links and reloads
 * land in the app; the embeddable charts at /embed/, readable from any origin. A strict
 * Content-Security-Policy: scripts, styles and data only from the hub itself. Null when
 * the app has not been built (the API runs without it).
 */
export function webAppHandler(options: WebAppOptions = {}): Handler | null {
  const root = options.root ?? webRoot;
  if (!existsSync(join(root, 'index.html'))) return null;
  const formAction = ["'self'", ...(options.formActionOrigins ?? [])].join(' ');
  const policy = [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "style-src 'self'",
    "script-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');
  // brotli/gzip: the build's precompressed copies (web/scripts/compress.mjs), so no request compresses a file again.
  const serve = sirv(root, {
    single: true,
    etag: true,
    dotfiles: false,
    brotli: true,
    gzip: true,
    setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
  });
  // Assets alone, without the fallback: a missing one is a 404.
  const assets = sirv(root, {
    etag: true,
    dotfiles: false,
    brotli: true,
    gzip: true,
    setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=31536000, immutable'),
  });
  // The embeddable charts (web/embed/): revalidated like the page (the script carries the
  // trusted documents' ids), no fallback to the app's page, and open to other sites' pages.
  const embed = sirv(root, {
    etag: true,
    dotfiles: false,
    brotli: true,
    gzip: true,
    setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
  });
  return (req, res) =>
    new Promise<void>((resolve) => {
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      // On every answer, the fallback included: the policy, and no sniffing or referrers to other sites.
      res.setHeader('content-security-policy', policy);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'same-origin');
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      // A missing asset is a 404, never the app's page cached for a year under an asset's name.
      const notFound = () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
        res.end('Not found');
      };
      if (path.startsWith('/assets/')) assets(req, res, notFound);
      else if (path.startsWith('/embed/')) {
        // Another site's page loads the script, and fetches operations.json; a page under COEP may too.
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('cross-origin-resource-policy', 'cross-origin');
        embed(req, res, notFound);
      } else serve(req, res, notFound);
    });
}

/** Paths the app never answers: the API, the sign-in and the probes. */
const NOT_THE_APP = /^\/(graphql|oidc|auth|healthz|readyz|calendar|open-data)(\/|$)/;

/** True for a GET or HEAD that the web app answers (no route of the hub claims the path). */
export function isWebAppRequest(method: string | undefined, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !NOT_THE_APP.test(path);
}
