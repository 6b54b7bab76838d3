import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type DocumentNode } from 'graphql';
import { identityPrefix, whenWritten } from './own-writes.js';
import { SharedWork } from './shared-work.js';

/**
 * Identical subgraph reads in flight at the same time are sent once: the callers that come
 * while a call is under way wait for its answer and each gets its own copy.
 *
 * The HTTP executor has such sharing built in, keyed by the URL, the body and every header
 * the gateway adds; the request id and the trace context differ per client request, so with
 * them it never shared a call (stock Hive Gateway, which forwards neither through
 * `propagateHeaders`, shares and answered repeated queries 2–4× faster in bench:gateway).
 * Here the key leaves them out and keeps everything else (the authorization, so callers
 * share only with callers of the same identity). Unlike the executor's, a shared call is
 * aborted only when every caller waiting for it has gone (a client that leaves, or its
 * timeout, ends its own wait, not the others'). Queries only: a mutation is always sent.
 *
 * When an identity's mutation ends, its calls under way are no longer joined: a read sent
 * after the write fetches anew (own-writes.ts).
 *
 * A caller who joins a call sees the subgraph logs and trace of the caller who started it:
 * the subgraph served one request.
 */
export function sharedSubgraphCallsPlugin(): GatewayPlugin {
  const calls = new SharedWork<Answer>();
  // A mutation's follow-up reads (the fields it returns) must see its write: never shared.
  const mutating = new WeakSet<object>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation === 'query' || !args.contextValue) return;
      mutating.add(args.contextValue);
      // Once the write has ended, this identity's later reads fetch anew (own-writes.ts).
      const authorization = (args.contextValue as { request?: Request }).request?.headers.get('authorization');
      setExecuteFn(whenWritten(executeFn, () => calls.forget(identityPrefix(authorization))));
    },
    onFetch({ executionRequest, context, fetchFn, setFetchFn }) {
      if (!executionRequest || operationType(executionRequest) !== 'query') return;
      if (context && mutating.has(context)) return;
      setFetchFn((url, init, ...rest) => {
        const key = callKey(url, init);
        if (key === null || init?.signal?.aborted) return fetchFn(url, init, ...rest);
        const send = async (signal: AbortSignal): Promise<Answer> => {
          const response = await fetchFn(url, { ...init, signal }, ...rest);
          return {
            status: response.status,
            statusText: response.statusText,
            headers: [...response.headers],
            body: await response.arrayBuffer(),
          };
        };
        return calls.join(key, send, init?.signal ?? undefined, responseOf, (reason) => {
          throw reason;
        });
      });
    },
  } as GatewayPlugin;
}

/** The headers that differ per client request and do not change the subgraph's answer. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate', 'baggage']);

function operationType(request: { operationType?: string; document?: DocumentNode; operationName?: string }) {
  if (request.operationType) return request.operationType;
  return request.document ? getOperationAST(request.document, request.operationName)?.operation : undefined;
}

/**
 * The identity (the authorization header the gateway forwards), method, URL, the headers
 * that matter and the body; null for a body that is not text (an upload).
 */
function callKey(url: string, init: { method?: string; body?: unknown; headers?: object } | undefined): string | null {
  const body = init?.body;
  if (body != null && typeof body !== 'string') return null;
  const all = new Headers(init?.headers as HeadersInit | undefined);
  const headers: string[] = [];
  for (const [name, value] of all) {
    if (!PER_REQUEST_HEADERS.has(name)) headers.push(`${name}:${value}`);
  }
  return `${identityPrefix(all.get('authorization'))}${init?.method ?? 'GET'} ${url}\n${headers.join('\n')}\n${body ?? ''}`;
}

const NO_BODY = new Set([101, 204, 205, 304]);

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer;
}

/** Each caller's own Response of the shared answer. */
function responseOf(answer: Answer): Response {
  // 204, 205 and 304 take no body, not even an empty one.
  const body = NO_BODY.has(answer.status) ? null : answer.body.slice(0);
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}
