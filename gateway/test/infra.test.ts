import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGED_MEILISEARCH_VERSION, gatewayEnv, parseConfig, subgraphEnv } from '@welcome-hub/kit';
import { distributedGatewayConfig } from '../src/gateway-config.js';
import { subgraphs } from '@welcome-hub/schema';
import { parse, parseAllDocuments } from 'yaml';

// infra/ cannot be run here (no Docker engine, no cluster): these tests parse its files and
// hold them to the subgraph list, so a new subgraph without its containers fails here.

const repoPath = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const COMPOSE_PATH = fileURLToPath(new URL('../../infra/docker-compose.yml', import.meta.url));
const DOCKERFILE_PATH = fileURLToPath(new URL('../../infra/Dockerfile', import.meta.url));
const K8S_DIR = fileURLToPath(new URL('../../infra/k8s/', import.meta.url));
const ENV_EXAMPLE_PATH = fileURLToPath(new URL('../../.env.example', import.meta.url));

const GATEWAY_PORT = 4000;
const NAMESPACE = 'welcome-hub';
const IMAGE = 'ghcr.io/welcome-hub/welcome-hub:latest';
const CONFIG_MAP = 'welcome-hub-config';
const SECRET = 'welcome-hub-secrets';
const REDIS_IMAGE = 'redis:7-alpine';
const REDIS_URL = 'redis://redis:6379';
/** Deployments run the version that tests, benchmarks and `npm run start:distributed` run (the packaged binary). */
const MEILISEARCH_IMAGE = `getmeili/meilisearch:v${PACKAGED_MEILISEARCH_VERSION}`;

/** Names of the variables .env.example documents (also commented-out ones). */
const documentedVariables = new Set(
  readFileSync(ENV_EXAMPLE_PATH, 'utf8')
    .split('\n')
    .map((line) => /^\s*#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

/** CORS_ORIGINS as the gateway reads it: comma-separated origins; each must be a real https origin, never `*`. */
function expectExplicitOrigins(value: string | undefined) {
  expect(value).toBeDefined();
  const origins = value!.split(',').map((o) => o.trim()).filter(Boolean);
  expect(origins.length).toBeGreaterThan(0);
  for (const origin of origins) {
    expect(origin).not.toContain('*');
    expect(new URL(origin).origin).toBe(origin);
    expect(origin).toMatch(/^https:\/\//);
  }
}

const envName = (subgraph: string) => `SUBGRAPH_${subgraph.toUpperCase()}_URL`;
const subgraphUrl = (name: string, port: number) => `http://${name}:${port}/graphql`;
const subgraphCommand = (name: string) => ['node', `subgraphs/${name}/dist/index.js`];
const GATEWAY_COMMAND = ['node', 'gateway/dist/bin/gateway.js'];
/** The seed runs what `npm run seed` runs (root package.json), minus the build. */
const SEED_COMMAND = (() => {
  const scripts = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const script = /(?:^|&&\s*)node (\S+\.js)\s*$/.exec(scripts.seed ?? '')?.[1];
  if (!script) throw new Error(`cannot find the seed's entry point in the root package.json script "seed": ${scripts.seed}`);
  return ['node', script];
})();
const subgraphCases = subgraphs.map((s) => [s.name, s.defaultPort] as const);
/** Subgraphs that talk to Meilisearch: search queries it, the domain subgraphs relay their outbox to it. */
const usesSearchEngine = (name: string) => subgraphs.some((s) => s.name === name && (s.search !== undefined || s.requiresSearchEngine === true));

// --- docker-compose.yml -------------------------------------------------------------------

type ComposeEnvironment = Record<string, string | number | boolean | null> | string[];
interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string } | string;
  command?: string[] | string;
  environment?: ComposeEnvironment;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string };
  ports?: (string | number | { target?: number; published?: number | string })[];
  volumes?: (string | { source?: string; target?: string })[];
  restart?: string;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composeText = readFileSync(COMPOSE_PATH, 'utf8');
// Compose resolves YAML merge keys (<<), which YAML 1.2 parsers only do when asked.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`infra/docker-compose.yml has no service "${name}"`);
  return found;
};

/** A service's environment as a map (Compose also accepts a list of KEY=VALUE). */
function environmentOf(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** depends_on as service → condition (the short list form means service_started). */
function dependsOn(svc: ComposeService): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition ?? 'service_started']));
}

const commandOf = (svc: ComposeService) => (typeof svc.command === 'string' ? svc.command.split(/\s+/) : svc.command);
const healthcheckOf = (svc: ComposeService) => {
  const test = svc.healthcheck?.test;
  return Array.isArray(test) ? test : test === undefined ? [] : [test];
};
const volumeTargets = (svc: ComposeService) =>
  (svc.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v));

/** The value with every ${VAR...} replaced, so that URL parsing sees a plain value. */
const withoutInterpolation = (value: string) => value.replace(/\$\{[^}]*\}/g, 'interpolated');

/** Compose's interpolation with a placeholder for each required variable (`${VAR:?…}`) and defaults for the rest. */
const interpolate = (value: string) =>
  value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, text?: string) =>
    kind === '-' ? (text ?? '') : placeholderFor(name),
  );
/** A value the configuration accepts for a variable the operator must set. */
const placeholderFor = (name: string) => (name.endsWith('_URL') ? 'https://hub.example.org' : `placeholder-${name}`.padEnd(40, 'x'));

/** Names of the variables interpolated anywhere in a parsed value (`$$` is an escaped `$`). */
function interpolatedVariables(value: unknown, names = new Set<string>()): string[] {
  if (typeof value === 'string') {
    const text = value.replaceAll('$$', '');
    for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
    for (const match of text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) interpolatedVariables(item, names);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      interpolatedVariables(key, names);
      interpolatedVariables(item, names);
    }
  }
  return [...names].sort();
}

const postgresEnv = environmentOf(service('postgres'));
/** Services that run the hub's own image: seed, subgraphs, gateway. */
const nodeServices = ['seed', ...subgraphs.map((s) => s.name), 'gateway'];

function expectDatabaseUrlOnPostgres(env: Record<string, string>) {
  expect(env.DATABASE_URL).toBeDefined();
  const raw = env.DATABASE_URL!;
  // The password is interpolated (never written here), the rest names the compose postgres.
  expect(raw).toMatch(/^postgres(ql)?:\/\/[^:@/]+:\$\{POSTGRES_PASSWORD(:?-[^}]*)?\}@postgres:5432\/[\w-]+$/);
  const url = new URL(withoutInterpolation(raw));
  expect(url.hostname).toBe('postgres');
  expect(url.port).toBe('5432');
  expect(url.username).toBe(postgresEnv.POSTGRES_USER);
  expect(url.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);
}

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

  it('runs the packaged binary\'s Meilisearch version with a persistent volume and a required master key', () => {
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

  it.each(subgraphCases)('runs the subgraph %s on port %i, after the seed (and Meilisearch where it needs it), with a /readyz health check', (name, port) => {
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
      expect(dependsOn(svc)).toEqual({ postgres: 'service_healthy', meilisearch: 'service_healthy', seed: 'service_completed_successfully' });
    } else {
      // Nothing to index (identity): no key to Meilisearch.
      expect({ MEILI_URL: env.MEILI_URL, MEILI_MASTER_KEY: env.MEILI_MASTER_KEY }).toEqual({ MEILI_URL: undefined, MEILI_MASTER_KEY: undefined });
      expect(dependsOn(svc)).toEqual({ postgres: 'service_healthy', seed: 'service_completed_successfully' });
    }
    const test = healthcheckOf(svc);
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toContain(`fetch('http://127.0.0.1:${port}/readyz')`);
    expect(svc.ports ?? []).toEqual([]); // reachable through the gateway only
  });

  it('runs the gateway on published port 4000 with every subgraph URL, after every subgraph is healthy', () => {
    const gateway = service('gateway');
    const env = environmentOf(gateway);
    expect(commandOf(gateway)).toEqual(GATEWAY_COMMAND);
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(env.HOST).toBe('0.0.0.0');
    expect((gateway.ports ?? []).map(String)).toContain(`${GATEWAY_PORT}:${GATEWAY_PORT}`);
    const urls = Object.fromEntries(Object.entries(env).filter(([key]) => /^SUBGRAPH_\w+_URL$/.test(key)));
    expect(urls).toEqual(Object.fromEntries(subgraphs.map((s) => [envName(s.name), subgraphUrl(s.name, s.defaultPort)])));
    expect(dependsOn(gateway)).toEqual({ redis: 'service_healthy', ...Object.fromEntries(subgraphs.map((s) => [s.name, 'service_healthy'])) });
    expect(healthcheckOf(gateway)[3]).toContain(`fetch('http://127.0.0.1:${GATEWAY_PORT}/healthz')`);
  });

  it('shares the gateway replicas\' rate limits through the redis service', () => {
    const env = environmentOf(service('gateway'));
    expect(env.REDIS_URL).toBe(REDIS_URL);
    expect(service(new URL(env.REDIS_URL!).hostname).image).toBe(REDIS_IMAGE);
    // Only the gateway needs it.
    for (const name of nodeServices.filter((n) => n !== 'gateway')) expect({ service: name, REDIS_URL: environmentOf(service(name)).REDIS_URL }).toEqual({ service: name, REDIS_URL: undefined });
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
      return { service: name, PUBLIC_URL: env.PUBLIC_URL, OIDC_ISSUER: env.OIDC_ISSUER, OIDC_ROLE_CLAIM: env.OIDC_ROLE_CLAIM };
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
    const values = nodeServices.map((name) => ({ service: name, GATEWAY_SECRET: environmentOf(service(name)).GATEWAY_SECRET }));
    for (const value of values) {
      expect(value).toEqual({ service: value.service, GATEWAY_SECRET: expect.stringMatching(/^\$\{GATEWAY_SECRET:\?[^}]+\}$/) });
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
      expect({ service: name, JWT_SECRET: environmentOf(service(name)).JWT_SECRET }).toEqual({ service: name, JWT_SECRET: '${JWT_SECRET:-}' });
    }
    expect(environmentOf(service('gateway')).SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?[^}]+\}$/);
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(svc))) {
        if (key === 'JWT_SECRET' || key === 'JWT_JWKS_URL') {
          expect({ service: name, [key]: value }).toEqual({ service: name, [key]: `\${${key}:-}` });
        } else if (key === 'GATEWAY_SECRET' || key === 'SESSION_SECRET' || key === 'MEILI_MASTER_KEY') {
          expect({ service: name, [key]: value }).toEqual({ service: name, [key]: expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?[^}]+\\}$`)) });
        } else if (/SECRET|PASSWORD|_KEY$|TOKEN/.test(key)) {
          expect({ service: name, [key]: value }).toEqual({ service: name, [key]: expect.stringMatching(new RegExp(`^\\$\\{${key}(:?[-?][^}]*)?\\}$`)) });
        }
      }
    }
  });

  it('gives every hub process an environment its configuration accepts in production (placeholders for the required variables)', () => {
    const problems = nodeServices.flatMap((name) => {
      const env = Object.fromEntries(Object.entries(environmentOf(service(name))).map(([key, value]) => [key, interpolate(value)]));
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
    expect(used).toEqual(expect.arrayContaining(['JWT_SECRET', 'GATEWAY_SECRET', 'MEILI_MASTER_KEY', 'POSTGRES_PASSWORD']));
    expect(used.filter((name) => !documentedVariables.has(name))).toEqual([]);
  });
});

describe('.env.example', () => {
  it("documents every variable the gateway and the subgraph processes read", () => {
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

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: unknown; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number; hostPort?: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  containers: Container[];
  hostNetwork?: boolean;
  volumes?: ({ name: string } & Record<string, unknown>)[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  restartPolicy?: string;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, unknown>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, unknown>;
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    /** Service */
    type?: string;
    /** StatefulSet */
    volumeClaimTemplates?: unknown[];
    /** Ingress */
    defaultBackend?: IngressBackend;
    rules?: { http?: { paths?: { backend: IngressBackend }[] } }[];
    /** NetworkPolicy */
    podSelector?: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: { from?: { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: unknown; ipBlock?: unknown }[] }[];
  };
}
interface IngressBackend {
  service?: { name: string };
}

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

const manifestFiles = readdirSync(K8S_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const parsedManifests = manifestFiles.map((file) => ({
  file,
  documents: [...parseAllDocuments(readFileSync(`${K8S_DIR}${file}`, 'utf8'))],
}));
const objects: K8sObject[] = parsedManifests.flatMap(({ documents }) =>
  documents.map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null),
);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const find = (kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`infra/k8s has no ${kind} "${name}"`);
  return found;
};
const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const podLabels = (o: K8sObject) => o.spec?.template?.metadata?.labels ?? {};
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const mainContainer = (o: K8sObject): Container => {
  const containers = o.spec?.template?.spec.containers ?? [];
  expect(containers).toHaveLength(1);
  return containers[0]!;
};
/** A probe's or Service's port (number or name) as the container's port number. */
const containerPortOf = (container: Container, port: number | string | undefined) =>
  typeof port === 'number'
    ? container.ports?.find((p) => p.containerPort === port)?.containerPort
    : container.ports?.find((p) => p.name === port)?.containerPort;
const envValue = (container: Container, name: string) => container.env?.find((e) => e.name === name)?.value;
const configMap = () => find('ConfigMap', CONFIG_MAP);

describe('infra/k8s', () => {
  it('holds manifests that parse into objects with apiVersion, kind and metadata.name in the welcome-hub namespace', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    for (const { file, documents } of parsedManifests) {
      expect({ file, errors: documents.flatMap((d) => d.errors.map((e) => e.message)) }).toEqual({ file, errors: [] });
    }
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect({ kind: o.kind, apiVersion: o.apiVersion }).toEqual({ kind: o.kind, apiVersion: API_VERSIONS[o.kind] ?? 'a known kind' });
      expect(o.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      if (o.kind !== 'Namespace') expect({ object: `${o.kind}/${o.metadata.name}`, namespace: o.metadata.namespace }).toEqual({ object: `${o.kind}/${o.metadata.name}`, namespace: NAMESPACE });
    }
    expect(find('Namespace', NAMESPACE).metadata.name).toBe(NAMESPACE);
  });

  it('commits no Secret, only the ConfigMap of non-secret settings with string values', () => {
    expect(ofKind('Secret')).toEqual([]);
    const data = configMap().data ?? {};
    for (const [key, value] of Object.entries(data)) expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
    for (const secret of ['DATABASE_URL', 'JWT_SECRET', 'JWT_JWKS_URL', 'GATEWAY_SECRET', 'MEILI_MASTER_KEY']) expect(data).not.toHaveProperty(secret);
    expect(data).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
  });

  it('lets every workload select its own pods, and its Service select them on a container port', () => {
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) {
      const name = workload.metadata.name;
      const labels = podLabels(workload);
      expect({ name, selected: selects(workload.spec?.selector?.matchLabels ?? {}, labels) }).toEqual({ name, selected: true });
      const svc = find('Service', name);
      const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
      expect({ service: name, selectsPods: selects(selector, labels) }).toEqual({ service: name, selectsPods: true });
      for (const other of workloads.filter((w) => w !== workload)) {
        expect({ service: name, alsoSelects: other.metadata.name, selected: selects(selector, podLabels(other)) }).toEqual({
          service: name,
          alsoSelects: other.metadata.name,
          selected: false,
        });
      }
      const container = mainContainer(workload);
      expect(svc.spec?.ports?.length).toBeGreaterThan(0);
      for (const port of svc.spec?.ports ?? []) {
        expect({ service: name, targetPort: containerPortOf(container, port.targetPort ?? port.port) }).toEqual({ service: name, targetPort: port.port });
      }
    }
  });

  it.each([...subgraphCases, ['gateway', GATEWAY_PORT] as const])(
    'runs %s as a Deployment on port %i with readiness and /healthz probes, limits and a non-root user',
    (name, port) => {
      const deployment = find('Deployment', name);
      const container = mainContainer(deployment);
      const pod = deployment.spec!.template!.spec;
      expect(container.image).toBe(IMAGE);
      expect(container.command).toEqual(name === 'gateway' ? GATEWAY_COMMAND : subgraphCommand(name));
      expect(envValue(container, 'PORT')).toBe(String(port));
      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      // The gateway stays ready while a subgraph is down: it answers partially (its /readyz names the subgraph).
      expect(container.readinessProbe?.httpGet?.path).toBe(name === 'gateway' ? '/healthz' : '/readyz');
      expect(containerPortOf(container, container.readinessProbe?.httpGet?.port)).toBe(port);
      expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(containerPortOf(container, container.livenessProbe?.httpGet?.port)).toBe(port);
      if (container.startupProbe) expect(containerPortOf(container, container.startupProbe.httpGet?.port)).toBe(port);
      expect(container.resources).toEqual({
        requests: { cpu: expect.any(String), memory: expect.any(String) },
        limits: { cpu: expect.any(String), memory: expect.any(String) },
      });
      expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      expect(container.envFrom).toEqual([{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }]);
      for (const e of container.env ?? []) if (e.value !== undefined) expect({ env: e.name, type: typeof e.value }).toEqual({ env: e.name, type: 'string' });
      expect(find('Service', name).spec?.ports?.map((p) => p.port)).toEqual([port]);
    },
  );

  it('tells the gateway where every subgraph Service listens, and nothing else', () => {
    const urls = Object.fromEntries(Object.entries(configMap().data ?? {}).filter(([key]) => /^SUBGRAPH_\w+_URL$/.test(key)));
    expect(urls).toEqual(Object.fromEntries(subgraphs.map((s) => [envName(s.name), subgraphUrl(s.name, s.defaultPort)])));
  });

  it('seeds with a Job that runs the seed as a non-root user with the shared configuration', () => {
    const job = find('Job', 'seed');
    const container = mainContainer(job);
    const pod = job.spec!.template!.spec;
    expect(container.image).toBe(IMAGE);
    expect(container.command).toEqual(SEED_COMMAND);
    expect(['OnFailure', 'Never']).toContain(pod.restartPolicy);
    expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
    expect(container.envFrom).toEqual([{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }]);
    expect(container.resources?.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  /** Workloads that run the hub's image: the seed Job, every subgraph and the gateway. */
  const hubWorkloads = () => objects.filter((o) => o.spec?.template?.spec.containers.some((c) => c.image === IMAGE));
  /** What a container sees: the ConfigMap, overridden by its own literal `env` values. */
  const effectiveConfig = (container: Container): Record<string, unknown> => ({
    ...configMap().data,
    ...Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value])),
  });

  it('names one public https URL for every process, the own OpenID provider\'s issuer being PUBLIC_URL/oidc', () => {
    const publicUrl = String(configMap().data?.PUBLIC_URL ?? '');
    expect(new URL(publicUrl).origin).toBe(publicUrl);
    expect(publicUrl).toMatch(/^https:\/\//);
    for (const workload of hubWorkloads()) {
      const env = mainContainer(workload).env ?? [];
      expect({ workload: workload.metadata.name, overrides: env.filter((e) => e.name === 'PUBLIC_URL' || e.name === 'OIDC_ISSUER') }).toEqual({ workload: workload.metadata.name, overrides: [] });
    }
  });

  it('gives every hub process the same GATEWAY_SECRET, by name from the Secret', () => {
    const names = hubWorkloads().map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual(['Deployment/gateway', 'Job/seed', ...subgraphs.map((s) => `Deployment/${s.name}`)].sort());
    const sources = hubWorkloads().map((o) => {
      const container = mainContainer(o);
      const entries = (container.env ?? []).filter((e) => e.name === 'GATEWAY_SECRET');
      return { workload: `${o.kind}/${o.metadata.name}`, entries };
    });
    for (const { workload, entries } of sources) {
      // Named with secretKeyRef: a Secret without the key keeps the pod from starting.
      expect({ workload, entries }).toEqual({
        workload,
        entries: [{ name: 'GATEWAY_SECRET', valueFrom: { secretKeyRef: { name: SECRET, key: 'GATEWAY_SECRET' } } }],
      });
    }
  });

  it('gives every hub workload a configuration it accepts in production: the ConfigMap, and the Secret keys it names', () => {
    const problems = hubWorkloads().flatMap((workload) => {
      const container = mainContainer(workload);
      const secrets = Object.fromEntries(
        (container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, placeholderFor(e.name)]),
      );
      const env = { ...Object.fromEntries(Object.entries(effectiveConfig(container)).map(([k, v]) => [k, String(v)])), ...secrets };
      try {
        if (workload.metadata.name === 'gateway') distributedGatewayConfig(env);
        else parseConfig(subgraphEnv, env);
        return [];
      } catch (error) {
        return [`${workload.kind}/${workload.metadata.name}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it('runs the packaged binary\'s Meilisearch version in the meilisearch StatefulSet, and no other version anywhere in infra/', () => {
    expect(mainContainer(find('StatefulSet', 'meilisearch')).image).toBe(MEILISEARCH_IMAGE);
    const texts = [composeText, readFileSync(repoPath('infra/README.md'), 'utf8'), ...manifestFiles.map((file) => readFileSync(`${K8S_DIR}${file}`, 'utf8'))];
    const images = texts.flatMap((text) => [...text.matchAll(/getmeili\/meilisearch:[\w.-]+/g)].map(([image]) => image));
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect([...new Set(images)]).toEqual([MEILISEARCH_IMAGE]);
  });

  it('shares the gateway replicas\' rate limits through a Redis Deployment and Service without persistence', () => {
    const gateway = mainContainer(find('Deployment', 'gateway'));
    expect(effectiveConfig(gateway).REDIS_URL).toBe(REDIS_URL);
    const url = new URL(REDIS_URL);
    const deployment = find('Deployment', url.hostname);
    const redis = mainContainer(deployment);
    expect(redis.image).toBe(REDIS_IMAGE);
    expect(find('Service', url.hostname).spec?.ports?.map((p) => p.port)).toEqual([Number(url.port)]);
    const args = [...(redis.command ?? []), ...(redis.args ?? [])];
    expect(args[args.indexOf('--save') + 1]).toBe('');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('no');
    // Nothing persistent: no PersistentVolumeClaim, at most an emptyDir.
    for (const volume of deployment.spec?.template?.spec.volumes ?? []) expect(Object.keys(volume).sort()).toEqual(['emptyDir', 'name']);
    expect(ofKind('PersistentVolumeClaim').filter((o) => o.metadata.name.includes('redis'))).toEqual([]);
    expect(deployment.spec?.template?.spec.securityContext?.runAsNonRoot ?? redis.securityContext?.runAsNonRoot).toBe(true);
    expect(redis.securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  it('allows explicit browser origins only (never *) and trusted documents for anonymous callers', () => {
    const config = effectiveConfig(mainContainer(find('Deployment', 'gateway')));
    expectExplicitOrigins(config.CORS_ORIGINS as string | undefined);
    expect(config.TRUSTED_DOCUMENTS).toBe('anonymous');
    expect(config.TRUST_PROXY_HOPS).toMatch(/^\d+$/);
  });

  it('exposes the gateway only: ClusterIP Services, no host ports, any Ingress to the gateway', () => {
    for (const svc of ofKind('Service')) {
      expect({ service: svc.metadata.name, type: svc.spec?.type ?? 'ClusterIP' }).toEqual({ service: svc.metadata.name, type: 'ClusterIP' });
    }
    for (const workload of objects.filter((o) => o.spec?.template)) {
      const pod = workload.spec!.template!.spec;
      const hostPorts = pod.containers.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort !== undefined));
      expect({ workload: workload.metadata.name, hostNetwork: pod.hostNetwork ?? false, hostPorts }).toEqual({ workload: workload.metadata.name, hostNetwork: false, hostPorts: [] });
    }
    for (const ingress of ofKind('Ingress')) {
      const backends = [ingress.spec?.defaultBackend, ...(ingress.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter((b) => b !== undefined);
      for (const backend of backends) expect({ ingress: ingress.metadata.name, service: backend.service?.name }).toEqual({ ingress: ingress.metadata.name, service: 'gateway' });
    }
  });

  it('lets only gateway pods reach the subgraphs and Redis (NetworkPolicy)', () => {
    const gatewayLabels = podLabels(find('Deployment', 'gateway'));
    const policiesFor = (labels: Record<string, string>) => ofKind('NetworkPolicy').filter((p) => selects(p.spec?.podSelector?.matchLabels ?? {}, labels));
    for (const name of [...subgraphs.map((s) => s.name), 'redis']) {
      const policies = policiesFor(podLabels(find('Deployment', name)));
      expect({ workload: name, policies: policies.length }).toEqual({ workload: name, policies: 1 });
      const policy = policies[0]!;
      expect(policy.spec?.policyTypes).toContain('Ingress');
      const peers = (policy.spec?.ingress ?? []).flatMap((rule) => rule.from ?? []);
      expect(peers.length).toBeGreaterThan(0);
      for (const peer of peers) {
        // A pod selector in this namespace that matches the gateway and nothing else.
        expect({ workload: name, namespaceSelector: peer.namespaceSelector, ipBlock: peer.ipBlock }).toEqual({ workload: name, namespaceSelector: undefined, ipBlock: undefined });
        const selector = peer.podSelector?.matchLabels ?? {};
        expect(selects(selector, gatewayLabels)).toBe(true);
        for (const other of workloads.filter((w) => w.metadata.name !== 'gateway')) {
          expect({ peerOf: name, alsoSelects: other.metadata.name, selected: selects(selector, podLabels(other)) }).toEqual({ peerOf: name, alsoSelects: other.metadata.name, selected: false });
        }
      }
    }
  });
});
