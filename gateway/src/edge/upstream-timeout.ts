import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

/**
 * A time limit on each subgraph call: the call is aborted (its fetch with it) and the field
 * fails with `GATEWAY_TIMEOUT`, which the partial-answers plugin turns into
 * SUBGRAPH_UNAVAILABLE for that subgraph's fields only.
 *
 * In place of the runtime's `upstreamTimeout`, which (gateway-runtime 2.12) leaves a
 * pending rejection behind whenever the executor answers without a promise, as it does for
 * a request whose client has already gone: the timer then fires later and rejects with
 * nobody listening, an unhandled rejection that ends a Node process. Here the timer is
 * cleared as soon as the call settles, however it settles.
 */
export function upstreamTimeoutPlugin(timeoutOf: (subgraph: string) => number): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      const timeout = timeoutOf(subgraphName);
      if (!(timeout > 0)) return;
      setExecutor(((request: Parameters<typeof executor>[0]) => {
        const controller = new AbortController();
        const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
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
          call = executor({ ...request, signal });
        } catch (error) {
          clearTimeout(timer);
          throw error;
        }
        return Promise.race([Promise.resolve(call), expired]).finally(() => clearTimeout(timer));
      }) as typeof executor);
    },
  } as GatewayPlugin;
}
