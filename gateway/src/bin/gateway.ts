// The distributed mode's gateway: serves schema/supergraph.graphql, subgraphs over HTTP.
import '@welcome-hub/kit/require-node';
import { DEVELOPMENT_GATEWAY_SECRET, closeOnSignal, createTokenVerifier, exitOnConfigError, gatewayEnv, listen, parseConfig } from '@welcome-hub/kit';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { createGateway } from '../gateway.js';
import { edgeHandler } from '../edge/handler.js';
import { RateLimiter } from '../edge/rate-limit.js';
import { edgeHttpSettings, loadTrustedDocuments, rateLimitSettings } from '../edge/settings.js';
import { readinessRoute } from '../edge/readiness.js';
import { proxyRoutes } from '../public-routes.js';
import { subgraphUrlsFromEnv } from '../subgraph-urls.js';

let config;
try {
  config = parseConfig(gatewayEnv);
} catch (error) {
  exitOnConfigError(error);
}
if (!config.GATEWAY_SECRET) console.warn('GATEWAY_SECRET is not set: subgraph requests are signed with a development secret.');
const subgraphUrls = subgraphUrlsFromEnv(subgraphs.map((s) => s.name));
const rateLimiter = await RateLimiter.create(rateLimitSettings(config));
const gateway = createGateway({
  supergraph: config.SUPERGRAPH_PATH ? readSupergraph(config.SUPERGRAPH_PATH) : readSupergraph(),
  subgraphUrls,
  config,
  gatewaySecret: config.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
  rateLimiter,
  trustedDocuments: loadTrustedDocuments(config),
  logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL,
});
// Subgraphs without an explicit URL run at their default port on localhost, as in the supergraph.
const locations = Object.fromEntries(subgraphs.map((s) => [s.name, subgraphUrls[s.name] ?? `http://localhost:${s.defaultPort}/graphql`]));
const forwarded = proxyRoutes(locations);
const server = await listen(
  edgeHandler({ gateway, routes: { ...forwarded, '/readyz': readinessRoute({ subgraphUrls: locations }) }, verifyToken: createTokenVerifier(config), rateLimiter, ...edgeHttpSettings(config) }),
  config.HOST,
  config.PORT,
);
console.log(`Welcome Hub gateway ready: ${server.url}/graphql (rate limits: ${rateLimiter.store})`);
closeOnSignal(async () => {
  await server.close();
  await gateway.dispose();
  await rateLimiter.close();
});
