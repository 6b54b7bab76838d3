import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Handler } from '@welcome-hub/kit';
import { openDataPublicRoutes } from './open-data.js';
import type { PublicRoute } from './public-route.js';

export type { PublicRoute } from './public-route.js';

/**
 * Plain HTTP routes a subgraph serves on the hub's public port, by path prefix or exact
 * path: the calendar feeds, the open-data files, and the hub's own OpenID provider, whose
 * login form, redirects and cookies only work when it sees the browser's request as the
 * browser made it.
 */
export const PUBLIC_ROUTES: Record<string, PublicRoute> = {
  '/calendar/': {
    subgraph: 'events',
    methods: 'read',
    requestHeaders: ['accept'],
    responseHeaders: ['content-type', 'cache-control'],
    forwarded: false,
  },
  '/oidc/': {
    subgraph: 'identity',
    methods: 'any',
    requestHeaders: [
      'cookie',
      'content-type',
      'content-length',
      'accept',
      'accept-language',
      'authorization',
      'origin',
      'referer',
      'user-agent',
    ],
    responseHeaders: [
      'location',
      'set-cookie',
      'content-type',
      'cache-control',
      'pragma',
      'vary',
      'www-authenticate',
      'content-security-policy',
      'x-frame-options',
      'referrer-policy',
      'access-control-*',
    ],
    forwarded: true,
  },
  ...openDataPublicRoutes(),
};

export interface ProxyOptions {
  /** Reverse proxies in front of the gateway whose X-Forwarded-* headers are believed (TRUST_PROXY_HOPS). */
  trustProxyHops?: number;
}

/** The entry a header's trusted proxies wrote: with `hops` of them, the one `hops` from the right, as in `clientAddress`. */
function trustedEntry(value: string | string[] | undefined, hops: number): string | undefined {
  const entries = String(value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)];
}

/**
 * X-Forwarded-* as the public request was: the gateway listens on plain HTTP, so only
 * trusted proxies in front (a TLS-terminating Ingress) can say the browser used https or
 * another host. The client's own claims are dropped, so the subgraph behind may trust these.
 */
export function forwardedHeaders(req: IncomingMessage, hops: number): Record<string, string> {
  const trusted = hops > 0;
  const socket = req.socket.remoteAddress ?? 'unknown';
  const chain = trusted
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
        .slice(-hops)
    : [];
  const encrypted = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
  return {
    'x-forwarded-proto':
      (trusted && trustedEntry(req.headers['x-forwarded-proto'], hops)) || (encrypted ? 'https' : 'http'),
    'x-forwarded-host': (trusted && trustedEntry(req.headers['x-forwarded-host'], hops)) || (req.headers.host ?? ''),
    'x-forwarded-for': [...chain, socket].join(', '),
  };
}

function requestHeaders(req: IncomingMessage, route: PublicRoute, hops: number): Headers {
  const headers = new Headers();
  for (const name of route.requestHeaders) {
    const value = req.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (route.methods === 'read' && !headers.has('accept')) headers.set('accept', '*/*');
  if (route.forwarded)
    for (const [name, value] of Object.entries(forwardedHeaders(req, hops))) headers.set(name, value);
  return headers;
}

/** The upstream's response headers the route passes back; Set-Cookie stays one header per cookie. */
function responseHeaders(upstream: Response, route: PublicRoute): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const wanted = (name: string) =>
    route.responseHeaders.some((w) => (w.endsWith('*') ? name.startsWith(w.slice(0, -1)) : name === w));
  for (const [name, value] of upstream.headers) {
    if (name !== 'set-cookie' && wanted(name)) headers[name] = value;
  }
  const cookies = upstream.headers.getSetCookie();
  if (cookies.length > 0 && wanted('set-cookie')) headers['set-cookie'] = cookies;
  return headers;
}

/** Forwards one request to `base` (the subgraph's origin); redirects go back to the client unfollowed. */
async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  route: PublicRoute,
  base: string,
  hops: number,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (route.methods === 'read' && method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Only GET and HEAD are allowed here.');
    return;
  }
  // The upstream request dies with the client's: a closed browser tab costs the subgraph nothing more.
  const aborted = new AbortController();
  res.once('close', () => aborted.abort());
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const upstream = await fetch(new URL(req.url ?? '/', base), {
    method,
    headers: requestHeaders(req, route, hops),
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: hasBody ? 'half' : undefined,
    redirect: 'manual',
    signal: aborted.signal,
  } as RequestInit).catch(() => null);
  if (!upstream) {
    if (res.headersSent || aborted.signal.aborted) return void res.end();
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The ${route.subgraph} subgraph is not reachable.`);
    return;
  }
  res.writeHead(upstream.status, responseHeaders(upstream, route));
  if (upstream.body && method !== 'HEAD')
    Readable.fromWeb(upstream.body as never)
      .on('error', () => res.destroy())
      .pipe(res);
  else {
    await upstream.body?.cancel();
    res.end();
  }
}

/**
 * The distributed gateway forwards these routes to the owning subgraph's process, so the
 * calendar feeds and the sign-in are on the public port in both run modes.
 */
export function proxyRoutes(subgraphUrls: Record<string, string>, options: ProxyOptions = {}): Record<string, Handler> {
  const routes: Record<string, Handler> = {};
  for (const [prefix, route] of Object.entries(PUBLIC_ROUTES)) {
    const base = subgraphUrls[route.subgraph];
    if (!base) continue;
    routes[prefix] = (req, res) => forward(req, res, route, base, options.trustProxyHops ?? 0);
  }
  return routes;
}
