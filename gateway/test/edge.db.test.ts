import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { DEFAULT_PAGE_SIZE } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { DEFAULT_PAGE_SIZE as ESTIMATED_PAGE_SIZE } from '../src/edge/limits.js';
import { startTestHub, type TestHub } from './hub.js';

// The public edge as an attacker meets it: every limit refuses with its own code before
// any subgraph is asked, and production closes introspection, suggestions and GraphiQL.
let hub: TestHub;
let url: string;
const subgraphCalls: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({
    env: { RATE_LIMIT_POINTS: '100000', LIMIT_BODY_BYTES: '20000' },
    onQuery: (sql) => {
      if (!sql.includes('search_outbox')) subgraphCalls.push(sql);
    },
  });
  url = `${hub.hub.url}/graphql`;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/** Runs `query` and returns the first error's extensions, asserting that no SQL ran for it. */
async function refused(query: string, variables?: Record<string, unknown>, status = 400) {
  subgraphCalls.length = 0;
  const result = await hub.gql(query, { variables });
  expect(result.data ?? null).toBeNull();
  expect(result.status).toBe(status);
  expect(subgraphCalls).toEqual([]);
  return result.errors?.[0]?.extensions as { code: string; limit?: { measured: number; allowed: number } };
}

describe('operation limits', () => {
  it("estimates a connection without first at the subgraphs' own default page size", () => {
    expect(ESTIMATED_PAGE_SIZE).toBe(DEFAULT_PAGE_SIZE);
  });

  it('refuses the four-level fan-out by its estimated cost, naming measured and allowed', async () => {
    const ext = await refused(
      `{ districts { municipalities { name district { municipalities { name district { municipalities { name district { municipalities { name population } } } } } } } } }`,
    );
    expect(ext.code).toBe('COST_LIMIT_EXCEEDED');
    expect(ext.limit!.measured).toBeGreaterThan(ext.limit!.allowed);
    expect(ext.limit!.allowed).toBe(20000);
  });

  it('multiplies by first when it comes from a variable', async () => {
    const query = `query($n: Int) { municipalities(first: $n) { edges { node { district { name } cooperations { name } } } } }`;
    const small = await hub.gql(query, { variables: { n: 5 } });
    expect(small.errors).toBeUndefined();
    const deep = `query($n: Int) { a: municipalities(first: $n) { edges { node { cooperations { members { municipality { name } } } } } } }`;
    expect((await hub.gql(deep, { variables: { n: 2 } })).errors).toBeUndefined();
    // The same document again, now with a large page: validation is cached, the cost is not.
    const ext = await refused(deep, { n: 200 });
    expect(ext).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      limit: { measured: 200 * (1 + 1 + 1 + 20 * (1 + 20 * (1 + 1))), allowed: 20000 },
    });
  });

  it('fails closed when the cost cannot be estimated (an argument that does not coerce)', async () => {
    const fanOut =
      'districts { municipalities { name district { municipalities { name district { municipalities { name district { municipalities { name } } } } } } } }';
    const ext = await refused(`query($s: String = "x") { practice(slug: $s) { title } d: ${fanOut} }`, { s: null });
    expect(ext.code).toBe('BAD_USER_INPUT');
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    const ext = await refused(`{ ${aliases} }`);
    expect(ext).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', limit: { measured: 31, allowed: 30 } });
  });

  it('refuses depth beyond the limit, also through fragments', async () => {
    const ext = await refused(
      `{ cooperation(slug: "x") { members { municipality { cooperations { members { municipality { cooperations { members { municipality { district { name } } } } } } } } } } }`,
    );
    expect(ext.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(ext.limit!.measured).toBe(11);
    const fragments = await refused(`
      fragment M on Municipality { cooperations { members { municipality { ...N } } } }
      fragment N on Municipality { cooperations { members { municipality { ...O } } } }
      fragment O on Municipality { cooperations { members { municipality { name } } } }
      { municipality(ags: "05970040") { ...M } }`);
    expect(fragments).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: { measured: 11, allowed: 10 } });
  });

  it('refuses too many directives and too many tokens', async () => {
    const directives = Array.from({ length: 21 }, () => '@include(if: true)').join(' ');
    expect((await refused(`{ __typename ${directives} }`)).code).toBe('DIRECTIVE_LIMIT_EXCEEDED');
    const tokens = `{ ${Array.from({ length: 3100 }, () => 'a').join(' ')} }`;
    // Counted while parsing, where Yoga answers errors with HTTP 200.
    const ext = await refused(tokens, undefined, 200);
    expect(ext).toMatchObject({ code: 'TOKEN_LIMIT_EXCEEDED', limit: { allowed: 3000 } });
  });

  it('lets the README queries through', async () => {
    const result = await hub.gql(
      `{ a: municipalities(filter: { near: { lat: 51.0289, lon: 7.8514, radiusKm: 15 } }) { edges { node { name } } } b: municipalities(filter: { district: "05966" }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    const all = await hub.gql(
      `{ municipalities(first: 200) { totalCount edges { node { name district { name } cooperations { name } } } } }`,
    );
    expect(all.errors).toBeUndefined();
    expect(all.data!.municipalities.totalCount).toBe(112);
  });
});

describe('response names the gateway cannot build', () => {
  // Hive Router's runtime builds answers in plain objects: an alias `__proto__` wrote the
  // name's characters onto Object.prototype of the hub's process (this one), and every
  // later request failed.
  it.each([
    ['__proto__', '{ municipality(ags: "05970040") { __proto__: name } }'],
    ['constructor', '{ constructor: municipality(ags: "05970040") { name } }'],
    ['toString', '{ municipality(ags: "05970040") { toString: population } }'],
    // On a municipality that another subgraph's entity answer is merged into.
    ['prototype', '{ practices(first: 2) { edges { node { municipality { prototype: name } } } } }'],
  ])('refuses %s before any subgraph is asked, and the next request is answered', async (name, query) => {
    subgraphCalls.length = 0;
    const result = await hub.gql(query);
    expect(subgraphCalls).toEqual([]);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`"${name}" cannot name a field of the answer`),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(Object.keys(Object.prototype)).toEqual([]);
    const next = await hub.gql('{ municipality(ags: "05970040") { name } }');
    expect(next.data).toEqual({ municipality: { name: 'Siegen' } });
  });

  it('still answers those names as values and ordinary aliases', async () => {
    const result = await hub.gql('{ municipality(ags: "05970040") { proto: name constructorName: name } }');
    expect(result.data).toEqual({ municipality: { proto: 'Siegen', constructorName: 'Siegen' } });
  });
});

describe('CSRF prevention', () => {
  it('refuses a form-encoded POST without running it', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(response.status).toBe(415);
    expect((await response.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const plain = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{__typename}"}',
    });
    expect(plain.status).toBe(415);
    // A JSON-looking type the server does not parse is refused with a code, not a bare 415.
    const other = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/graphql-response+json' },
      body: '{"query":"{__typename}"}',
    });
    expect(other.status).toBe(415);
    expect((await other.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a browser-simple GET and accepts one with a preflight header', async () => {
    const simple = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(403);
    expect((await simple.json()).errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const preflighted = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-csrf': '1' },
    });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('allows any origin outside production (CORS_ORIGINS unset)', async () => {
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.siegen.de',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-graphql-csrf',
      },
    });
    // Yoga answers "*" by echoing the caller's origin.
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.siegen.de');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-graphql-csrf/);
  });

  it("lets a browser on an allowed origin read the edge's own refusals", async () => {
    const refused = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://www.siegen.de',
        authorization: 'Bearer expired-or-forged',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://www.siegen.de');
  });

  it('never runs a mutation over GET', async () => {
    const response = await fetch(
      `${url}?query=${encodeURIComponent('mutation { withdrawParticipation(input: { id: "x" }) { id } }')}`,
      {
        headers: { 'x-graphql-csrf': '1' },
      },
    );
    expect(response.status).toBe(405);
  });
});

describe('HTTP caching and compression', () => {
  const query = `${'?query='}${encodeURIComponent('{ municipality(ags: "05970040") { name } }')}`;

  it('gives anonymous GET queries Cache-Control and an ETag, and 304 for a matching If-None-Match', async () => {
    const first = await fetch(url + query, { headers: { 'x-graphql-csrf': '1' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    // A shared cache keys it by the credentials, the web app's session cookie included.
    expect(first.headers.get('vary')?.toLowerCase()).toEqual(expect.stringContaining('cookie'));
    expect(first.headers.get('vary')?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(url + query, { headers: { 'x-graphql-csrf': '1', 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(url + query, { headers: { 'x-graphql-csrf': '1', 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('marks signed-in reads and POSTs private, no-store', async () => {
    const token = await devToken({ sub: 'edge-test', role: 'editor', ags: ['05970040'] });
    const signedIn = await fetch(url + query, { headers: { 'x-graphql-csrf': '1', authorization: `Bearer ${token}` } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect(signedIn.headers.get('etag')).toBeNull();
    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('cache-control')).toBe('private, no-store');
  });

  it('compresses large answers for clients that accept gzip', async () => {
    const body = await new Promise<{ encoding?: string; data: Buffer }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], data: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ municipalities(first: 100) { edges { node { ags name } } } }' }));
    });
    expect(body.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(body.data).toString('utf8')).data.municipalities.edges).toHaveLength(100);
  });
});

describe('bodies', () => {
  it('refuses a body over the cap with 413 and a POST without length with 411', async () => {
    const big = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { x: 'x'.repeat(30_000) } }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"query":');
      req.end('"{ __typename }"}');
    });
    expect(chunked).toBe(411);
  });

  // The edge reads a GraphQL POST's body itself and hands the runtime the parsed object
  // (edge/handler.ts): a body in pieces is read whole, and what is not a JSON object is
  // left to the runtime, which refuses it as before.
  it('reads a JSON body sent in pieces, and refuses malformed, empty, non-object or non-JSON bodies as before', async () => {
    const body = JSON.stringify({ query: '{ municipality(ags: "05970040") { name } }' });
    const inPieces = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 50);
    });
    expect(inPieces).toEqual({ status: 200, text: '{"data":{"municipality":{"name":"Siegen"}}}' });

    const send = async (text: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      const { errors } = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      return { status: response.status, message: errors[0]?.message, code: errors[0]?.extensions.code };
    };
    expect(await send('{"query": ')).toEqual({
      status: 400,
      message: 'POST body sent invalid JSON.',
      code: 'BAD_REQUEST',
    });
    expect(await send('"{ __typename }"')).toEqual({
      status: 400,
      message: 'POST body is expected to be object but received string',
      code: 'BAD_REQUEST',
    });
    expect(await send('[{"query": "{ __typename }"}]')).toEqual({
      status: 400,
      message: 'Batching is not supported.',
      code: 'BAD_REQUEST',
    });
    expect(await send('{}')).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(await send('')).toEqual({ status: 400, message: 'POST body sent invalid JSON.', code: 'BAD_REQUEST' });
    const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(plain.status).toBe(415);
    expect((await plain.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
