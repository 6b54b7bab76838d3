import { describe, expect, it } from '@jest/globals';
import { accessTokenLifetimeProblem, checkSubgraphConfig, commonEnv, ConfigError, parseConfig } from '@welcome-hub/kit';
import { identitySubgraph } from '../src/server.js';

// The own provider's access tokens must pass the hub's own lifetime check: the identity
// subgraph (which serves the provider, alone or in the embedded hub) refuses to start
// otherwise, before it opens anything (gateway/test/cli.test.ts runs both entry points).
// Other processes do not check: their ACCESS_TOKEN_TTL_SECONDS may be left unset.
const check = (env: Record<string, string>) => () =>
  checkSubgraphConfig([identitySubgraph], parseConfig(commonEnv, env));

describe("the own provider's access token lifetime", () => {
  it('refuses to serve tokens longer-lived than the maximum the hub accepts', () => {
    let error: unknown;
    try {
      check({ JWT_MAX_LIFETIME_SECONDS: '240' })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'ACCESS_TOKEN_TTL_SECONDS: 300 is longer than the maximum token lifetime of 240 s (JWT_MAX_LIFETIME_SECONDS); the hub would refuse the access tokens its own provider issues',
    ]);
  });

  it('leaves the check out when an external provider issues the tokens', () => {
    expect(check({ JWT_MAX_LIFETIME_SECONDS: '240', OIDC_ISSUER: 'https://id.example.org/realms/hub' })).not.toThrow();
  });

  it('accepts a lifetime up to the maximum, and every default', () => {
    const problem = (env: Record<string, string>) => accessTokenLifetimeProblem(parseConfig(commonEnv, env));
    expect(problem({ JWT_MAX_LIFETIME_SECONDS: '300' })).toBeNull();
    expect(problem({ JWT_MAX_LIFETIME_SECONDS: '300', ACCESS_TOKEN_TTL_SECONDS: '301' })).toMatch(/^ACCESS_TOKEN_TTL/);
    expect(problem({})).toBeNull();
    // The longest TTL against production's default maximum of 2 h.
    expect(
      problem({
        NODE_ENV: 'production',
        JWT_SECRET: 's'.repeat(32),
        GATEWAY_SECRET: 'g'.repeat(32),
        ACCESS_TOKEN_TTL_SECONDS: '3600',
      }),
    ).toBeNull();
    expect(check({ JWT_MAX_LIFETIME_SECONDS: '300' })).not.toThrow();
  });
});
