import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import type { Logger } from 'pino';
import {
  METRICS_PATH,
  loggablePath,
  REQUEST_ID_HEADER,
  noteActiveTrace,
  requestIdOf,
  withRequestContext,
  type Handler,
} from '@welcome-hub/kit';

/** The request as the access log sees it: the gateway plugin below names its operation. */
interface LoggedRequest extends IncomingMessage {
  /** The GraphQL operation it ran (its name, or "anonymous"), once the runtime executes it. */
  loggedOperation?: string;
}

/** Probes and scrapes come every few seconds: at debug, or they would drown the requests. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', METRICS_PATH]);

/** Longest path and operation name written to a log line: both are the client's choice. */
const MAX_FIELD = 200;

const bounded = (text: string) => (text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}…` : text);

/**
 * The public port's request id and access log, around everything else the edge does:
 * - the request id: the client's `x-request-id` when well formed (bounded, safe
 *   characters; see acceptRequestId), else a fresh UUID. It replaces the incoming header,
 *   so the gateway runtime forwards exactly this id to every subgraph, and it is returned
 *   in the response, refusals of the edge included;
 * - the request context, so every line logged while serving it carries the id;
 * - one info line per request when it ends: method, path, operation, status, duration.
 */
export function observedHandler(handler: Handler, logger: Logger): Handler {
  return (req, res) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    const path = loggablePath(new URL(req.url ?? '/', 'http://hub').pathname);
    const context = { requestId } as { requestId: string; traceId?: string };
    // 'close' comes also when the client leaves first; `finished` tells the two apart.
    res.once('close', () => {
      const fields = {
        requestId,
        ...(context.traceId ? { traceId: context.traceId } : {}),
        method: req.method,
        path: bounded(path),
        operation: (req as LoggedRequest).loggedOperation,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        finished: res.writableFinished,
      };
      if (QUIET_PATHS.has(path)) logger.debug(fields, 'request');
      else logger.info(fields, 'request');
    });
    return withRequestContext(context, () => handler(req, res));
  };
}

/**
 * Names the operation of each request for its access line (the edge sees only bytes), and
 * puts the runtime's trace id into the request context for the lines that follow.
 */
export function accessLogPlugin(): GatewayPlugin {
  return {
    onExecute({ args }) {
      const req = (args.contextValue as { req?: LoggedRequest }).req;
      if (req)
        req.loggedOperation = bounded(getOperationAST(args.document, args.operationName)?.name?.value ?? 'anonymous');
      noteActiveTrace();
    },
  } as GatewayPlugin;
}
