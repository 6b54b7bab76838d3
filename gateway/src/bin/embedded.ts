// `npm start`: the whole hub in one process (PGlite under DATA_DIR, gateway on PORT).
import '@welcome-hub/kit/require-node';
import { closeOnSignal, exitOnConfigError, gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { startEmbedded } from '../embedded.js';

let config;
try {
  config = parseConfig(gatewayEnv);
} catch (error) {
  exitOnConfigError(error);
}
if (!config.JWT_SECRET && !config.JWT_JWKS_URL) {
  console.warn('JWT_SECRET is not set: using the development secret. Tokens from `npm run token` work; never do this in production.');
}
const hub = await startEmbedded({ config });
console.log(`Welcome Hub (embedded) ready: ${hub.url}/graphql`);
closeOnSignal(() => hub.close());
