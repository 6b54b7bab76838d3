import { afterEach, describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { upstreamTimeoutPlugin } from '../src/edge/upstream-timeout.js';

// The time limit on subgraph calls on its own: a slow call fails with GATEWAY_TIMEOUT and
// its signal is aborted; a call that settles, with or without a promise, leaves no timer
// behind (the runtime's own upstreamTimeout left a rejection that fired later, unhandled).

type Executor = (request: { signal?: AbortSignal }) => unknown;

function wrap(executor: Executor, timeout = 50): Executor {
  let wrapped: Executor = executor;
  const plugin = upstreamTimeoutPlugin(() => timeout) as { onSubgraphExecute: (payload: unknown) => void };
  plugin.onSubgraphExecute({ subgraphName: 'events', executor, setExecutor: (next: Executor) => (wrapped = next) });
  return wrapped;
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
process.on('unhandledRejection', onRejection);
afterEach(() => {
  rejections.length = 0;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('upstreamTimeoutPlugin', () => {
  it('fails a call that takes too long with GATEWAY_TIMEOUT and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const slow = wrap((request) => {
      seen = request.signal;
      return new Promise(() => undefined);
    });
    const error = (await (slow({}) as Promise<unknown>).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT', serviceName: 'events' });
    expect(seen?.aborted).toBe(true);
  });

  it('passes a prompt answer through and leaves nothing behind, also when the executor answers without a promise', async () => {
    const prompt = wrap(() => Promise.resolve({ data: { ok: true } }));
    expect(await prompt({})).toEqual({ data: { ok: true } });
    // As the HTTP executor answers a request whose client has already left: synchronously.
    const synchronous = wrap(() => ({ errors: [{ message: 'aborted' }] }));
    expect(await synchronous({})).toEqual({ errors: [{ message: 'aborted' }] });
    await pause(120);
    expect(rejections).toEqual([]);
  });

  it("keeps the caller's own abort: a call for a client that left is aborted too", async () => {
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const call = wrap((request) => {
      seen = request.signal;
      return Promise.resolve({ data: null });
    }, 10_000);
    await call({ signal: client.signal });
    client.abort();
    expect(seen?.aborted).toBe(true);
  });
});
