import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type DocumentNode, GraphQLError, getOperationAST, print } from 'graphql';
import { identityPrefix, whenWritten } from './own-writes.js';
import { SharedWork } from './shared-work.js';
import { streamsResults } from './streams.js';

/**
 * Identical queries executing at the same time run once: a query that arrives while the
 * same document with the same variables, operation name and identity (the
 * `authorization` header) is executing waits for that execution's answer instead of
 * planning and fetching again. A dashboard shown on many screens, or a partner page under
 * load, asks the same thing many times at once; heavy operations, which the admission
 * control runs two at a time, then no longer queue behind copies of themselves
 * (bench:gateway Q2).
 *
 * Registered after the admission control: each request is still charged to its client's
 * cost budget and refused when its budget is spent; only the execution is shared.
 *
 * Hive Gateway's `inboundInflightRequestDeduplication` shares executions too, but hands
 * every waiter the first caller's execution, which stops when that caller leaves or its
 * deadline passes, failing everyone else's answer. Here the shared execution runs under a
 * signal of its own, aborted only when every caller waiting for it has gone; each caller
 * still stops waiting when it leaves itself.
 *
 * When a mutation ends, executions under way for the same identity are no longer joined:
 * a caller reads its own writes (own-writes.ts; shared-calls.ts does the same for fetches).
 *
 * Subgraph calls, logs and traces of a shared execution are the first caller's.
 */
export function sharedExecutionsPlugin(): GatewayPlugin {
  const executions = new SharedWork<unknown>();
  // Per parsed document: its text for the key, or null when it streams (never shared).
  const texts = new WeakMap<DocumentNode, string | null>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (!request) return;
      const identity = identityPrefix(request.headers.get('authorization'));
      if (operation?.operation === 'mutation') {
        setExecuteFn(whenWritten(executeFn, () => executions.forget(identity)));
        return;
      }
      if (operation?.operation !== 'query') return;
      setExecuteFn((executionArgs) => {
        const own = (executionArgs as { signal?: AbortSignal }).signal ?? request.signal;
        if (own?.aborted) return executeFn(executionArgs);
        let text = texts.get(executionArgs.document);
        if (text === undefined) {
          text = streamsResults(executionArgs.document) ? null : print(executionArgs.document);
          texts.set(executionArgs.document, text);
        }
        if (text === null) return executeFn(executionArgs);
        const key = [
          identity,
          executionArgs.operationName ?? '',
          JSON.stringify(executionArgs.variableValues ?? {}),
          text,
        ].join('\n');
        const execute = (signal: AbortSignal) => executeFn({ ...executionArgs, signal } as typeof executionArgs);
        return executions.join(key, execute, own, ownCopy, aborted) as ReturnType<typeof executeFn>;
      });
    },
  } as GatewayPlugin;
}

/** Each caller's own copy of the answer's top level: later plugins set their own. */
function ownCopy(result: unknown): unknown {
  return result && typeof result === 'object' ? { ...result } : result;
}

/** An answer, not a rejection, for a caller that has gone: the runtime's per-request hooks end. */
function aborted(): unknown {
  return {
    errors: [new GraphQLError('The request ended before its answer.', { extensions: { code: 'REQUEST_ABORTED' } })],
  };
}
