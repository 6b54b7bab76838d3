import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Handler } from '@welcome-hub/kit';

/** Plain HTTP routes a subgraph serves on the hub's public port, by path prefix. */
export const PUBLIC_ROUTES: Record<string, string> = { '/calendar/': 'events' };

/**
 * The distributed gateway forwards these routes to the owning subgraph's process, so the
 * calendar feeds are on the public port in both run modes.
 */
export function proxyRoutes(subgraphUrls: Record<string, string>): Record<string, Handler> {
  const routes: Record<string, Handler> = {};
  for (const [prefix, subgraph] of Object.entries(PUBLIC_ROUTES)) {
    const base = subgraphUrls[subgraph];
    if (!base) continue;
    routes[prefix] = async (req: IncomingMessage, res: ServerResponse) => {
      const target = new URL(req.url ?? '/', base);
      const upstream = await fetch(target, { method: req.method, headers: { accept: req.headers.accept ?? '*/*' } }).catch(() => null);
      if (!upstream) {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`The ${subgraph} subgraph is not reachable.`);
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'cache-control']) {
        const value = upstream.headers.get(name);
        if (value) headers[name] = value;
      }
      res.writeHead(upstream.status, headers);
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    };
  }
  return routes;
}


