import pLimit from 'p-limit';
import { GraphQLError } from 'graphql';
import { coded } from './errors.js';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { operationCosts } from './limits.js';
import type { EdgeRequest } from './handler.js';
import type { RateLimiter } from './rate-limit.js';

export interface AdmissionSettings {
  /** Operations estimated at this cost or more are heavy. */
  heavyCost: number;
  /** Heavy operations executing at once; the rest wait their turn. */
  concurrency: number;
  /** Heavy operations waiting at most; beyond, SERVER_BUSY. */
  queue: number;
}

/**
 * Charges each operation's estimated cost to its client's cost budget (429 when spent),
 * then admission control by estimated cost: heavy operations (whole lists with their
 * relations) execute a few at a time, so fifty of them cannot occupy the database and
 * the event loop while a cheap lookup waits behind them. Cheap operations never queue.
 */
export function admissionPlugin(settings: AdmissionSettings, rateLimiter?: RateLimiter): GatewayPlugin {
  const limit = pLimit(settings.concurrency);
  return {
    async onExecute({ args, executeFn, setExecuteFn }) {
      const context = args.contextValue as object;
      const cost = operationCosts.get(context) ?? 0;
      const heavy = cost >= settings.heavyCost;
      // Checked before the budget is charged: a refused operation costs nothing.
      if (heavy && limit.pendingCount >= settings.queue) {
        throw new GraphQLError(
          `The hub is busy with expensive operations; try again shortly or ask for fewer records.`,
          {
            extensions: { code: 'SERVER_BUSY', cost, http: { status: 503, headers: { 'retry-after': '5' } } },
          },
        );
      }
      const req = (context as { req?: EdgeRequest }).req;
      const client = req?.edgeClient;
      const wait = client && rateLimiter ? await rateLimiter.spend(client, cost, req?.edgeTier) : null;
      if (wait !== null) {
        throw new GraphQLError(
          `This client has used its cost budget (this operation is estimated at ${cost}). Try again in ${wait} s.`,
          {
            extensions: {
              code: 'RATE_LIMITED',
              cost,
              retryAfterSeconds: wait,
              http: { status: 429, headers: { 'retry-after': String(wait) } },
            },
          },
        );
      }
      if (!heavy) return;
      // p-limit frees the slot however the execution ends, thrown errors included.
      // A request whose client left (or whose deadline passed) while it waited is not run.
      const signal = (context as { request?: Request }).request?.signal;
      // A shared execution (shared-executions.ts) runs under a signal of its own: the first caller leaving ends only its own wait.
      setExecuteFn((executionArgs) =>
        limit(() =>
          ((executionArgs as { signal?: AbortSignal }).signal ?? signal)?.aborted
            ? { errors: [coded(503, 'SERVER_BUSY', 'The request ended while it waited for a slot.')] }
            : executeFn(executionArgs),
        ),
      );
    },
  } as GatewayPlugin;
}
