import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import {
  gatewaySignedBody,
  startTestSubgraph,
  columnLengthMismatches,
  type SubgraphUnderTest,
} from '../src/testing/index.js';
import { TextTooLongError } from '../src/index.js';
import { NoteEntity, notesSubgraph } from './notes-subgraph.js';

const SECRET = 'a-test-gateway-secret-of-at-least-32-characters';
const LIMIT = 64 * 1024;
const ADD = `mutation($input: NoteInput!) { addNote(input: $input) { title } }`;

let guarded: SubgraphUnderTest;
let open: SubgraphUnderTest;

beforeAll(async () => {
  guarded = await startTestSubgraph(notesSubgraph, { gatewaySecret: SECRET, bodyLimit: LIMIT });
  open = await startTestSubgraph(notesSubgraph, { introspection: false });
});
afterAll(async () => {
  await guarded?.close();
  await open?.close();
});

interface Answer {
  status: number;
  body: { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** Body bytes the client had written when the answer arrived. */
  sent: number;
}

/**
 * POSTs `total` bytes of JSON whitespace in 64 KiB chunks, waiting for the socket to take
 * each, and stops as soon as the server answers. `declare` sends a Content-Length instead
 * of chunked encoding, yet still only `total` bytes.
 */
function postBody(url: string, total: number, declare?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (declare !== undefined) headers['content-length'] = declare;
    const req = request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: JSON.parse(text), sent: sentWhenAnswered });
        req.destroy();
      });
    });
    // The server closes the connection on a refused body: writing on fails, which is expected.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered && declare === undefined) req.end();
    };
    pump();
  });
}

/** POSTs a JSON body to the subgraph as-is (no signature unless the body carries one). */
async function post(hub: SubgraphUnderTest, body: unknown): Promise<Answer> {
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'], sent: 0 };
}

describe('request body limit', () => {
  it('refuses a Content-Length over the limit with 413 before reading the body', async () => {
    // Only 128 KiB of the declared 10 MB are ever sent: an answer proves nothing waited for the rest.
    const answer = await postBody(`${guarded.url}/graphql`, 2 * LIMIT, 10_000_000);
    expect(answer.status).toBe(413);
    expect(answer.body.errors).toEqual([
      { message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE', limit: LIMIT } },
    ]);
  });

  it('stops reading a streamed 50 MB body once it passes the limit', async () => {
    const answer = await postBody(`${guarded.url}/graphql`, 50 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: LIMIT });
    // Socket buffers hold a few MB at most; reading it all would mean all 50 MB were sent.
    expect(answer.sent).toBeLessThan(20 * 1024 * 1024);
    // The server is still there for the next caller.
    expect((await guarded.gql(`{ noteCount }`)).data).toEqual({ noteCount: 0 });
  });
});

describe('gateway signature', () => {
  it('refuses unsigned, wrongly signed and altered requests with 403 before anything runs', async () => {
    for (const query of [`{ _service { sdl } }`, `{ __schema { queryType { name } } }`]) {
      const answer = await post(guarded, { query });
      expect(answer.status).toBe(403);
      expect(answer.body.errors?.[0].extensions).toEqual({ code: 'GATEWAY_SIGNATURE_REQUIRED' });
    }
    const wrongSecret = gatewaySignedBody('another-secret-of-at-least-32-characters', `{ _service { sdl } }`);
    expect((await post(guarded, wrongSecret)).status).toBe(403);
    const signed = gatewaySignedBody(SECRET, ADD, { input: { title: 'Signed', tags: [] } });
    const altered = { ...signed, variables: { input: { title: 'Altered', tags: [] } } };
    expect((await post(guarded, altered)).status).toBe(403);
    expect(await guarded.count('note')).toBe(0);
  });

  it('refuses unsigned GET requests too', async () => {
    const response = await fetch(`${guarded.url}/graphql?query=${encodeURIComponent('{ noteCount }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(403);
  });

  it('serves requests signed as Hive Gateway signs them, GET included', async () => {
    const sdl = await post(guarded, gatewaySignedBody(SECRET, `{ _service { sdl } }`));
    expect(sdl.status).toBe(200);
    expect(sdl.body.data?._service.sdl).toContain('addNote');
    const introspection = await post(guarded, gatewaySignedBody(SECRET, `{ __schema { queryType { name } } }`));
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const { query, extensions } = gatewaySignedBody(SECRET, `{ noteCount }`);
    const search = new URLSearchParams({ query, extensions: JSON.stringify(extensions) });
    const get = await fetch(`${guarded.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { noteCount: 0 } });
  });

  it('verifies nothing without a secret, and can turn introspection off', async () => {
    expect((await open.gql(`{ noteCount }`)).data).toEqual({ noteCount: 0 });
    const { errors } = await open.gql(`{ __schema { queryType { name } } }`);
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('text PostgreSQL cannot store', () => {
  it('refuses a lone surrogate in JSON text, named after the argument whatever the variable is called', async () => {
    const { errors } = await open.gql(`mutation($x: NoteInput!) { addNote(input: $x) { title } }`, {
      variables: { x: { title: 'Tagged', tags: ['ok', 'bad \ud800'] } },
    });
    expect(errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.tags[1]', message: expect.stringContaining('surrogate') }],
    });
    const trailing = await open.gql(ADD, { variables: { input: { title: 'Tagged', tags: ['\udc00 x'] } } });
    expect(trailing.status).toBe(400);
    expect(trailing.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.tags[0]', message: expect.stringContaining('surrogate') },
    ]);
    expect(await open.count('note')).toBe(0);
  });

  it('refuses NUL in literals and variables, and accepts paired surrogates (emoji)', async () => {
    const literal = await open.gql(`mutation { addNote(input: { title: "a\\u0000b", tags: [] }) { title } }`);
    expect(literal.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.title', message: expect.stringContaining('NUL') },
    ]);
    const emoji = await open.gql(ADD, { variables: { input: { title: '😀', tags: ['👍'] } } });
    expect(emoji.errors).toBeUndefined();
  });
});

describe('column lengths', () => {
  it('refuses text longer than its varchar column, naming the argument, and writes nothing', async () => {
    const before = await open.count('note');
    const { errors } = await open.gql(ADD, { variables: { input: { title: '  elevenchars  ', tags: [] } } });
    expect(errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.title', message: 'must have at most 10 characters' }],
    });
    expect(errors?.[0].message).toContain('input.title');
    expect(await open.count('note')).toBe(before);
  });

  it('counts characters as PostgreSQL does: ten emoji fit varchar(10)', async () => {
    const { data, errors } = await open.gql(ADD, { variables: { input: { title: '😀'.repeat(10), tags: [] } } });
    expect(errors).toBeUndefined();
    expect(data!.addNote.title).toBe('😀'.repeat(10));
  });

  it('applies to every flush, named by property outside GraphQL', async () => {
    const em = open.runtime.orm.em.fork();
    em.create(NoteEntity, { id: crypto.randomUUID(), title: 'x'.repeat(11), tags: [] });
    const flushed = em.flush();
    await expect(flushed).rejects.toBeInstanceOf(TextTooLongError);
    await expect(flushed).rejects.toMatchObject({
      fields: [{ field: 'title', message: 'must have at most 10 characters' }],
    });
  });

  it('finds varchar columns whose entity declares no length', async () => {
    expect(await columnLengthMismatches(open.runtime.orm, 'notes')).toEqual([
      'notes.loose.name: column 20, entity none',
    ]);
  });
});
