import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, router, type RunningServer } from '@welcome-hub/kit';
import { proxyRoutes } from '../src/public-routes.js';

// The distributed gateway's reverse proxy to the identity process, against a stand-in
// upstream that answers with what it received: the provider's sign-in needs the browser's
// request passed on (method, body, cookies) and its answer passed back (redirects
// unfollowed, every cookie), described by X-Forwarded-* that a client cannot forge.

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let upstream: RunningServer;
let direct: RunningServer;
let behindProxy: RunningServer;

async function echo(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const seen: Seen = {
    method: req.method!,
    url: req.url!,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
  if (req.url!.startsWith('/oidc/auth')) {
    res.writeHead(303, {
      location: '/oidc/interaction/abc',
      'set-cookie': [
        '_interaction=1; path=/oidc/interaction/abc; httponly',
        '_interaction.sig=2; path=/oidc/interaction/abc; httponly',
      ],
    });
    return void res.end();
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'access-control-allow-origin': 'https://app.example',
    'x-internal': 'not for the public',
  });
  res.end(JSON.stringify(seen));
}

beforeAll(async () => {
  upstream = await listen(echo, '127.0.0.1', 0);
  const urls = { identity: `${upstream.url}/graphql`, events: `${upstream.url}/graphql` };
  direct = await listen(router(proxyRoutes(urls)), '127.0.0.1', 0);
  behindProxy = await listen(router(proxyRoutes(urls, { trustProxyHops: 1 })), '127.0.0.1', 0);
});

afterAll(async () => {
  await direct?.close();
  await behindProxy?.close();
  await upstream?.close();
});

const seen = async (response: Response) => (await response.json()) as Seen;

describe('the gateway proxy of /oidc/', () => {
  it('passes a form post on with its body, cookies and headers, and X-Forwarded-* of the public request', async () => {
    const response = await fetch(`${direct.url}/oidc/interaction/abc?x=1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: '_interaction=1; _interaction.sig=2',
        'accept-language': 'de',
        authorization: 'Basic cGFydG5lcjpzZWNyZXQ=',
        'x-internal': 'a client header the provider does not need',
        // A client's own claims: nobody trusted is in front, so they are replaced.
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '203.0.113.9',
      },
      body: 'email=a%40b.de&password=geheim',
    });
    expect(response.status).toBe(200);
    const request = await seen(response);
    expect(request).toMatchObject({
      method: 'POST',
      url: '/oidc/interaction/abc?x=1',
      body: 'email=a%40b.de&password=geheim',
    });
    expect(request.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '30',
      cookie: '_interaction=1; _interaction.sig=2',
      'accept-language': 'de',
      authorization: 'Basic cGFydG5lcjpzZWNyZXQ=',
      'x-forwarded-host': new URL(direct.url).host,
      'x-forwarded-proto': 'http',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(request.headers['x-internal']).toBeUndefined();
    // The headers the provider's pages need come back; internal ones do not.
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('x-internal')).toBeNull();
  });

  it('believes the X-Forwarded-* of as many proxies as it trusts', async () => {
    const response = await fetch(`${behindProxy.url}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-host': 'hub.example',
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '198.51.100.1, 203.0.113.9',
      },
      body: 'grant_type=client_credentials',
    });
    expect((await seen(response)).headers).toMatchObject({
      'x-forwarded-host': 'hub.example',
      'x-forwarded-proto': 'https',
      // The entry the trusted proxy appended, then the proxy itself; the client's own claim is dropped.
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
    });
  });

  it('hands redirects back unfollowed, with every cookie as a header of its own', async () => {
    const response = await fetch(`${direct.url}/oidc/auth?client_id=web`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/oidc/interaction/abc');
    expect(response.headers.getSetCookie()).toEqual([
      '_interaction=1; path=/oidc/interaction/abc; httponly',
      '_interaction.sig=2; path=/oidc/interaction/abc; httponly',
    ]);
  });

  it('answers 502 when the identity process is not reachable', async () => {
    const closed = await listen(router(proxyRoutes({ identity: 'http://127.0.0.1:1/graphql' })), '127.0.0.1', 0);
    try {
      const response = await fetch(`${closed.url}/oidc/.well-known/openid-configuration`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain('identity');
    } finally {
      await closed.close();
    }
  });
});

describe('the gateway proxy of /calendar/', () => {
  it('forwards GET with Accept only, and refuses other methods', async () => {
    const response = await fetch(`${direct.url}/calendar/municipalities/05913000.ics`, {
      headers: { accept: 'text/calendar', cookie: 'a=1' },
    });
    const request = await seen(response);
    expect(request.method).toBe('GET');
    expect(request.headers.accept).toBe('text/calendar');
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['x-forwarded-for']).toBeUndefined();
    expect(response.headers.get('x-frame-options')).toBeNull();
    const post = await fetch(`${direct.url}/calendar/municipalities/05913000.ics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
