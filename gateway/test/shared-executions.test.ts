import { describe, expect, it } from '@jest/globals';
import { parse, type DocumentNode } from 'graphql';
import { admissionPlugin } from '../src/edge/admission.js';
import { operationCosts } from '../src/edge/limits.js';
import { sharedExecutionsPlugin } from '../src/edge/shared-executions.js';

// Identical queries executing at once run once; the shared execution is aborted only when
// every caller waiting for it has gone (admission.db.test.ts shows it end to end).

type Args = {
  document: DocumentNode;
  operationName?: string;
  variableValues?: object;
  contextValue: object;
  signal?: AbortSignal;
};
type Execute = (args: Args) => unknown;
type Plugin = { onExecute: (payload: { args: Args; executeFn: Execute; setExecuteFn: (fn: Execute) => void }) => void };

/** A stand-in execution that answers when told, recording the signal it ran under. */
function executions() {
  const runs: { signal?: AbortSignal; answer: (value: unknown) => void }[] = [];
  const executeFn: Execute = (args) => new Promise((resolve) => runs.push({ signal: args.signal, answer: resolve }));
  return { runs, executeFn };
}

function caller(
  plugin: Plugin,
  executeFn: Execute,
  query: string,
  options: { authorization?: string; variables?: object } = {},
) {
  const client = new AbortController();
  const headers = new Headers(options.authorization ? { authorization: options.authorization } : {});
  const args: Args = {
    document: parse(query),
    variableValues: options.variables,
    contextValue: { request: { headers, signal: client.signal } },
    signal: client.signal,
  };
  let execute = executeFn;
  plugin.onExecute({ args, executeFn, setExecuteFn: (fn) => (execute = fn) });
  const answer = Promise.resolve(execute(args)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { answer, leave: () => client.abort(new Error('client left')) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const QUERY = '{ municipality(ags: "05970040") { name } }';

describe('sharedExecutionsPlugin', () => {
  it('runs identical queries asked at once once, each caller with its own copy of the answer', async () => {
    const plugin = sharedExecutionsPlugin() as unknown as Plugin;
    const { runs, executeFn } = executions();
    const [a, b] = [caller(plugin, executeFn, QUERY), caller(plugin, executeFn, QUERY)];
    await tick();
    expect(runs).toHaveLength(1);
    runs[0]!.answer({ data: { municipality: { name: 'Siegen' } } });
    const [first, second] = [await a.answer, await b.answer];
    expect(first).toEqual({ value: { data: { municipality: { name: 'Siegen' } } } });
    expect(second).toEqual(first);
    expect((first as { value: unknown }).value).not.toBe((second as { value: unknown }).value);
    // Once answered, the next caller runs again.
    caller(plugin, executeFn, QUERY);
    await tick();
    expect(runs).toHaveLength(2);
  });

  it('shares only with the same identity, variables and document, and never a mutation', async () => {
    const plugin = sharedExecutionsPlugin() as unknown as Plugin;
    const { runs, executeFn } = executions();
    const variables = 'query($a: ID!) { municipality(ags: $a) { name } }';
    caller(plugin, executeFn, QUERY);
    caller(plugin, executeFn, QUERY, { authorization: 'Bearer a' });
    caller(plugin, executeFn, QUERY, { authorization: 'Bearer b' });
    caller(plugin, executeFn, variables, { variables: { a: '05970040' } });
    caller(plugin, executeFn, variables, { variables: { a: '05958044' } });
    caller(plugin, executeFn, '{ municipality(ags: "05958044") { name } }');
    const mutation = 'mutation { deleteEvent(slug: "x") }';
    caller(plugin, executeFn, mutation);
    caller(plugin, executeFn, mutation);
    await tick();
    expect(runs).toHaveLength(8);
  });

  it('keeps a shared execution running when its first caller leaves, and aborts it when the last has gone', async () => {
    const plugin = sharedExecutionsPlugin() as unknown as Plugin;
    const { runs, executeFn } = executions();
    const [first, second, third] = [1, 2, 3].map(() => caller(plugin, executeFn, QUERY)) as [
      ReturnType<typeof caller>,
      ReturnType<typeof caller>,
      ReturnType<typeof caller>,
    ];
    await tick();
    const shared = runs[0]!.signal;
    first.leave();
    expect(await first.answer).toEqual({
      value: { errors: [expect.objectContaining({ extensions: { code: 'REQUEST_ABORTED' } })] },
    });
    expect(shared?.aborted).toBe(false);
    second.leave();
    expect(shared?.aborted).toBe(false);
    third.leave();
    expect(shared?.aborted).toBe(true);
    // A new caller does not join the abandoned execution.
    caller(plugin, executeFn, QUERY);
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.signal?.aborted).toBe(false);
  });

  it('answers a caller who stays after the first has left', async () => {
    const plugin = sharedExecutionsPlugin() as unknown as Plugin;
    const { runs, executeFn } = executions();
    const [first, second] = [caller(plugin, executeFn, QUERY), caller(plugin, executeFn, QUERY)];
    await tick();
    first.leave();
    runs[0]!.answer({ data: { municipality: { name: 'Siegen' } } });
    expect(await second.answer).toEqual({ value: { data: { municipality: { name: 'Siegen' } } } });
  });

  it('starts a new execution for the same identity once its mutation has ended: a caller reads its own writes', async () => {
    const plugin = sharedExecutionsPlugin() as unknown as Plugin;
    const hooks = plugin as unknown as { onExecute: (payload: unknown) => void };
    const { runs, executeFn } = executions();
    const writer = { authorization: 'Bearer editor' };
    caller(plugin, executeFn, QUERY, writer);
    caller(plugin, executeFn, QUERY);
    await tick();
    let write: Execute = executeFn;
    hooks.onExecute({
      args: {
        document: parse('mutation { deleteEvent(slug: "x") }'),
        contextValue: { request: { headers: new Headers(writer) } },
      },
      executeFn: async () => {
        throw new Error('the write failed');
      },
      setExecuteFn: (next: Execute) => (write = next),
    });
    // Failed or not, the write has ended.
    await expect(Promise.resolve(write({} as Args))).rejects.toThrow('the write failed');
    caller(plugin, executeFn, QUERY, writer); // runs anew
    caller(plugin, executeFn, QUERY); // another identity still joins
    await tick();
    expect(runs).toHaveLength(3);
  });

  it('runs a queued shared execution whose first caller has left, for the callers still waiting', async () => {
    const admission = admissionPlugin({ heavyCost: 100, concurrency: 1, queue: 10 }) as unknown as {
      onExecute: (payload: { args: Args; executeFn: Execute; setExecuteFn: (fn: Execute) => void }) => Promise<void>;
    };
    const heavy = async (contextValue: object, executeFn: Execute, signal?: AbortSignal) => {
      operationCosts.set(contextValue, 1000);
      const args: Args = { document: parse(QUERY), contextValue, signal };
      let execute = executeFn;
      await admission.onExecute({ args, executeFn, setExecuteFn: (fn) => (execute = fn) });
      return execute(args);
    };
    let release: (value: unknown) => void = () => undefined;
    const blocking = heavy({}, () => new Promise((resolve) => (release = resolve)));
    // Queued behind it: the first caller's request has ended, the shared execution's signal has not.
    const gone = new AbortController();
    gone.abort();
    const queued = heavy(
      { request: { signal: gone.signal } },
      () => ({ data: { ran: true } }),
      new AbortController().signal,
    );
    await tick();
    release({ data: null });
    await blocking;
    expect(await queued).toEqual({ data: { ran: true } });
  });
});
