import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header that carries a request's id from the client through the gateway to every subgraph, and back. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest incoming request id kept; a longer one is replaced (log lines and headers stay small). */
export const MAX_REQUEST_ID_LENGTH = 128;

/**
 * Letters, digits and `. _ : -`: enough for UUIDs, ULIDs, hex ids and the ids proxies
 * such as nginx or an Ingress generate, and nothing that could break a header or a
 * log line when it is echoed.
 */
const SAFE_REQUEST_ID = new RegExp(`^[A-Za-z0-9._:-]{1,${MAX_REQUEST_ID_LENGTH}}$`);

/**
 * The incoming request id when it is well formed (one value, bounded, safe characters),
 * else undefined. A client or proxy may choose the id, so one request can be followed
 * from its edge, but it cannot smuggle anything through it.
 */
export function acceptRequestId(value: string | readonly string[] | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return SAFE_REQUEST_ID.test(trimmed) ? trimmed : undefined;
}

/** The accepted incoming id (see acceptRequestId) or a fresh UUID. */
export function requestIdOf(value: string | readonly string[] | null | undefined): string {
  return acceptRequestId(value) ?? randomUUID();
}

/** What every log line written while serving one request carries (see logger.ts's mixin). */
export interface RequestLogContext {
  requestId: string;
  /** The request's trace, once a span serves it: log lines then lead to the trace. */
  traceId?: string;
  spanId?: string;
}

const storage = new AsyncLocalStorage<RequestLogContext>();

/**
 * Runs `fn` with `context` as the current request's: every log line written from it,
 * however deep in resolvers or libraries, carries the request id without being handed it.
 */
export function withRequestContext<T>(context: RequestLogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside a request (start-up, background relays). */
export function currentRequestContext(): RequestLogContext | undefined {
  return storage.getStore();
}

/**
 * Paths whose last segment is a secret: an invitation link lets whoever holds it set the
 * invited account's password, so it must never reach a log store.
 */
const SECRET_PATHS = [/^(\/oidc\/invitation\/)[^/]+/];

/** `path` as a log line may show it: secret segments replaced by `:secret`. */
export function loggablePath(path: string): string {
  return SECRET_PATHS.reduce((p, pattern) => p.replace(pattern, '$1:secret'), path);
}
