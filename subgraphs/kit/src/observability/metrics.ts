import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { CommonConfig } from '../config/env.js';

/** Where Prometheus scrapes, on the gateway and on every subgraph process. */
export const METRICS_PATH = '/metrics';

let shared: Registry | undefined;

/** A registry, with Node's own metrics (CPU, memory, event loop, GC) when `processMetrics`. */
export function createRegistry({ processMetrics }: { processMetrics: boolean }): Registry {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The process's registry: Node's own metrics (CPU, memory, event loop, GC) and the
 * subgraph metrics of every subgraph running in this process, told apart by their
 * `subgraph` label. The embedded hub has one process, so one registry serves them all.
 */
export function processRegistry(): Registry {
  // Not under Jest: every test file loads its own prom-client, and the default metrics'
  // GC observer and event-loop monitor would pile up in the worker, never stopped.
  shared ??= createRegistry({ processMetrics: process.env.JEST_WORKER_ID === undefined });
  return shared;
}

/** Operation names are the client's choice: past this many distinct ones, further names count as "other". */
const MAX_OPERATION_NAMES = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * A metric label for an operation name. Every distinct label value is a time series
 * Prometheus keeps, and clients name their operations freely: names are kept only while
 * they look like GraphQL names and while fewer than MAX_OPERATION_NAMES have been seen,
 * so a client inventing names cannot grow the metrics without bound.
 */
export function operationLabel(name: string | null | undefined, seen: Set<string> = seenOperationNames): string {
  if (!name) return 'anonymous';
  if (!OPERATION_NAME.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}
const seenOperationNames = new Set<string>();

/** What the metrics guard decides for one request. */
export type MetricsAccess = 'allow' | 'unauthorized' | 'hidden';

/**
 * Who may read /metrics. Production: only Prometheus with `Authorization: Bearer
 * <METRICS_TOKEN>` ('unauthorized' otherwise), and nobody while METRICS_TOKEN is unset
 * ('hidden': the route answers 404 as if it did not exist). Elsewhere: anyone.
 */
export function metricsAccess(
  config: Pick<CommonConfig, 'NODE_ENV' | 'METRICS_TOKEN'>,
  authorization: string | undefined,
): MetricsAccess {
  if (config.NODE_ENV !== 'production') return 'allow';
  if (!config.METRICS_TOKEN) return 'hidden';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'unauthorized';
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(config.METRICS_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'allow' : 'unauthorized';
}

/**
 * The /metrics route: the given registries in Prometheus text format, behind
 * `metricsAccess`. Registries are merged per scrape; their metric names must differ.
 */
export function metricsHandler(
  registries: () => Registry[],
  config: Pick<CommonConfig, 'NODE_ENV' | 'METRICS_TOKEN'>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const access = metricsAccess(config, req.headers.authorization);
    if (access !== 'allow') {
      const status = access === 'hidden' ? 404 : 401;
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      };
      if (access === 'unauthorized') headers['www-authenticate'] = 'Bearer';
      res.writeHead(status, headers);
      res.end(
        JSON.stringify({
          error: access === 'hidden' ? `No route for ${METRICS_PATH}.` : 'A valid metrics token is required.',
        }),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Only GET and HEAD are allowed here.');
      return;
    }
    const list = registries();
    const registry = list.length === 1 ? list[0] : Registry.merge(list);
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
