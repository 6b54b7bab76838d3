// What the test files need to find the hub a test run shares; nothing here loads the hub.
/** Where the run's shared hub is announced to the test files (see gateway/test/shared-hub.setup.mjs). */
export const SHARED_HUB_ENV = {
  url: 'WELCOME_HUB_SHARED_URL',
  internalUrl: 'WELCOME_HUB_SHARED_INTERNAL_URL',
  secret: 'WELCOME_HUB_SHARED_SECRET',
} as const;

/**
 * The configuration of the hub a test run shares: one client (every test file, from
 * loopback) makes all its requests, so the rate limits are out of the way; a gateway secret
 * the files may sign subgraph requests with; and, as for the browser tests' own hubs, time
 * limits for a loaded machine (the tests are about answers, not about timeouts).
 */
export function sharedHubEnv(secret: string): Record<string, string> {
  return {
    GATEWAY_SECRET: secret,
    RATE_LIMIT_POINTS: '100000000',
    RATE_LIMIT_COST_POINTS: '1000000000',
    UPSTREAM_TIMEOUT_MS: '60000',
    REQUEST_DEADLINE_MS: '120000',
  };
}
