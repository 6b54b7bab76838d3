import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import { isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import {
  METRICS_PATH,
  loggablePath,
  UnauthenticatedError,
  findRoute,
  isAuthenticated,
  logger as processLogger,
  router,
  type Handler,
  type TokenVerifier,
} from '@welcome-hub/kit';
import { tooManyRequests, type RateLimiter } from './rate-limit.js';
import type { WebSignIn } from '../auth/web-sign-in.js';
import { isWebAppRequest } from '../web-app.js';

export interface EdgeOptions {
  /** The gateway runtime: everything no route claims. */
  gateway: Handler;
  /** Plain HTTP routes before the gateway (calendar feeds, readiness), keys as in `findRoute`. */
  routes: Record<string, Handler>;
  verifyToken: TokenVerifier;
  rateLimiter: RateLimiter;
  /** Largest request body read from a client. */
  maxBodyBytes: number;
  /** Reverse proxies in front whose X-Forwarded-For entries are trusted. */
  trustProxyHops: number;
  /** Browser origins allowed to call the API (['*'] any): the edge's own refusals carry CORS headers for them. */
  corsOrigins: string[];
  /** The web app's sign-in: a request with its session cookie and no Authorization header carries the session's access token. */
  webSignIn?: WebSignIn;
  /** The web app's files, for GET and HEAD of every path no route claims (index.html for deep links). */
  webApp?: Handler | null;
  /** Where failures are logged (default: the process's logger). */
  logger?: Logger;
}

/** The request as the gateway's plugins see it (`context.req`): who the edge counted it for. */
export interface EdgeRequest extends IncomingMessage {
  /** `sub:<token subject>` or `ip:<address>`: the key of the client's allowances. */
  edgeClient?: string;
  /** The rate-limit tier its token names (partner systems); unset: standard. */
  edgeTier?: string;
}

/** Never rate limited: orchestrators probe it, and it costs nothing. (/readyz asks every subgraph, so it is limited.) */
const LIVENESS = '/healthz';

/**
 * Prometheus scrapes it with its own bearer token (METRICS_TOKEN, checked by the route):
 * no JWT to verify, and a scrape must never be refused for an allowance.
 */
const SCRAPE = METRICS_PATH;

/**
 * The hub's own OpenID provider authenticates its callers itself: partner systems send
 * their client secret in a Basic Authorization header to its token endpoint, which is no
 * bearer token to verify here.
 */
const OWN_AUTHENTICATION = '/oidc/';

/** The allowance key of an address: IPv4 as it is, IPv6 by its /64 (one subscriber's usual share). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address: the socket's, or with `hops` trusted proxies the entry they
 * appended to X-Forwarded-For (the rightmost ones are theirs, anything left of it the client's claim).
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return addressKey(socket);
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return addressKey(forwarded[forwarded.length - hops] ?? forwarded[0] ?? socket);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.writeHead(response.status);
  res.end(await response.text());
}

const GRAPHQL_PATH = '/graphql';

/** A request's whole body (its size is capped above, by Content-Length); null if the client went away first. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  // Gone while the edge authenticated it: its 'close' has been and its 'end' will not come.
  if (req.destroyed) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve(null));
    req.once('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

/**
 * What the runtime's HTTP adapter (@whatwg-node/server) takes as an already read body: a
 * JSON object as parsed (its Request then has no body stream, and GraphQL Yoga's 25 MB body
 * limit, which pipes every POST body through a TransformStream, has nothing to wrap; the
 * edge's own cap is lower and checked above. Q3 repeated under load, the gateway's CPU per
 * request: 0.42-0.45 ms before, 0.33-0.39 ms with this),
 * anything else as the bytes received, which the runtime parses and refuses as it always
 * did. Only a non-empty JSON object takes the parsed path, the form the adapter hands to
 * Yoga's `request.json()` unchanged.
 */
function graphqlBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0 || !contentType?.includes('json')) return body;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length > 0)
      return parsed;
  } catch {
    // Malformed JSON: the runtime answers it as before.
  }
  return body;
}

/** Up to this size an oversized body is read before the 413 is sent; beyond it, not even that. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) return resolve();
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.once('error', () => resolve());
    req.resume();
  });
}

function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * The public port of both run modes: compression, the body cap, authentication (a bad
 * token ends the request with 401 and counts against the address's failure allowance),
 * the per-client rate limit (by the token's tier), then the plain routes or the gateway. Subgraphs verify the
 * forwarded token again; this only keeps bad callers from costing them anything.
 */
export function edgeHandler(options: EdgeOptions): Handler {
  const compress = compression({ threshold: 1024 });
  const log = options.logger ?? processLogger;
  const routes = router(options.routes, { logger: log });
  const anyOrigin = options.corsOrigins.includes('*');
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    const pass = async () => {
      if (findRoute(options.routes, path)) return routes(req, res);
      if (req.method === 'POST' && path === GRAPHQL_PATH) {
        const body = await readBody(req);
        if (body === null) return;
        (req as IncomingMessage & { body?: unknown }).body = graphqlBody(body, req.headers['content-type']);
      }
      return options.gateway(req, res);
    };
    // Preflights carry no credentials and run nothing: the gateway's CORS handling answers them.
    if (path === LIVENESS || path === SCRAPE || req.method === 'OPTIONS') return pass();
    // The web app's files are public and cost nothing: no authentication, no allowance spent.
    if (options.webApp && isWebAppRequest(req.method, path) && !findRoute(options.routes, path))
      return options.webApp(req, res);
    const address = clientAddress(req, options.trustProxyHops);
    // A browser on an allowed origin must be able to read the edge's own refusals (401, 429…);
    // reads are open to every origin (edge/cors.ts), so are their refusals.
    const origin = req.headers.origin;
    if (origin && (anyOrigin || options.corsOrigins.includes(origin) || req.method === 'GET')) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'retry-after');
      res.setHeader('vary', 'Origin');
    }

    const length = Number(req.headers['content-length'] ?? 0);
    if (length > options.maxBodyBytes) {
      // A body of a few megabytes is read and dropped first: answered while the client was
      // still sending it, the client saw its connection reset instead of the 413 (fuzz suite).
      if (length <= DRAIN_MAX_BYTES) await drain(req);
      return send(
        res,
        errorResponse(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${options.maxBodyBytes} bytes.`),
      );
    }
    if (req.method === 'POST' && req.headers['content-length'] === undefined) {
      return send(res, errorResponse(411, 'LENGTH_REQUIRED', 'A POST request needs a Content-Length header.'));
    }

    let client = `ip:${address}`;
    let tier: string | undefined;
    if (!req.headers.authorization && options.webSignIn && !path.startsWith('/auth/')) {
      const { session, cookies } = await options.webSignIn.authorize(req);
      if (cookies.length) res.setHeader('set-cookie', cookies);
      if (session) req.headers.authorization = `Bearer ${session.accessToken}`;
    }
    if (req.headers.authorization && !path.startsWith(OWN_AUTHENTICATION)) {
      const blocked = await options.rateLimiter.authBlocked(address);
      if (blocked !== null) return send(res, tooManyRequests(blocked, 'failed sign-ins'));
      try {
        const caller = await options.verifyToken(req.headers.authorization);
        if (isAuthenticated(caller)) {
          client = `sub:${caller.sub}`;
          tier = caller.tier;
        }
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        await options.rateLimiter.authFailed(address);
        return send(res, errorResponse(401, 'UNAUTHENTICATED', error.message, { 'www-authenticate': 'Bearer' }));
      }
    }
    (req as EdgeRequest).edgeClient = client;
    (req as EdgeRequest).edgeTier = tier;
    const wait = await options.rateLimiter.take(client, tier);
    if (wait !== null) return send(res, tooManyRequests(wait));

    return pass();
  };
  return (req, res) =>
    new Promise<void>((resolve) => {
      compress(req as never, res as never, () => {
        handle(req, res).then(resolve, (error: unknown) => {
          const path = new URL(req.url ?? '/', 'http://hub').pathname;
          log.error({ err: error, method: req.method, path: loggablePath(path) }, 'Edge handler failed');
          if (!res.headersSent) void send(res, errorResponse(500, 'INTERNAL_SERVER_ERROR', 'Unexpected server error.'));
          else res.end();
          resolve();
        });
      });
    });
}
