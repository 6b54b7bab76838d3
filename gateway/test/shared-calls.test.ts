import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperationTypeNode, parse } from 'graphql';
import { sharedSubgraphCallsPlugin } from '../src/edge/shared-calls.js';

// Identical subgraph reads in flight at once are sent once, over real HTTP to a stand-in
// subgraph that holds its answers until the test releases them: who shares (same body and
// identity, whatever the request id and trace context), who does not (another identity, a
// mutation, a call after the first has finished), and that one caller leaving does not
// abort the call the others wait for, while the last one leaving does.

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
type Plugin = { onFetch: (payload: unknown) => void; onExecute: (payload: unknown) => void };

interface Held {
  request: IncomingMessage;
  response: ServerResponse;
  body: string;
  /** True when the gateway side closed the connection before the answer. */
  aborted: boolean;
}

let server: Server;
let url: string;
const held: Held[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const entry: Held = { request, response, body, aborted: false };
      response.on('close', () => {
        if (!response.writableEnded) entry.aborted = true;
      });
      held.push(entry);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  held.length = 0;
});

function answer(entry: Held, status = 200, data: unknown = { municipality: { name: 'Siegen' } }): void {
  entry.response.writeHead(status, { 'content-type': 'application/json' });
  entry.response.end(JSON.stringify({ data }));
}

/** As the runtime calls onFetch hooks: once per subgraph call, then the fetch they leave. */
function through(plugin: Plugin, operationType: OperationTypeNode = OperationTypeNode.QUERY, context = {}): Fetch {
  let fetchFn: Fetch = (u, init) => fetch(u, init);
  plugin.onFetch({
    executionRequest: { operationType },
    context,
    fetchFn,
    setFetchFn: (next: Fetch) => (fetchFn = next),
  });
  return fetchFn;
}

const BODY = JSON.stringify({ query: '{ municipality(ags: "05970040") { name } }' });

function init(requestId: string, extra: Record<string, string> = {}, signal?: AbortSignal): RequestInit {
  return {
    method: 'POST',
    body: BODY,
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      traceparent: `00-${requestId.padStart(32, '0')}-00f067aa0ba902b7-01`,
      ...extra,
    },
    signal,
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sharedSubgraphCallsPlugin', () => {
  it('sends identical reads in flight once, whatever their request ids; every caller gets its own answer', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const calls = ['a1', 'b2', 'c3'].map((id) => through(plugin)(url, init(id)));
    await until(() => held.length === 1);
    // The first caller's request id and trace context reached the subgraph.
    expect(held[0]?.request.headers['x-request-id']).toBe('a1');
    answer(held[0]!);
    const responses = await Promise.all(calls);
    expect(new Set(responses).size).toBe(3);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ data: { municipality: { name: 'Siegen' } } });
    }
    expect(held).toHaveLength(1);
  });

  it('does not share across identities, with mutations, or with a call that has already finished', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const anonymous = through(plugin)(url, init('a1'));
    const signedIn = through(plugin)(url, init('b2', { authorization: 'Bearer one' }));
    const other = through(plugin)(url, init('c3', { authorization: 'Bearer two' }));
    const writes = [1, 2].map((n) => through(plugin, OperationTypeNode.MUTATION)(url, init(`m${n}`)));
    await until(() => held.length === 5);
    for (const entry of held) answer(entry);
    await Promise.all([anonymous, signedIn, other, ...writes]);

    const again = through(plugin)(url, init('d4'));
    await until(() => held.length === 6);
    answer(held[5]!);
    expect(await (await again).json()).toEqual({ data: { municipality: { name: 'Siegen' } } });
  });

  it('does not share the reads a mutation makes after its write (the fields it returns)', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const write = {};
    plugin.onExecute({
      args: { document: parse('mutation { deletePractice(id: "x") }'), contextValue: write },
      executeFn: () => undefined,
      setExecuteFn: () => undefined,
    });
    const read = through(plugin)(url, init('a1'));
    const afterWrite = through(plugin, OperationTypeNode.QUERY, write)(url, init('b2'));
    await until(() => held.length === 2);
    for (const entry of held) answer(entry);
    await Promise.all([read, afterWrite]);
  });

  it("starts a new call for an identity's reads once its mutation has ended, failed or not (it reads its own write)", async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const editor = { authorization: 'Bearer editor' };
    const before = through(plugin)(url, init('a1', editor));
    const anonymousBefore = through(plugin)(url, init('a2'));
    await until(() => held.length === 2);
    let write: (args: unknown) => Promise<unknown> = async () => undefined;
    plugin.onExecute({
      args: {
        document: parse('mutation { deletePractice(id: "x") }'),
        contextValue: { request: { headers: new Headers(editor) } },
      },
      executeFn: async () => {
        throw new Error('the write failed');
      },
      setExecuteFn: (next: typeof write) => (write = next),
    });
    await expect(write({})).rejects.toThrow('the write failed');
    const after = through(plugin)(url, init('b1', editor));
    const anonymousAfter = through(plugin)(url, init('b2'));
    // The editor's read is sent anew; the anonymous one still joins the call under way.
    await until(() => held.length === 3);
    expect(held[2]?.request.headers['x-request-id']).toBe('b1');
    for (const entry of held) answer(entry);
    await Promise.all([before, anonymousBefore, after, anonymousAfter]);
    expect(held).toHaveLength(3);
  });

  it('passes on an answer without a body (204) to every caller', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const calls = ['a1', 'b2'].map((id) => through(plugin)(url, init(id)));
    await until(() => held.length === 1);
    held[0]!.response.writeHead(204).end();
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([204, 204]);
  });

  it('shares an error status as it came', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const calls = ['a1', 'b2'].map((id) => through(plugin)(url, init(id)));
    await until(() => held.length === 1);
    answer(held[0]!, 503, null);
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses).toEqual([503, 503]);
  });

  it('ends only the wait of a caller who leaves; the others get the answer and the call is not aborted', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const leaving = new AbortController();
    const first = through(plugin)(url, init('a1', {}, leaving.signal));
    const second = through(plugin)(url, init('b2', {}, new AbortController().signal));
    await until(() => held.length === 1);
    leaving.abort(new Error('client left'));
    await expect(first).rejects.toThrow('client left');
    answer(held[0]!);
    expect(await (await second).json()).toEqual({ data: { municipality: { name: 'Siegen' } } });
    expect(held[0]?.aborted).toBe(false);
  });

  it('aborts the call when the last caller has left, and the next caller starts a new one', async () => {
    const plugin = sharedSubgraphCallsPlugin() as Plugin;
    const one = new AbortController();
    const two = new AbortController();
    const calls = [
      through(plugin)(url, init('a1', {}, one.signal)),
      through(plugin)(url, init('b2', {}, two.signal)),
    ].map((call) => call.catch((error: unknown) => error));
    await until(() => held.length === 1);
    one.abort(new Error('gone'));
    two.abort(new Error('gone too'));
    expect(((await calls[1]) as Error).message).toBe('gone too');
    await until(() => held[0]?.aborted === true);

    const next = through(plugin)(url, init('c3'));
    await until(() => held.length === 2);
    answer(held[1]!);
    expect((await next).status).toBe(200);
  });
});
