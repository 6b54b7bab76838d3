import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { operationLabel } from './metrics.js';
import type { SubgraphMetrics } from './subgraph-metrics.js';

export interface ObservabilityPluginOptions {
  subgraph: string;
  metrics: SubgraphMetrics;
  logger: Logger;
}

/**
 * Records each operation a subgraph serves: the operation counter and latency histogram
 * (by subgraph, operation name and outcome), the name and outcome on the span that
 * serves the request (started by apolloHandler, a child of the gateway's), and one debug
 * line. The gateway writes the request's info line; a subgraph adds detail only on demand.
 */
export function observabilityPlugin<C extends BaseContext>(options: ObservabilityPluginOptions): ApolloServerPlugin<C> {
  const { subgraph, metrics, logger } = options;
  return {
    async requestDidStart() {
      const started = performance.now();
      const span = trace.getActiveSpan();
      let operation = 'anonymous';
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = operationLabel(operationName);
          span?.updateName(`graphql.operation ${operation}`);
          span?.setAttributes({
            'graphql.operation.name': operation,
            'graphql.operation.type': definition?.operation ?? 'unknown',
          });
        },
        async willSendResponse({ response, errors }) {
          const body = response.body;
          const failed =
            (errors?.length ?? 0) > 0 || (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0);
          const outcome = failed ? 'error' : 'success';
          const seconds = (performance.now() - started) / 1000;
          const labels = { subgraph, operation, outcome };
          metrics.operations.inc(labels);
          metrics.duration.observe(labels, seconds);
          if (failed) span?.setStatus({ code: SpanStatusCode.ERROR });
          span?.setAttribute('hub.outcome', outcome);
          logger.debug(
            { operation, outcome, status: response.http.status ?? 200, durationMs: Math.round(seconds * 1000) },
            'graphql operation',
          );
        },
      };
    },
  };
}
