// The distributed mode's gateway: serves schema/supergraph.graphql, subgraphs over HTTP.
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import {
  DEFAULT_PUBLIC_URL,
  DEVELOPMENT_GATEWAY_SECRET,
  atLevel,
  closeOnSignal,
  createTokenVerifier,
  configOrExit,
  lifecycleLogger,
  listen,
  logger,
  oidcIssuer,
  setupTracing,
} from '@welcome-hub/kit';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { createPublicEdge } from '../public-edge.js';
import { readinessRoute } from '../edge/readiness.js';
import { proxyRoutes } from '../public-routes.js';
import { distributedMetaUrls, openDataCatalogRoutes } from '../open-data.js';
import { subgraphUrlsFromEnv } from '../subgraph-urls.js';
import { keptSessionSecret } from '../auth/session-secret.js';
import { distributedGatewayConfig } from '../gateway-config.js';

const config = configOrExit(() => distributedGatewayConfig());
const log = atLevel(logger, config.LOG_LEVEL);
if (!config.GATEWAY_SECRET) {
  log.warn('GATEWAY_SECRET is not set: subgraph requests are signed with a development secret.');
}
// Before the runtime starts: its spans, and the traceparent of its subgraph calls, need the provider.
const tracing = setupTracing({ serviceName: 'welcome-hub-gateway' });
const subgraphUrls = subgraphUrlsFromEnv(subgraphs.map((s) => s.name));
// Subgraphs without an explicit URL run at their default port on localhost, as in the supergraph.
const locations = Object.fromEntries(
  subgraphs.map((s) => [s.name, subgraphUrls[s.name] ?? `http://localhost:${s.defaultPort}/graphql`]),
);
const publicUrl = config.PUBLIC_URL ?? DEFAULT_PUBLIC_URL;
const edge = await createPublicEdge({
  config,
  supergraph: config.SUPERGRAPH_PATH ? readSupergraph(config.SUPERGRAPH_PATH) : readSupergraph(),
  subgraphUrls,
  routes: {
    ...proxyRoutes(locations, { trustProxyHops: config.TRUST_PROXY_HOPS }),
    ...openDataCatalogRoutes({
      publicUrl,
      publisher: config.OPEN_DATA_PUBLISHER,
      publisherUrl: config.OPEN_DATA_PUBLISHER_URL,
      metaUrls: distributedMetaUrls(locations),
    }),
    '/readyz': readinessRoute({ subgraphUrls: locations }),
  },
  // The same issuer as every subgraph process: they all need the same PUBLIC_URL.
  verifyToken: createTokenVerifier(config, { oidcIssuer: oidcIssuer(config, publicUrl) }),
  webSignIn: {
    publicUrl,
    issuer: oidcIssuer(config, publicUrl),
    sessionSecret: config.SESSION_SECRET ?? keptSessionSecret(config.DATA_DIR),
  },
  gatewaySecret: config.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
  logger: log,
});
const server = await listen(edge.handler, config.HOST, config.PORT);
// Scripts wait for this line: written whatever LOG_LEVEL says.
lifecycleLogger(log).info(
  { url: server.url, rateLimits: edge.store, responseCache: edge.responseCacheStore },
  `Welcome Hub gateway ready: ${server.url}/graphql (rate limits: ${edge.store}, response cache: ${edge.responseCacheStore})`,
);
closeOnSignal(async () => {
  await server.close();
  await edge.close();
  await tracing.shutdown();
});
