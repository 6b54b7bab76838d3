import { describe, expect, it } from '@jest/globals';
import { parse, type DocumentNode } from 'graphql';
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
    expect(await first.answer).toEqual({ error: new Error('client left') });
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
});
