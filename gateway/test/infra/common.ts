import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGED_MEILISEARCH_VERSION } from '@welcome-hub/search-engine';
import { subgraphs } from '@welcome-hub/schema';
import { parse } from 'yaml';

// infra/ cannot be run here (no Docker engine, no cluster): these tests parse its files and
// hold them to the subgraph list, so a new subgraph without its containers fails here.

export const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
export const COMPOSE_PATH = fileURLToPath(new URL('../../../infra/docker-compose.yml', import.meta.url));
export const DOCKERFILE_PATH = fileURLToPath(new URL('../../../infra/Dockerfile', import.meta.url));
export const K8S_DIR = fileURLToPath(new URL('../../../infra/k8s/', import.meta.url));
export const ENV_EXAMPLE_PATH = fileURLToPath(new URL('../../../.env.example', import.meta.url));

export const GATEWAY_PORT = 4000;
export const NAMESPACE = 'welcome-hub';
export const IMAGE = 'ghcr.io/welcome-hub/welcome-hub:latest';
export const CONFIG_MAP = 'welcome-hub-config';
export const SECRET = 'welcome-hub-secrets';
export const REDIS_IMAGE = 'redis:7-alpine';
export const REDIS_URL = 'redis://redis:6379';
/** Deployments run the version that tests, benchmarks and `npm run start:distributed` run (the packaged binary). */
export const MEILISEARCH_IMAGE = `getmeili/meilisearch:v${PACKAGED_MEILISEARCH_VERSION}`;

/** Names of the variables .env.example documents (also commented-out ones). */
export const documentedVariables = new Set(
  readFileSync(ENV_EXAMPLE_PATH, 'utf8')
    .split('\n')
    .map((line) => /^\s*#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

/** CORS_ORIGINS as the gateway reads it: comma-separated origins; each must be a real https origin, never `*`. */
export function expectExplicitOrigins(value: string | undefined) {
  expect(value).toBeDefined();
  const origins = value!
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  expect(origins.length).toBeGreaterThan(0);
  for (const origin of origins) {
    expect(origin).not.toContain('*');
    expect(new URL(origin).origin).toBe(origin);
    expect(origin).toMatch(/^https:\/\//);
  }
}

export const envName = (subgraph: string) => `SUBGRAPH_${subgraph.toUpperCase()}_URL`;
export const subgraphUrl = (name: string, port: number) => `http://${name}:${port}/graphql`;
export const subgraphCommand = (name: string) => ['node', `subgraphs/${name}/dist/index.js`];
export const GATEWAY_COMMAND = ['node', 'gateway/dist/bin/gateway.js'];
/** The seed runs what `npm run seed` runs (root package.json), minus the build. */
export const SEED_COMMAND = (() => {
  const scripts = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const script = /(?:^|&&\s*)node (\S+\.js)\s*$/.exec(scripts.seed ?? '')?.[1];
  if (!script)
    throw new Error(`cannot find the seed's entry point in the root package.json script "seed": ${scripts.seed}`);
  return ['node', script];
})();
export const subgraphCases = subgraphs.map((s) => [s.name, s.defaultPort] as const);
/** Subgraphs that talk to Meilisearch: search queries it, the domain subgraphs relay their outbox to it. */
export const usesSearchEngine = (name: string) =>
  subgraphs.some((s) => s.name === name && (s.search !== undefined || s.requiresSearchEngine === true));

// --- docker-compose.yml -------------------------------------------------------------------

export type ComposeEnvironment = Record<string, string | number | boolean | null> | string[];
export interface ComposeService {
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
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const composeText = readFileSync(COMPOSE_PATH, 'utf8');
// Compose resolves YAML merge keys (<<), which YAML 1.2 parsers only do when asked.
export const compose = parse(composeText, { merge: true }) as ComposeFile;
export const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`infra/docker-compose.yml has no service "${name}"`);
  return found;
};

/** A service's environment as a map (Compose also accepts a list of KEY=VALUE). */
export function environmentOf(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** depends_on as service → condition (the short list form means service_started). */
export function dependsOn(svc: ComposeService): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition ?? 'service_started']));
}

export const commandOf = (svc: ComposeService) =>
  typeof svc.command === 'string' ? svc.command.split(/\s+/) : svc.command;
export const healthcheckOf = (svc: ComposeService) => {
  const test = svc.healthcheck?.test;
  return Array.isArray(test) ? test : test === undefined ? [] : [test];
};
export const volumeTargets = (svc: ComposeService) =>
  (svc.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v));

/** The value with every ${VAR...} replaced, so that URL parsing sees a plain value. */
export const withoutInterpolation = (value: string) => value.replace(/\$\{[^}]*\}/g, 'interpolated');

/** Compose's interpolation with a placeholder for each required variable (`${VAR:?…}`) and defaults for the rest. */
export const interpolate = (value: string) =>
  value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?\}/g,
    (_all, name: string, kind?: string, text?: string) => (kind === '-' ? (text ?? '') : placeholderFor(name)),
  );
/** A value the configuration accepts for a variable the operator must set. */
export const placeholderFor = (name: string) =>
  name.endsWith('_URL') ? 'https://hub.example.org' : `placeholder-${name}`.padEnd(40, 'x');

/** Names of the variables interpolated anywhere in a parsed value (`$$` is an escaped `$`). */
export function interpolatedVariables(value: unknown, names = new Set<string>()): string[] {
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

export const postgresEnv = environmentOf(service('postgres'));
/** Services that run the hub's own image: seed, subgraphs, gateway. */
export const nodeServices = ['seed', ...subgraphs.map((s) => s.name), 'gateway'];

export function expectDatabaseUrlOnPostgres(env: Record<string, string>) {
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
