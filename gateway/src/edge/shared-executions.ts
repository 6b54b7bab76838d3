import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type DocumentNode, GraphQLError, getOperationAST, print, visit, BREAK } from 'graphql';
import { forgetIdentity, identityPrefix, whenWritten } from './own-writes.js';

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
  const executions = new Map<string, SharedExecution>();
  // Per parsed document: its text for the key, or null when it streams (never shared).
  const texts = new WeakMap<DocumentNode, string | null>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (!request) return;
      const identity = identityPrefix(request.headers.get('authorization'));
      if (operation?.operation === 'mutation') {
        setExecuteFn(whenWritten(executeFn, () => forgetIdentity(executions, identity)));
        return;
      }
      if (operation?.operation !== 'query') return;
      setExecuteFn((executionArgs) => {
        const own = (executionArgs as { signal?: AbortSignal }).signal ?? request.signal;
        if (own?.aborted) return executeFn(executionArgs);
        let text = texts.get(executionArgs.document);
        if (text === undefined) {
          text = streams(executionArgs.document) ? null : print(executionArgs.document);
          texts.set(executionArgs.document, text);
        }
        if (text === null) return executeFn(executionArgs);
        const key = [
          identity,
          executionArgs.operationName ?? '',
          JSON.stringify(executionArgs.variableValues ?? {}),
          text,
        ].join('\n');
        let shared = executions.get(key);
        if (!shared) {
          const started = startExecution((signal) => executeFn({ ...executionArgs, signal } as typeof executionArgs));
          shared = started;
          executions.set(key, started);
          const forget = () => {
            if (executions.get(key) === started) executions.delete(key);
          };
          started.result.then(forget, forget);
          started.onIdle = forget;
        }
        return shared.join(own) as ReturnType<typeof executeFn>;
      });
    },
  } as GatewayPlugin;
}

interface SharedExecution {
  result: Promise<unknown>;
  join(signal: AbortSignal | undefined): Promise<unknown>;
  /** Called when the last waiting caller has left and the execution was aborted. */
  onIdle?: () => void;
}

function startExecution(execute: (signal: AbortSignal) => unknown): SharedExecution {
  const controller = new AbortController();
  let waiting = 0;
  const result = Promise.resolve().then(() => execute(controller.signal));
  const shared: SharedExecution = {
    result,
    join(signal) {
      waiting++;
      return new Promise((resolve, reject) => {
        let done = false;
        const settle = () => {
          if (done) return false;
          done = true;
          waiting--;
          signal?.removeEventListener('abort', leave);
          return true;
        };
        const leave = () => {
          if (!settle()) return;
          // An answer, not a rejection: the runtime's per-request hooks end (its client has gone).
          resolve({
            errors: [
              new GraphQLError('The request ended before its answer.', { extensions: { code: 'REQUEST_ABORTED' } }),
            ],
          });
          if (waiting === 0) {
            shared.onIdle?.();
            controller.abort(signal?.reason);
          }
        };
        signal?.addEventListener('abort', leave, { once: true });
        result.then(
          (value) => {
            // Each caller's own copy of the answer's top level: later plugins set their own.
            if (settle()) resolve(value && typeof value === 'object' ? { ...value } : value);
          },
          (error: unknown) => {
            if (settle()) reject(error);
          },
        );
      });
    },
  };
  return shared;
}

function streams(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(directive) {
      if (directive.name.value === 'defer' || directive.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
