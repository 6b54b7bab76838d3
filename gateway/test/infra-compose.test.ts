import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { gatewayEnv, parseConfig, subgraphEnv } from '@welcome-hub/kit';
import { subgraphs } from '@welcome-hub/schema';
import { distributedGatewayConfig } from '../src/gateway-config.js';
import {
  repoPath,
  DOCKERFILE_PATH,
  GATEWAY_PORT,
  REDIS_IMAGE,
  REDIS_URL,
  MEILISEARCH_IMAGE,
  documentedVariables,
  expectExplicitOrigins,
  envName,
  subgraphUrl,
  subgraphCommand,
  GATEWAY_COMMAND,
  SEED_COMMAND,
  subgraphCases,
  usesSearchEngine,
  compose,
  service,
  environmentOf,
  dependsOn,
  commandOf,
  healthcheckOf,
  volumeTargets,
  interpolate,
  interpolatedVariables,
  postgresEnv,
  nodeServices,
  expectDatabaseUrlOnPostgres,
} from './infra/common.js';

// infra/ cannot be run here (no Docker engine): these tests parse docker-compose.yml, the
// Dockerfile and .env.example and hold them to the subgraph list (k8s: infra-k8s.test.ts).
describe('infra/docker-compose.yml', () => {
  it('parses and has exactly postgres, meilisearch, redis, seed, gateway and one service per subgraph', () => {
    expect(compose).toEqual(expect.objectContaining({ services: expect.any(Object) }));
    const expected = ['postgres', 'meilisearch', 'redis', 'seed', 'gateway', ...subgraphs.map((s) => s.name)].sort();
    expect(Object.keys(compose.services).sort()).toEqual(expected);
  });

  it('runs PostgreSQL 15 with a named volume and a pg_isready health check', () => {
    const postgres = service('postgres');
    expect(postgres.image).toBe('postgres:15-alpine');
    expect(postgresEnv.POSTGRES_USER).toMatch(/^\w+$/);
    expect(postgresEnv.POSTGRES_DB).toMatch(/^\w+$/);
    expect(postgresEnv.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD(:?-[^}]*)?\}$/);
    const data = volumeTargets(postgres).find((v) => v.target === '/var/lib/postgresql/data');
    expect(data?.source).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
    expect(healthcheckOf(postgres).join(' ')).toMatch(/pg_isready -U \w+ -d \w+/);
  });

  it("runs the packaged binary's Meilisearch version with a persistent volume and a required master key", () => {
    const meilisearch = service('meilisearch');
    expect(meilisearch.image).toBe(MEILISEARCH_IMAGE);
    expect(environmentOf(meilisearch).MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]+\}$/);
    const data = volumeTargets(meilisearch).find((v) => v.target === '/meili_data');
    expect(Object.keys(compose.volumes ?? {})).toContain(data?.source);
  });

  it('runs Redis for the rate limits without persistence, health-checked, on the compose network only', () => {
    const redis = service('redis');
    expect(redis.image).toBe(REDIS_IMAGE);
    const command = commandOf(redis) ?? [];
    expect(command[0]).toBe('redis-server');
    // No snapshots, no append-only file, and no named volume: the counters expire anyway.
    expect(command[command.indexOf('--save') + 1]).toBe('');
    expect(command[command.indexOf('--appendonly') + 1]).toBe('no');
    expect(volumeTargets(redis)).toEqual([]);
    expect(healthcheckOf(redis)).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(redis.ports ?? []).toEqual([]);
  });

  it('runs the seed once, after PostgreSQL is healthy, against the postgres service', () => {
    const seed = service('seed');
    expect(commandOf(seed)).toEqual(SEED_COMMAND);
    expect(seed.restart).toBe('no');
    expect(dependsOn(seed)).toEqual({ postgres: 'service_healthy' });
    expectDatabaseUrlOnPostgres(environmentOf(seed));
  });

  it.each(subgraphCases)(
    'runs the subgraph %s on port %i, after the seed (and Meilisearch where it needs it), with a /readyz health check',
    (name, port) => {
      const svc = service(name);
      const env = environmentOf(svc);
      expect(commandOf(svc)).toEqual(subgraphCommand(name));
      expect(env.PORT).toBe(String(port));
      expect(env.HOST).toBe('0.0.0.0');
      expectDatabaseUrlOnPostgres(env);
      if (usesSearchEngine(name)) {
        // Search queries Meilisearch, the domain subgraphs relay their outbox to it.
        expect(env.MEILI_URL).toBe('http://meilisearch:7700');
        expect(env.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]+\}$/);
        expect(dependsOn(svc)).toEqual({
          postgres: 'service_healthy',
          meilisearch: 'service_healthy',
          seed: 'service_completed_successfully',
        });
      } else {
        // Nothing to index (identity): no key to Meilisearch.
        expect({ MEILI_URL: env.MEILI_URL, MEILI_MASTER_KEY: env.MEILI_MASTER_KEY }).toEqual({
          MEILI_URL: undefined,
          MEILI_MASTER_KEY: undefined,
        });
        expect(dependsOn(svc)).toEqual({ postgres: 'service_healthy', seed: 'service_completed_successfully' });
      }
      const test = healthcheckOf(svc);
      expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(test[3]).toContain(`fetch('http://127.0.0.1:${port}/readyz')`);
      expect(svc.ports ?? []).toEqual([]); // reachable through the gateway only
    },
  );

  it('runs the gateway on published port 4000 with every subgraph URL, after every subgraph is healthy', () => {
    const gateway = service('gateway');
    const env = environmentOf(gateway);
    expect(commandOf(gateway)).toEqual(GATEWAY_COMMAND);
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(env.HOST).toBe('0.0.0.0');
    expect((gateway.ports ?? []).map(String)).toContain(`${GATEWAY_PORT}:${GATEWAY_PORT}`);
    const urls = Object.fromEntries(Object.entries(env).filter(([key]) => /^SUBGRAPH_\w+_URL$/.test(key)));
    expect(urls).toEqual(
      Object.fromEntries(subgraphs.map((s) => [envName(s.name), subgraphUrl(s.name, s.defaultPort)])),
    );
    expect(dependsOn(gateway)).toEqual({
      redis: 'service_healthy',
      ...Object.fromEntries(subgraphs.map((s) => [s.name, 'service_healthy'])),
    });
    expect(healthcheckOf(gateway)[3]).toContain(`fetch('http://127.0.0.1:${GATEWAY_PORT}/healthz')`);
  });

  it("shares the gateway replicas' rate limits through the redis service", () => {
    const env = environmentOf(service('gateway'));
    expect(env.REDIS_URL).toBe(REDIS_URL);
    expect(service(new URL(env.REDIS_URL!).hostname).image).toBe(REDIS_IMAGE);
    // Only the gateway needs it.
    for (const name of nodeServices.filter((n) => n !== 'gateway'))
      expect({ service: name, REDIS_URL: environmentOf(service(name)).REDIS_URL }).toEqual({
        service: name,
        REDIS_URL: undefined,
      });
  });

  it('allows explicit browser origins only (a placeholder by default, never *) and trusted documents for anonymous callers', () => {
    const env = environmentOf(service('gateway'));
    // ${CORS_ORIGINS:-<default>}: the default is what runs when the variable is unset.
    const cors = /^\$\{CORS_ORIGINS:?-([^}]*)\}$/.exec(env.CORS_ORIGINS ?? '');
    expect(cors).not.toBeNull();
    expectExplicitOrigins(cors![1]);
    expect(env.TRUSTED_DOCUMENTS).toBe('anonymous');
    expect(env.TRUST_PROXY_HOPS).toMatch(/^(\d+|\$\{TRUST_PROXY_HOPS:?-0\})$/);
  });

  it('gives every hub process the same required PUBLIC_URL and identity provider settings, so they expect the same token issuer', () => {
    const values = nodeServices.map((name) => {
      const env = environmentOf(service(name));
      return {
        service: name,
        PUBLIC_URL: env.PUBLIC_URL,
        OIDC_ISSUER: env.OIDC_ISSUER,
        OIDC_ROLE_CLAIM: env.OIDC_ROLE_CLAIM,
      };
    });
    for (const value of values) {
      expect(value).toEqual({
        service: value.service,
        PUBLIC_URL: expect.stringMatching(/^\$\{PUBLIC_URL:\?[^}]+\}$/),
        OIDC_ISSUER: expect.stringMatching(/^\$\{OIDC_ISSUER:?-\}$/),
        OIDC_ROLE_CLAIM: expect.stringMatching(/^\$\{OIDC_ROLE_CLAIM/),
      });
    }
    expect(new Set(values.map((v) => JSON.stringify({ ...v, service: undefined }))).size).toBe(1);
  });

  it('gives every hub process the same required GATEWAY_SECRET', () => {
    const values = nodeServices.map((name) => ({
      service: name,
      GATEWAY_SECRET: environmentOf(service(name)).GATEWAY_SECRET,
    }));
    for (const value of values) {
      expect(value).toEqual({
        service: value.service,
        GATEWAY_SECRET: expect.stringMatching(/^\$\{GATEWAY_SECRET:\?[^}]+\}$/),
      });
    }
    expect(new Set(values.map((v) => v.GATEWAY_SECRET)).size).toBe(1);
  });

  it('publishes a port for the gateway only: subgraphs, databases and Redis stay on the compose network', () => {
    const published = Object.entries(compose.services)
      .filter(([, svc]) => (svc.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
    expect((service('gateway').ports ?? []).map(String)).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
  });

  it.each(nodeServices)('builds %s from infra/Dockerfile and runs it in production mode on 0.0.0.0', (name) => {
    const svc = service(name);
    expect(svc.build).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
    expect(svc.image).toBe(service('gateway').image);
    const env = environmentOf(svc);
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('points every command at an entry point that exists in the sources', () => {
    for (const name of nodeServices) {
      const [node, script] = commandOf(service(name)) ?? [];
      expect(node).toBe('node');
      const source = script!.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
      expect({ service: name, exists: existsSync(repoPath(source)) }).toEqual({ service: name, exists: true });
    }
  });

  it('hard-codes no secret: GATEWAY_SECRET, SESSION_SECRET and MEILI_MASTER_KEY are required variables, JWT_SECRET optional, passwords interpolated', () => {
    for (const name of nodeServices) {
      // Sign-in needs no shared signing secret: empty unless the operator accepts HS256 tokens of their own.
      expect({ service: name, JWT_SECRET: environmentOf(service(name)).JWT_SECRET }).toEqual({
        service: name,
        JWT_SECRET: '${JWT_SECRET:-}',
      });
    }
    expect(environmentOf(service('gateway')).SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?[^}]+\}$/);
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(svc))) {
        if (key === 'JWT_SECRET' || key === 'JWT_JWKS_URL') {
          expect({ service: name, [key]: value }).toEqual({ service: name, [key]: `\${${key}:-}` });
        } else if (key === 'GATEWAY_SECRET' || key === 'SESSION_SECRET' || key === 'MEILI_MASTER_KEY') {
          expect({ service: name, [key]: value }).toEqual({
            service: name,
            [key]: expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?[^}]+\\}$`)),
          });
        } else if (/SECRET|PASSWORD|_KEY$|TOKEN/.test(key)) {
          expect({ service: name, [key]: value }).toEqual({
            service: name,
            [key]: expect.stringMatching(new RegExp(`^\\$\\{${key}(:?[-?][^}]*)?\\}$`)),
          });
        }
      }
    }
  });

  it('gives every hub process an environment its configuration accepts in production (placeholders for the required variables)', () => {
    const problems = nodeServices.flatMap((name) => {
      const env = Object.fromEntries(
        Object.entries(environmentOf(service(name))).map(([key, value]) => [key, interpolate(value)]),
      );
      try {
        if (name === 'gateway') distributedGatewayConfig(env);
        else parseConfig(subgraphEnv, env);
        return [];
      } catch (error) {
        return [`${name}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it('uses only variables documented in .env.example', () => {
    const used = interpolatedVariables(compose); // comments are not interpolated
    expect(used).toEqual(
      expect.arrayContaining(['JWT_SECRET', 'GATEWAY_SECRET', 'MEILI_MASTER_KEY', 'POSTGRES_PASSWORD']),
    );
    expect(used.filter((name) => !documentedVariables.has(name))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('documents every variable the gateway and the subgraph processes read', () => {
    const read = [...new Set([...Object.keys(gatewayEnv.shape), ...Object.keys(subgraphEnv.shape)])].sort();
    expect(read.filter((name) => !documentedVariables.has(name))).toEqual([]);
  });
});

// --- Dockerfile ---------------------------------------------------------------------------

describe('infra/Dockerfile', () => {
  const dockerfile = readFileSync(DOCKERFILE_PATH, 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds on node:24-slim in stages and ships only production dependencies', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((stage) => stage.startsWith('${NODE_IMAGE} AS '))).toBe(true);
    const build = stages[0]!;
    expect(build).toMatch(/npm ci/);
    expect(build).toMatch(/turbo run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
  });

  it('runs the final stage as a numeric non-root user with NODE_ENV=production and the gateway by default', () => {
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/COPY --from=build /);
    expect(runtime).toMatch(/NODE_ENV=production/);
    const user = [...runtime.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1];
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(GATEWAY_COMMAND);
  });
});

// --- k8s/ -----------------------------------------------------------------------------------
