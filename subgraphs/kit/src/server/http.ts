import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { PayloadTooLargeError } from '../errors/errors.js';
import { logger as processLogger } from '../observability/logger.js';
import { loggablePath } from '../observability/request-context.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface RunningServer {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:4001 */
  url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Reads a request body of at most `limit` bytes. A larger Content-Length is refused before
 * reading, a longer chunked body as soon as it passes the limit; what the client still
 * sends is discarded unread, never buffered (answer with `connection: close` to end it).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(new PayloadTooLargeError(limit));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refuse();
      else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.once('error', reject);
    if (Number(req.headers['content-length']) > limit) return refuse();
    req.on('data', onData).once('end', onEnd);
  });
}

/** The handler for a path: an exact route, or the longest route ending in "/" that prefixes it. */
export function findRoute(routes: Record<string, Handler>, path: string): Handler | undefined {
  if (routes[path]) return routes[path];
  const prefix = Object.keys(routes)
    .filter((r) => r.endsWith('/') && path.startsWith(r))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? routes[prefix] : undefined;
}

export interface RouterOptions {
  /** Where failed requests are logged (default: the process's logger). */
  logger?: Logger;
}

/** Routes by path (see findRoute); unknown paths answer 404 and thrown errors 500, never a hung socket. */
export function router(routes: Record<string, Handler>, options: RouterOptions = {}): Handler {
  const log = options.logger ?? processLogger;
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const handler = findRoute(routes, path);
    try {
      if (handler) await handler(req, res);
      else sendJson(res, 404, { error: `No route for ${path}.` });
    } catch (error) {
      log.error({ err: error, method: req.method, path: loggablePath(path) }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Unexpected server error.' });
      else res.end();
    }
  };
}

/** What readiness asks of a subgraph runtime (see SubgraphRuntime). */
export interface ReadinessCheck {
  name: string;
  /** True when its database answers. */
  ready(): Promise<boolean>;
}

/** Health (process alive) and readiness (every subgraph's database answers) endpoints. */
export function healthRoutes(runtimes: readonly ReadinessCheck[]): Record<string, Handler> {
  return {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
      const checks = await Promise.all(runtimes.map(async (r) => [r.name, await r.ready()] as const));
      const ready = checks.every(([, ok]) => ok);
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'unavailable',
        subgraphs: Object.fromEntries(checks),
      });
    },
  };
}

/** Listens on host:port (port 0 picks a free one) and resolves once accepting. */
export async function listen(handler: Handler, host: string, port: number): Promise<RunningServer> {
  const server = createServer((req, res) => void handler(req, res));
  // Keep-alive sockets from the gateway would otherwise hold close() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
