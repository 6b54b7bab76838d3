import { afterEach, describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { upstreamTimeoutPlugin } from '../src/edge/upstream-timeout.js';

// The time limit on subgraph calls on its own: a slow call fails with GATEWAY_TIMEOUT and
// its signal is aborted; a call that settles, with or without a promise, leaves no timer
// behind (the runtime's own upstreamTimeout left a rejection that fired later, unhandled).

type Executor = (request: { signal?: AbortSignal }) => unknown;

type Hooks = {
  onSubgraphExecute: (payload: unknown) => void;
  onDispose: () => void;
  onFetch: (payload: {
    info?: object;
    context?: unknown;
    options: RequestInit;
    setOptions: (o: RequestInit) => void;
  }) => void;
};

function wrap(
  executor: Executor,
  timeout = 50,
  plugin = upstreamTimeoutPlugin(() => timeout) as unknown as Hooks,
): Executor {
  let wrapped: Executor = executor;
  plugin.onSubgraphExecute({ subgraphName: 'events', executor, setExecutor: (next: Executor) => (wrapped = next) });
  return wrapped;
}

/** The signal the runtime's fetch for this call gets. */
/** The signal the runtime's fetch gets, handed the info the executor passed on. */
function fetchSignal(plugin: Hooks, info: object | undefined, context?: unknown): AbortSignal | null | undefined {
  let options: RequestInit = { signal: new AbortController().signal };
  plugin.onFetch({ info, context, options, setOptions: (next) => (options = next) });
  return options.signal;
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

  it("gives the call's signal to its fetch, not to the HTTP executor (which would tie it to its own, long-lived one)", async () => {
    const plugin = upstreamTimeoutPlugin(() => 50) as unknown as Hooks;
    const client = new AbortController();
    // The JavaScript planner hands a field's calls the same info object.
    const shared = { executionRequest: {}, signal: client.signal };
    const calls = [shared, shared].map((info) => {
      let seen: { signal?: AbortSignal; info?: { signal?: AbortSignal } } | undefined;
      const call = wrap(
        (request) => {
          seen = request as typeof seen;
          return new Promise(() => undefined);
        },
        50,
        plugin,
      );
      const answer = (call({ signal: client.signal, info } as never) as Promise<unknown>).catch((e: unknown) => e);
      return { answer, seen: () => seen };
    });
    const [first, second] = calls as [(typeof calls)[0], (typeof calls)[0]];
    expect(first.seen()?.signal).toBeUndefined();
    expect(first.seen()?.info?.signal).toBeUndefined();
    expect(first.seen()?.info).toHaveProperty('executionRequest', shared.executionRequest);
    const [firstFetch, secondFetch] = [
      fetchSignal(plugin, first.seen()?.info),
      fetchSignal(plugin, second.seen()?.info),
    ];
    expect(firstFetch).not.toBe(secondFetch);
    expect(firstFetch?.aborted).toBe(false);
    // The call's time limit aborts its fetch.
    expect(((await first.answer) as GraphQLError).extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(firstFetch?.aborted).toBe(true);
    await second.answer;
    // A fetch the plugin did not see start follows its client.
    const other = new AbortController();
    const unknown = fetchSignal(plugin, {}, { request: { signal: other.signal } });
    other.abort();
    expect(unknown?.aborted).toBe(true);
  });

  it("aborts a call's fetch when its client leaves", async () => {
    const plugin = upstreamTimeoutPlugin(() => 10_000) as unknown as Hooks;
    const client = new AbortController();
    let seen: { info?: object } | undefined;
    const call = wrap(
      (request) => {
        seen = request as typeof seen;
        return Promise.resolve({ data: null });
      },
      10_000,
      plugin,
    );
    await call({ context: { request: { signal: client.signal } }, info: { executionRequest: {} } } as never);
    const signal = fetchSignal(plugin, seen?.info);
    expect(signal?.aborted).toBe(false);
    client.abort();
    expect(signal?.aborted).toBe(true);
  });

  it('aborts the fetches under way when the gateway is disposed, and only those, and stops their timers', async () => {
    const plugin = upstreamTimeoutPlugin(() => 50) as unknown as Hooks;
    const seen: { info?: object }[] = [];
    const call = wrap(
      (request) => {
        seen.push(request as { info?: object });
        return seen.length === 1 ? Promise.resolve({ data: null }) : new Promise(() => undefined);
      },
      50,
      plugin,
    );
    await call({ info: { executionRequest: {} } } as never);
    const underWay = (call({ info: { executionRequest: {} } } as never) as Promise<unknown>).catch((e: unknown) => e);
    const [finished, pending] = seen.map((request) => fetchSignal(plugin, request.info));
    plugin.onDispose();
    expect(pending?.aborted).toBe(true);
    expect(finished?.aborted).toBe(false);
    // Its time limit no longer fires once the gateway has gone (it would reject into nobody).
    const state = await Promise.race([underWay.then(() => 'settled'), pause(120).then(() => 'pending')]);
    expect(state).toBe('pending');
    expect(rejections).toEqual([]);
  });
});
