import { describe, expect, it } from '@jest/globals';
import { ConfigError, gatewayEnv, parseConfig, subgraphEnv } from '../src/index.js';

describe('configuration', () => {
  it('applies documented defaults', () => {
    const config = parseConfig(gatewayEnv, {});
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', DATA_DIR: '.data', CORS_ORIGINS: ['*'], NODE_ENV: 'development' });
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

  it('requires a signing key in production', () => {
    expect(() => parseConfig(subgraphEnv, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
    expect(parseConfig(subgraphEnv, { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });

  it('parses a list of CORS origins', () => {
    expect(parseConfig(gatewayEnv, { CORS_ORIGINS: 'https://siegen.de, https://olpe.de' }).CORS_ORIGINS).toEqual(['https://siegen.de', 'https://olpe.de']);
  });
});
