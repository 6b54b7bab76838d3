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
  // Each subgraph call's signal, by the execution request the runtime hands its fetch.
  const signals = new WeakMap<object, AbortSignal>();
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      const timeout = timeoutOf(subgraphName);
      setExecutor(((request: Parameters<typeof executor>[0]) => {
        const controller = new AbortController();
        const client = request.signal ?? clientSignal(request.context);
        const signal = client ? AbortSignal.any([client, controller.signal]) : controller.signal;
        const { info } = request;
        // The runtime's fetch hooks find the call by the execution request on its info.
        const key = (info as { executionRequest?: object } | undefined)?.executionRequest;
        if (key) signals.set(key, signal);
        const unsignalled = {
          ...request,
          signal: undefined,
          info: info && ({ ...info, signal: undefined } as typeof info),
        };
        if (!(timeout > 0)) return executor(key ? unsignalled : { ...request, signal });
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new GraphQLError(`The ${subgraphName} subgraph did not answer within ${timeout} ms.`, {
              extensions: { code: 'GATEWAY_TIMEOUT', serviceName: subgraphName, http: { status: 504 } },
            });
            controller.abort(error);
            reject(error);
          }, timeout);
        });
        let call: ReturnType<typeof executor>;
        try {
          call = executor(key ? unsignalled : { ...request, signal });
        } catch (error) {
          clearTimeout(timer);
          throw error;
        }
        return Promise.race([Promise.resolve(call), expired]).finally(() => clearTimeout(timer));
      }) as typeof executor);
    },
    onFetch({ executionRequest, context, options, setOptions }) {
      const signal = (executionRequest && signals.get(executionRequest)) ?? clientSignal(context);
      if (signal) setOptions({ ...options, signal });
    },
  } as GatewayPlugin;
}

function clientSignal(context: unknown): AbortSignal | undefined {
  return (context as { request?: Request } | undefined)?.request?.signal;
}
