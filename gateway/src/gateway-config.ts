import { ConfigError, gatewayEnv, parseConfig, type GatewayConfig } from '@welcome-hub/kit';

/**
 * The distributed gateway's configuration (`bin/gateway.ts`): the gateway's variables plus
 * what a long-running production gateway needs beyond the embedded mode. Throws a
 * `ConfigError` listing every problem.
 */
export function distributedGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = parseConfig(gatewayEnv, source);
  // Replicas must open each other's session cookies, and a secret drawn at start would sign everybody out at each deploy.
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when NODE_ENV=production (it seals the web sign-in cookies)']);
  }
  return config;
}
