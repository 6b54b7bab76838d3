import { createHash } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * HTTP caching of reads: an anonymous GET query that answered without errors is public
 * for `maxAgeSeconds` and carries a strong ETag over its body; a matching If-None-Match
 * gets 304 with no body. Everything a token may have shaped, and every POST, is
 * `private, no-store`, so no shared cache keeps a signed-in caller's answer.
 */
export function httpCachingPlugin(maxAgeSeconds: number): GatewayPlugin {
  return {
    async onResponse({ request, response, setResponse }) {
      if (!new URL(request.url).pathname.endsWith('/graphql')) return;
      const cacheable = request.method === 'GET' && !request.headers.has('authorization') && response.status === 200;
      if (!cacheable || !(response.headers.get('content-type') ?? '').includes('json')) {
        // The runtime's own responses have headers of their own to change: a copy of the
        // response would turn its body into a stream (Q3 repeated under load: 4 % of the
        // gateway's CPU). A response with immutable headers is copied.
        if (!response.headers.has('cache-control')) {
          try {
            response.headers.set('cache-control', 'private, no-store');
          } catch {
            const headers = new Headers(response.headers);
            headers.set('cache-control', 'private, no-store');
            setResponse(
              new Response(response.body, { status: response.status, statusText: response.statusText, headers }),
            );
          }
        }
        return;
      }
      const headers = new Headers(response.headers);
      const body = await response.text();
      const cache = body.includes('"errors"') ? 'no-store' : `public, max-age=${maxAgeSeconds}`;
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      headers.set('cache-control', cache);
      headers.set('etag', etag);
      // The web app signs in by cookie (the edge turns it into the Authorization header): a
      // shared cache must not serve a signed-out answer to a browser with a session cookie.
      headers.append('vary', 'authorization, cookie');
      const match = (request.headers.get('if-none-match') ?? '')
        .split(',')
        .some((t) => t.trim().replace(/^W\//, '') === etag);
      if (match && cache !== 'no-store') {
        headers.delete('content-length');
        setResponse(new Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new Response(body, { status: 200, headers }));
    },
  } as GatewayPlugin;
}
