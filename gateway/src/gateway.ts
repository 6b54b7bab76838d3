import {
  createGatewayRuntime,
  type GatewayPlugin,
  type GatewayRuntime,
  type UnifiedGraphHandler,
} from '@graphql-hive/gateway-runtime';
import { useRequestDeadline } from '@whatwg-node/server';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { REQUEST_ID_HEADER, logger as processLogger, tracingExports, type GatewayConfig } from '@welcome-hub/kit';
import type { Logger } from 'pino';
import { parse } from 'graphql';
import { Registry } from 'prom-client';
import { httpCachingPlugin } from './edge/caching.js';
import { CSRF_HEADERS, csrfPlugin } from './edge/csrf.js';
import { corsPolicy } from './edge/cors.js';
import { operationLimitPlugins } from './edge/limits.js';
import { reservedResponseNamesPlugin } from './edge/reserved-names.js';
import { admissionPlugin } from './edge/admission.js';
import type { RateLimiter } from './edge/rate-limit.js';
import { trustedDocuments, trustedDocumentsMode } from './edge/trusted-documents.js';
import { responseSizePlugin } from './edge/response-size.js';
import { requestErrorsPlugin } from './edge/request-errors.js';
import { upstreamTimeoutPlugin } from './edge/upstream-timeout.js';
import { sharedSubgraphCallsPlugin } from './edge/shared-calls.js';
import { sharedExecutionsPlugin } from './edge/shared-executions.js';
import { upstreamSignaturePlugin } from './edge/upstream-signature.js';
import { subgraphErrorsPlugin } from './edge/subgraph-errors.js';
import { subgraphOperationNamesPlugin } from './edge/subgraph-operation-names.js';
import { unavailablePathsPlugin } from './edge/unavailable-paths.js';
import { executionDataPlugin } from './edge/execution-data.js';
import { splitIntrospection } from './edge/introspection-split.js';
import { accessLogPlugin } from './observability/access-log.js';
import { hiveLogger } from './observability/hive-logger.js';
import { prometheusPlugin } from './observability/prometheus.js';

/** The configuration the gateway reads (see README "Configuration" and "Limits"). */
export type EdgeConfig = Pick<
  GatewayConfig,
  | 'NODE_ENV'
  | 'CORS_ORIGINS'
  | 'GRAPHIQL'
  | 'GRAPHQL_INTROSPECTION'
  | 'FIELD_SUGGESTIONS'
  | 'LIMIT_DEPTH'
  | 'LIMIT_ALIASES'
  | 'LIMIT_TOKENS'
  | 'LIMIT_DIRECTIVES'
  | 'LIMIT_COST'
  | 'LIMIT_RESPONSE_BYTES'
  | 'LIMIT_HEAVY_COST'
  | 'LIMIT_HEAVY_CONCURRENCY'
  | 'LIMIT_HEAVY_QUEUE'
  | 'UPSTREAM_TIMEOUT_MS'
  | 'UPSTREAM_TIMEOUTS'
  | 'REQUEST_DEADLINE_MS'
  | 'CACHE_MAX_AGE_SECONDS'
  | 'TRUSTED_DOCUMENTS'
  | 'QUERY_PLANNER'
>;

/**
 * The query planner QUERY_PLANNER names: Hive Router's (Rust, with its executor) for "rust"
 * (the default), undefined (the stitching runtime's JavaScript planner) for "javascript".
 * Imported only when chosen: the native addon costs start-up time and memory. Queries
 * mixing introspection with data run as two halves there (edge/introspection-split.ts).
 */
export async function queryPlanner(
  config: Pick<EdgeConfig, 'QUERY_PLANNER'>,
): Promise<UnifiedGraphHandler | undefined> {
  if (config.QUERY_PLANNER !== 'rust') return undefined;
  try {
    // The runtime loads the planner's native addon only when the supergraph arrives: load it
    // now, so a platform without it fails here, with the hint.
    await import('@graphql-hive/router-query-planner');
    return splitIntrospection((await import('@graphql-hive/router-runtime')).unifiedGraphHandler);
  } catch (error) {
    throw new Error(
      `QUERY_PLANNER=rust: Hive Router's planner could not be loaded (${(error as Error).message}); ` +
        'its native addon ships for linux-x64/arm64 and macOS. QUERY_PLANNER=javascript runs without it.',
      { cause: error },
    );
  }
}

export interface GatewayOptions {
  /** Supergraph SDL (schema/supergraph.graphql). */
  supergraph: string;
  /** Overrides the supergraph's subgraph URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  config: EdgeConfig;
  /** The runtime's own lines go here as JSON, at its level (default: the process's logger). */
  logger?: Logger;
  /** Where the gateway's Prometheus metrics are registered (default: a registry of its own). */
  metricsRegistry?: Registry;
  /** HMAC secret shared with the subgraphs: every subgraph request is signed with it. */
  gatewaySecret: string;
  /** Charges each operation's estimated cost to the client the edge handler identified. */
  rateLimiter?: RateLimiter;
  /** Trusted documents by id ("sha256:<hex>"): the committed manifest and any partner documents. */
  trustedDocuments: ReadonlyMap<string, string>;
  /** The planner queryPlanner() loaded for QUERY_PLANNER; undefined: the JavaScript planner. */
  planner?: UnifiedGraphHandler;
  /** The response cache's plugins (edge/response-cache.ts); none: no response cache. */
  responseCache?: GatewayPlugin[];
}

const EXAMPLE_QUERY = `# Welcome Hub: municipalities of Südwestfalen and the Ruhr sharing how they welcome newcomers.
# Official statistics: Destatis, dl-de/by-2-0 (see Municipality.attribution).
{
  municipality(ags: "05970040") {
    name
    population
    district { name }
    cooperations { name }
  }
  cooperation(slug: "integration-interkommunal") {
    name
    members { municipality { ags name } since }
  }
}
`;

/** Production closes what helps an attacker explore; each switch can be opened by its variable. */
export function developmentFeatures(config: EdgeConfig) {
  const development = config.NODE_ENV !== 'production';
  return {
    graphiql: config.GRAPHIQL ?? development,
    introspection: config.GRAPHQL_INTROSPECTION ?? development,
    suggestions: config.FIELD_SUGGESTIONS ?? development,
    // Production answers no cross-origin browser call unless CORS_ORIGINS names the origin.
    corsOrigins: config.CORS_ORIGINS ?? (development ? ['*'] : []),
  };
}

/**
 * The Hive Gateway runtime over the static supergraph, with the public edge's rules as
 * plugins of well-kept libraries: operation limits before planning, CSRF prevention,
 * upstream timeouts and a deadline, HTTP caching of anonymous reads, and production
 * defaults. Authentication and rate limits run in front of it (edge/handler.ts).
 * Observability is Hive's too: JSON logs through pino, the request id forwarded to every
 * subgraph, OpenTelemetry spans (subgraph calls carry `traceparent`) and Prometheus metrics.
 */
export function createGateway(options: GatewayOptions): GatewayRuntime {
  const { config } = options;
  const features = developmentFeatures(config);
  const metricsRegistry = options.metricsRegistry ?? new Registry();
  return createGatewayRuntime({
    supergraph: options.supergraph,
    unifiedGraphHandler: options.planner,
    logging: hiveLogger(options.logger ?? processLogger),
    // The edge has put a well-formed id into this header (observability/access-log.ts): the
    // runtime logs with it, forwards it to every subgraph and echoes it.
    requestId: { headerName: REQUEST_ID_HEADER },
    landingPage: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    graphiql: features.graphiql
      ? {
          title: 'Welcome Hub GraphiQL',
          defaultQuery: EXAMPLE_QUERY,
          headers: JSON.stringify({ 'x-graphql-csrf': '1' }),
        }
      : false,
    // Bundled GraphiQL: works on machines without internet access. Imported on its first
    // page view: the module is 8.9 MB of source held as 28 MiB of strings (of ~120 MiB of
    // JavaScript heap the embedded hub keeps after start), which no API caller needs.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    cors: corsPolicy(features.corsOrigins),
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls ?? {}).map(([name, location]) => [name, { location }]),
    ),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const authorization = request.headers.get('authorization');
        const requestId = request.headers.get(REQUEST_ID_HEADER);
        const headers: Record<string, string> = {};
        if (authorization) headers.authorization = authorization;
        if (requestId) headers[REQUEST_ID_HEADER] = requestId;
        return headers;
      },
    },
    disableIntrospection: features.introspection ? undefined : { disableIf: () => true },
    persistedDocuments: trustedDocuments({ mode: trustedDocumentsMode(config), documents: options.trustedDocuments }),
    // Work for a client that left, or past the deadline, stops: its subgraph calls are aborted
    // (by edge/upstream-timeout.ts, in place of the runtime's upstreamCancellation).
    executionCancellation: true,
    plugins: (context) => [
      // Outermost: the trace and the metrics cover everything the other plugins do. Spans go
      // to the process's tracer provider (setupTracing); subgraph calls carry `traceparent`.
      // A client's traceparent is not trusted: it could switch sampling off or join another's trace.
      // Only when spans leave the process (tracingExports): unrecorded ones cost CPU and reach no one.
      ...(tracingExports() ? [useOpenTelemetry({ log: context.log, traces: true, inheritContext: false })] : []),
      prometheusPlugin(context, metricsRegistry),
      accessLogPlugin(),
      // The runtime's own requestDeadline answers plain text; this one answers a coded error.
      useRequestDeadline({
        timeout: config.REQUEST_DEADLINE_MS,
        response: () =>
          Response.json(
            {
              errors: [
                {
                  message: `The request took longer than ${config.REQUEST_DEADLINE_MS} ms and was stopped.`,
                  extensions: { code: 'REQUEST_TIMEOUT' },
                },
              ],
            },
            { status: 503, headers: { connection: 'close', 'retry-after': '5' } },
          ),
      }) as GatewayPlugin,
      csrfPlugin(),
      requestErrorsPlugin(),
      reservedResponseNamesPlugin(),
      ...operationLimitPlugins({
        depth: config.LIMIT_DEPTH,
        aliases: config.LIMIT_ALIASES,
        tokens: config.LIMIT_TOKENS,
        directives: config.LIMIT_DIRECTIVES,
        cost: config.LIMIT_COST,
      }),
      ...(features.suggestions ? [] : [blockFieldSuggestionsPlugin({ mask: '' })]),
      admissionPlugin(
        {
          heavyCost: config.LIMIT_HEAVY_COST,
          concurrency: config.LIMIT_HEAVY_CONCURRENCY,
          queue: config.LIMIT_HEAVY_QUEUE,
        },
        options.rateLimiter,
      ),
      responseSizePlugin(config.LIMIT_RESPONSE_BYTES),
      httpCachingPlugin(config.CACHE_MAX_AGE_SECONDS),
      // After the admission control (each request charged, heavy ones queued): identical
      // queries executing at once run once. Inside the response cache: a cache hit never
      // waits for an execution, and each caller's answer is cached by its own rules.
      sharedExecutionsPlugin(),
      // After the limits and the admission control: a cached answer is still only given to an operation they let through.
      ...(options.responseCache ?? []),
      // In place of the runtime's upstream timeout and cancellation: a subgraph that fails nulls only the fields it serves.
      // Before the partial-answers plugin, which must stay outermost to turn its timeouts into SUBGRAPH_UNAVAILABLE.
      upstreamTimeoutPlugin((subgraph) => config.UPSTREAM_TIMEOUTS[subgraph] ?? config.UPSTREAM_TIMEOUT_MS),
      subgraphErrorsPlugin(),
      ...(options.planner
        ? [executionDataPlugin(), unavailablePathsPlugin(parse(options.supergraph)), subgraphOperationNamesPlugin()]
        : []),
      // Identical reads in flight at once go to the subgraph once (the request id left out of the key).
      sharedSubgraphCallsPlugin(),
      // Subgraphs refuse requests without this signature: only the gateway reaches them. Hive
      // Gateway's HMAC signature, computed synchronously (edge/upstream-signature.ts) and
      // registered last: it signs the subgraph request as the plugins above left it.
      upstreamSignaturePlugin(options.gatewaySecret),
    ],
  });
}
