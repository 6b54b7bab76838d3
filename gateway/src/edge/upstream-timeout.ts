import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

/**
 * A time limit on each subgraph call: the call is aborted (its fetch with it) and the field
 * fails with `GATEWAY_TIMEOUT`, which the partial-answers plugin turns into
 * SUBGRAPH_UNAVAILABLE for that subgraph's fields only. A call is aborted too when its
 * client has gone or the request's deadline has passed (the request's signal, which the
 * deadline plugin aborts).
 *
 * In place of the runtime's `upstreamTimeout`, which (gateway-runtime 2.12) leaves a
 * pending rejection behind whenever the executor answers without a promise, as it does for
 * a request whose client has already gone: the timer then fires later and rejects with
 * nobody listening, an unhandled rejection that ends a Node process. Here the timer is
 * cleared as soon as the call settles, however it settles.
 *
 * And in place of the runtime's `upstreamCancellation`: the call's signal is given to its
 * fetch, not to the HTTP executor. The executor ties every signal it is given to its own
 * long-lived disposal signal, whose listeners are only removed when the garbage collector
 * gets to them; under load their list grew so long that adding one cost 6.5 % of the
 * gateway's CPU (bench:gateway Q1, Rust planner). The fetch gets the call's signal alone.
 */
export function upstreamTimeoutPlugin(timeoutOf: (subgraph: string) => number): GatewayPlugin {
  // Each subgraph call's signal, by the info object its fetch is handed (a copy per call).
  const signals = new WeakMap<object, AbortSignal>();
  // The calls under way, each with what ends its wait: the gateway's disposal aborts them
  // (the executor's own disposal signal no longer reaches their fetches) and stops their timers.
  const live = new Map<AbortController, () => void>();
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      const timeout = timeoutOf(subgraphName);
      setExecutor(((request: Parameters<typeof executor>[0]) => {
        const controller = new AbortController();
        // The execution's signal (its client's, or a shared execution's: edge/shared-executions.ts).
        const client = request.signal ?? executionSignal(request.info) ?? clientSignal(request.context);
        const signal = client ? AbortSignal.any([client, controller.signal]) : controller.signal;
        // The executor passes the request's info on to its fetch: a copy of its own per call
        // (the JavaScript planner's info is shared by the field's calls) carries the call there.
        const info = request.info && ({ ...request.info, signal: undefined } as typeof request.info);
        if (info) signals.set(info, signal);
        let timer: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(timer);
          live.delete(controller);
        };
        live.set(controller, done);
        const expired =
          timeout > 0
            ? new Promise<never>((_, reject) => {
                timer = setTimeout(() => {
                  const error = new GraphQLError(`The ${subgraphName} subgraph did not answer within ${timeout} ms.`, {
                    extensions: { code: 'GATEWAY_TIMEOUT', serviceName: subgraphName, http: { status: 504 } },
                  });
                  controller.abort(error);
                  reject(error);
                }, timeout);
              })
            : undefined;
        let call: ReturnType<typeof executor>;
        try {
          call = executor(info ? { ...request, signal: undefined, info } : { ...request, signal });
        } catch (error) {
          done();
          throw error;
        }
        const answer = expired ? Promise.race([Promise.resolve(call), expired]) : Promise.resolve(call);
        return answer.finally(done);
      }) as typeof executor);
    },
    onFetch({ info, context, options, setOptions }) {
      const signal = (info && signals.get(info)) ?? clientSignal(context);
      if (signal) setOptions({ ...options, signal });
    },
    onDispose() {
      for (const [controller, done] of [...live]) {
        done();
        controller.abort(new Error('The gateway is shutting down.'));
      }
    },
  } as GatewayPlugin;
}

function executionSignal(info: unknown): AbortSignal | undefined {
  return (info as { signal?: AbortSignal } | undefined)?.signal;
}

function clientSignal(context: unknown): AbortSignal | undefined {
  return (context as { request?: Request } | undefined)?.request?.signal;
}
