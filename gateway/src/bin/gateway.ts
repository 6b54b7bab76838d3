// The distributed mode's gateway: serves schema/supergraph.graphql, subgraphs over HTTP.
import '@welcome-hub/kit/require-node';
import { closeOnSignal, createTokenVerifier, exitOnConfigError, gatewayEnv, listen, parseConfig } from '@welcome-hub/kit';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { createGateway } from '../gateway.js';
import { findRoute } from '@welcome-hub/kit';
import { proxyRoutes } from '../public-routes.js';
import { subgraphUrlsFromEnv } from '../subgraph-urls.js';

let config;
try {
  config = parseConfig(gatewayEnv);
} catch (error) {
  exitOnConfigError(error);
}
const subgraphUrls = subgraphUrlsFromEnv(subgraphs.map((s) => s.name));
const gateway = createGateway({
  supergraph: config.SUPERGRAPH_PATH ? readSupergraph(config.SUPERGRAPH_PATH) : readSupergraph(),
  subgraphUrls,
  verifyToken: createTokenVerifier(config),
  corsOrigins: config.CORS_ORIGINS,
  logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL,
});
// Subgraphs without an explicit URL run at their default port on localhost, as in the supergraph.
const forwarded = proxyRoutes(Object.fromEntries(subgraphs.map((s) => [s.name, subgraphUrls[s.name] ?? `http://localhost:${s.defaultPort}/graphql`])));
const server = await listen(
  (req, res) => {
    const route = findRoute(forwarded, new URL(req.url ?? '/', 'http://hub').pathname);
    return route ? route(req, res) : gateway(req, res);
  },
  config.HOST,
  config.PORT,
);
console.log(`Welcome Hub gateway ready: ${server.url}/graphql`);
closeOnSignal(async () => {
  await server.close();
  await gateway.dispose();
});
