// The distributed mode's gateway: serves schema/supergraph.graphql, subgraphs over HTTP.
import '@welcome-hub/kit/require-node';
import { closeOnSignal, createTokenVerifier, exitOnConfigError, gatewayEnv, listen, parseConfig } from '@welcome-hub/kit';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { createGateway } from '../gateway.js';
import { subgraphUrlsFromEnv } from '../subgraph-urls.js';

let config;
try {
  config = parseConfig(gatewayEnv);
} catch (error) {
  exitOnConfigError(error);
}
const gateway = createGateway({
  supergraph: config.SUPERGRAPH_PATH ? readSupergraph(config.SUPERGRAPH_PATH) : readSupergraph(),
  subgraphUrls: subgraphUrlsFromEnv(subgraphs.map((s) => s.name)),
  verifyToken: createTokenVerifier(config),
  corsOrigins: config.CORS_ORIGINS,
  logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL,
});
const server = await listen((req, res) => gateway(req, res), config.HOST, config.PORT);
console.log(`Welcome Hub gateway ready: ${server.url}/graphql`);
closeOnSignal(async () => {
  await server.close();
  await gateway.dispose();
});
