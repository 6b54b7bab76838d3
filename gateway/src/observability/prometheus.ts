import type { GatewayConfigContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import useMeshPrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import { operationLabel } from '@welcome-hub/kit';
import type { Registry } from 'prom-client';

/** Latency buckets in seconds: from a cached lookup to the request deadline. */
const BUCKETS: [number, ...number[]] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface OperationParams {
  operationName?: string | null;
  operationType?: string | null;
}

/** Operation labels with a bounded set of names (see operationLabel): clients choose the names. */
const operationLabels = (params: OperationParams) => ({
  operationName: operationLabel(params.operationName),
  operationType: params.operationType ?? 'unknown',
});

interface SubgraphParams {
  subgraphName: string;
  executionRequest: OperationParams;
}

const subgraphLabels = ({ subgraphName, executionRequest }: SubgraphParams) => ({
  subgraphName,
  ...operationLabels({
    operationName: executionRequest.operationName,
    operationType: executionRequest.operationType ?? 'query',
  }),
});

/**
 * The gateway's Prometheus metrics (Hive's `usePrometheus`), into `registry`, which the
 * edge serves at /metrics behind the metrics guard (the plugin's own endpoint is off):
 * - graphql_envelop_request and graphql_envelop_request_duration: operations and their
 *   latency, by operation name and type;
 * - graphql_envelop_error_result: errors by operation and phase;
 * - graphql_gateway_subgraph_execute_duration and _errors: each subgraph call by subgraph
 *   and operation; graphql_gateway_fetch_duration: the HTTP calls behind them.
 * Metrics that label by the request URL, by field or by resolver are off: their label
 * values are unbounded (a GET's query string) or too many for a scrape.
 */
export function prometheusPlugin(context: GatewayConfigContext, registry: Registry): GatewayPlugin {
  const operation = ['operationName', 'operationType'] as const;
  const bySubgraph = ['subgraphName', 'operationName', 'operationType'] as const;
  return useMeshPrometheus({
    log: context.log,
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'GraphQL operations the gateway executed',
          labelNames: operation,
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time from parse to the end of execution',
          labelNames: operation,
          buckets: BUCKETS,
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors in GraphQL results, by phase',
          labelNames: [...operation, 'phase'],
        },
        fillLabelsFn: (params: OperationParams & { errorPhase?: string }) => ({
          ...operationLabels(params),
          phase: params.errorPhase ?? 'unknown',
        }),
      }),
      graphql_gateway_subgraph_execute_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_gateway_subgraph_execute_duration',
          help: 'Time spent on subgraph execution',
          labelNames: bySubgraph,
          buckets: BUCKETS,
        },
        fillLabelsFn: subgraphLabels,
      }),
      graphql_gateway_subgraph_execute_errors: createCounter({
        registry,
        counter: {
          name: 'graphql_gateway_subgraph_execute_errors',
          help: 'Errors in subgraph results',
          labelNames: bySubgraph,
        },
        fillLabelsFn: subgraphLabels,
      }),
      graphql_gateway_fetch_duration: BUCKETS,
      graphql_envelop_schema_change: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_execute_resolver: false,
      graphql_yoga_http_duration: false,
    },
  }) as GatewayPlugin;
}
