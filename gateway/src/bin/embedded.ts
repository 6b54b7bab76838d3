// `npm start`: the whole hub in one process (PGlite under DATA_DIR, gateway on PORT).
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import { randomBytes } from 'node:crypto';
import {
  atLevel,
  closeOnSignal,
  configOrExit,
  exitOnConfigError,
  gatewayEnv,
  lifecycleLogger,
  logger,
  parseConfig,
  setupTracing,
} from '@welcome-hub/kit';
import { startEmbedded } from '../embedded.js';

// The subgraphs run in this process: a secret drawn now serves them and the gateway alike.
const config = configOrExit(() =>
  parseConfig(gatewayEnv, { GATEWAY_SECRET: randomBytes(32).toString('hex'), ...process.env }),
);
const log = atLevel(logger, config.LOG_LEVEL);
if (!config.JWT_SECRET && !config.JWT_JWKS_URL) {
  log.warn(
    'JWT_SECRET is not set: using the development secret. Tokens from `npm run token` work; never do this in production.',
  );
}
// One tracer provider for the gateway and every subgraph of this process (OTLP only when configured).
const tracing = setupTracing({ serviceName: 'welcome-hub' });
const hub = await startEmbedded({ config, logger: log }).catch(exitOnConfigError);
// Scripts wait for this line: written whatever LOG_LEVEL says.
lifecycleLogger(log).info({ url: hub.url }, `Welcome Hub (embedded) ready: ${hub.url}/graphql`);
closeOnSignal(async () => {
  await hub.close();
  await tracing.shutdown();
});
