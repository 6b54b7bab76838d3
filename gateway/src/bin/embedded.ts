// `npm start`: the whole hub in one process (PGlite under DATA_DIR, gateway on PORT).
import '@welcome-hub/kit/require-node';
import { randomBytes } from 'node:crypto';
import { closeOnSignal, exitOnConfigError, gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { startEmbedded } from '../embedded.js';

let config;
try {
  // The subgraphs run in this process: a secret drawn now serves them and the gateway alike.
  config = parseConfig(gatewayEnv, { GATEWAY_SECRET: randomBytes(32).toString('hex'), ...process.env });
} catch (error) {
  exitOnConfigError(error);
}
if (!config.JWT_SECRET && !config.JWT_JWKS_URL) {
  console.warn('JWT_SECRET is not set: using the development secret. Tokens from `npm run token` work; never do this in production.');
}
const hub = await startEmbedded({ config });
console.log(`Welcome Hub (embedded) ready: ${hub.url}/graphql`);
closeOnSignal(() => hub.close());
