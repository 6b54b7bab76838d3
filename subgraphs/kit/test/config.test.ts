import { describe, expect, it } from '@jest/globals';
import { ConfigError, gatewayEnv, parseConfig, subgraphEnv } from '../src/index.js';

describe('configuration', () => {
  it('applies documented defaults', () => {
    const config = parseConfig(gatewayEnv, {});
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', DATA_DIR: '.data', NODE_ENV: 'development' });
    expect(config.CORS_ORIGINS).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseConfig(gatewayEnv, { PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toContain('.env.example');
  });

  it('requires a signing key and the gateway secret in production', () => {
    expect(() => parseConfig(subgraphEnv, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
    expect(() => parseConfig(subgraphEnv, { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) })).toThrow(
      /GATEWAY_SECRET: required/,
    );
    const config = parseConfig(subgraphEnv, {
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      GATEWAY_SECRET: 'g'.repeat(32),
    });
    expect(config.JWT_SECRET).toHaveLength(32);
    expect(config.GATEWAY_SECRET).toHaveLength(32);
    expect(() => parseConfig(subgraphEnv, { GATEWAY_SECRET: 'short' })).toThrow(
      /GATEWAY_SECRET: must have at least 32 characters/,
    );
  });

  it('reads JWT_MAX_LIFETIME_SECONDS as a whole number of seconds from 1 to 24 h; unset leaves the default to NODE_ENV', () => {
    expect(parseConfig(subgraphEnv, {}).JWT_MAX_LIFETIME_SECONDS).toBeUndefined();
    expect(parseConfig(subgraphEnv, { JWT_MAX_LIFETIME_SECONDS: '' }).JWT_MAX_LIFETIME_SECONDS).toBeUndefined();
    expect(parseConfig(gatewayEnv, { JWT_MAX_LIFETIME_SECONDS: '3600' }).JWT_MAX_LIFETIME_SECONDS).toBe(3600);
    for (const [value, problem] of [
      ['0', 'must be at least 1 second'],
      ['-3600', 'must be at least 1 second'],
      ['1.5', 'must be a whole number of seconds'],
      ['8h', 'must be a whole number of seconds'],
      ['86401', 'must be at most 86400'],
    ]) {
      expect(() => parseConfig(gatewayEnv, { JWT_MAX_LIFETIME_SECONDS: value })).toThrow(
        `JWT_MAX_LIFETIME_SECONDS: ${problem}`,
      );
    }
  });

  it('reads the response cache TTL (0 to 3 600 s, default 60) and the query planner (javascript or rust)', () => {
    expect(parseConfig(gatewayEnv, {})).toMatchObject({ RESPONSE_CACHE_TTL_SECONDS: 60, QUERY_PLANNER: 'rust' });
    expect(parseConfig(gatewayEnv, { RESPONSE_CACHE_TTL_SECONDS: '0', QUERY_PLANNER: 'javascript' })).toMatchObject({
      RESPONSE_CACHE_TTL_SECONDS: 0,
      QUERY_PLANNER: 'javascript',
    });
    for (const value of ['-1', '3601', '1.5', 'soon'])
      expect(() => parseConfig(gatewayEnv, { RESPONSE_CACHE_TTL_SECONDS: value })).toThrow(
        /RESPONSE_CACHE_TTL_SECONDS/,
      );
    expect(() => parseConfig(gatewayEnv, { QUERY_PLANNER: 'fast' })).toThrow(
      /QUERY_PLANNER: must be javascript or rust/,
    );
  });

  it('caps subgraph request bodies at 2 MiB unless configured', () => {
    expect(parseConfig(subgraphEnv, {}).LIMIT_BODY_BYTES).toBe(2 * 1024 * 1024);
    expect(parseConfig(subgraphEnv, { LIMIT_BODY_BYTES: '1024' }).LIMIT_BODY_BYTES).toBe(1024);
  });

  it('parses a list of CORS origins', () => {
    expect(parseConfig(gatewayEnv, { CORS_ORIGINS: 'https://siegen.de, https://olpe.de' }).CORS_ORIGINS).toEqual([
      'https://siegen.de',
      'https://olpe.de',
    ]);
    expect(parseConfig(gatewayEnv, { UPSTREAM_TIMEOUTS: 'search=2000, practices=5000' }).UPSTREAM_TIMEOUTS).toEqual({
      search: 2000,
      practices: 5000,
    });
    expect(parseConfig(gatewayEnv, {}).UPSTREAM_TIMEOUTS).toEqual({});
    expect(() => parseConfig(gatewayEnv, { UPSTREAM_TIMEOUTS: 'search:2000' })).toThrow(/UPSTREAM_TIMEOUTS/);
  });

  it('reads rate-limit tiers as multiples of the standard allowance', () => {
    expect(parseConfig(gatewayEnv, {}).RATE_LIMIT_TIERS).toEqual(
      new Map([
        ['partner', 5],
        ['dashboard', 20],
      ]),
    );
    expect(parseConfig(gatewayEnv, { RATE_LIMIT_TIERS: 'cms=3' }).RATE_LIMIT_TIERS).toEqual(new Map([['cms', 3]]));
    for (const value of ['partner=0', 'partner:5', 'partner=5,', 'Partner=5', 'partner=1.5']) {
      expect(() => parseConfig(gatewayEnv, { RATE_LIMIT_TIERS: value })).toThrow(
        /RATE_LIMIT_TIERS: must look like partner=5,dashboard=20/,
      );
    }
  });
});
