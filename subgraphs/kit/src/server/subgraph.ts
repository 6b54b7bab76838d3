import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { forkFor } from '../audit/actor.js';
import { UnauthenticatedError } from '../errors/errors.js';
import type { Caller } from '../auth/caller.js';
import type { TokenVerifier } from '../auth/tokens.js';
import { ConfigError, DEFAULT_PUBLIC_URL, commonEnv, parseConfig, type CommonConfig } from '../config/env.js';
import type { Database } from '../db/database.js';
import { createOrm, migrate, type DataModel, type Em, type Orm, type OrmOptions } from '../db/orm.js';
import { buildFederatedSchema, type SubgraphSchemaInput } from '../graphql/subgraph-schema.js';
import { observabilityPlugin } from '../observability/apollo-plugin.js';
import { logger as processLogger } from '../observability/logger.js';
import { metricsHandler, processRegistry } from '../observability/metrics.js';
import { subgraphMetrics } from '../observability/subgraph-metrics.js';
import { apolloHandler, createApolloServer, httpError } from './apollo.js';
import type { RequestContext } from './context.js';
import type { Handler } from './http.js';
import type { SearchIndexWriter } from '../search/contract.js';
import type { SearchFeed } from '../search/relay.js';

/**
 * The configuration a seed may read, and nothing else: the tests' seeded databases are
 * made once per distinct value of it (testing/seeded.ts), so a seed reading more would be
 * handed a copy made for another configuration.
 */
export const SEED_CONFIG_KEYS = ['OIDC_ISSUER', 'FIRST_COORDINATOR_EMAIL'] as const;
export type SeedConfig = Pick<CommonConfig, (typeof SEED_CONFIG_KEYS)[number]>;

/** The part of `config` a seed reads. */
export function seedConfig(config: SeedConfig): SeedConfig {
  return Object.fromEntries(SEED_CONFIG_KEYS.map((key) => [key, config[key]])) as SeedConfig;
}

/** Everything the kit needs to run one subgraph; each subgraph package exports one. */
export interface SubgraphDefinition<Loaders = unknown> {
  /** Lower-case name: PostgreSQL schema, SDL file name, URL path and env prefix. */
  name: string;
  /** Port of its own process in the distributed mode. */
  defaultPort: number;
  model: DataModel;
  schema: SubgraphSchemaInput;
  /** Fresh DataLoaders for one request; some depend on what the caller may see. */
  createLoaders(em: Em, caller: Caller): Loaders;
  /** Loads this subgraph's reference data; idempotent, prints one line per table. `config` defaults to the defaults. */
  seed?(orm: Orm, log: (line: string) => void, config?: SeedConfig): Promise<unknown>;
  /** True while the subgraph's schema holds no data: the embedded start then seeds it. */
  isEmpty?(orm: Orm): Promise<boolean>;
  /**
   * Runs after every migration run, before serving (and in `npm run seed`): derived records
   * a migration cannot compute, for databases that already hold data. Must be idempotent and
   * safe when several processes start at once.
   */
  afterMigrate?(orm: Orm): Promise<void>;
  /** Its searchable records, for the outbox relay and reindexing (see search/relay.ts). */
  search?: SearchFeed;
  /** It queries the search engine itself (`ctx.searchEngine`): its process cannot start without one. */
  requiresSearchEngine?: boolean;
  /** Plain HTTP routes served on the hub's public port (e.g. calendar feeds); keys ending in "/" are prefixes. */
  httpRoutes?(orm: Orm, context: RouteContext): Record<string, Handler>;
  /**
   * Configuration problems only this subgraph has (settings it alone uses), checked before
   * either run mode opens anything: the process ends listing them, as for any ConfigError.
   */
  configProblems?(config: CommonConfig): string[];
}

/** The ConfigError of the subgraphs' own checks (SubgraphDefinition.configProblems), or nothing. */
export function checkSubgraphConfig(definitions: readonly SubgraphDefinition[], config: CommonConfig): void {
  const problems = definitions.flatMap((d) => d.configProblems?.(config) ?? []);
  if (problems.length > 0) throw new ConfigError(problems);
}

const schemas = new WeakMap<SubgraphDefinition, ReturnType<typeof buildFederatedSchema>>();

/** Builds (once per process) the subgraph's executable schema and SDL. No database needed. */
export function subgraphSchema(definition: SubgraphDefinition): ReturnType<typeof buildFederatedSchema> {
  let built = schemas.get(definition);
  if (!built) {
    built = buildFederatedSchema(definition.schema);
    schemas.set(definition, built);
  }
  return built;
}

/** What a subgraph's plain HTTP routes may need to know about the hub they run in. */
export interface RouteContext {
  /** The hub's public base URL (PUBLIC_URL, or where the embedded hub listens). */
  publicUrl: string;
  config: CommonConfig;
  /**
   * True when public requests reach these routes through reverse proxies that describe
   * them in X-Forwarded-Proto, -Host and -For: always behind the distributed gateway, in
   * the embedded hub only with TRUST_PROXY_HOPS > 0.
   */
  behindProxy: boolean;
}

export interface SubgraphRuntime {
  name: string;
  orm: Orm;
  schema: GraphQLSchema;
  apollo: ApolloServer<RequestContext>;
  /** node:http handler for the GraphQL endpoint. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Public HTTP routes besides GraphQL (see SubgraphDefinition.httpRoutes). */
  routes: Record<string, Handler>;
  /**
   * Its /metrics route: the registry holding its metrics (the process's, shared by every
   * subgraph of the process, each series labelled with its subgraph), behind the metrics
   * guard (METRICS_TOKEN in production).
   */
  metrics: Handler;
  /** Its logger: lines carry `component: 'subgraph'`, `subgraph` and, within a request, the request's id. */
  logger: Logger;
  /** True when the database answers. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export interface SubgraphRuntimeOptions extends OrmOptions {
  database: Database;
  verifyToken: TokenVerifier;
  /** Apply pending migrations before serving (default true). */
  migrate?: boolean;
  /**
   * Handed to resolvers as `ctx.searchEngine` (the search subgraph needs one). Typed as
   * kit's writer only: the caller builds the engine and the subgraph that queries it names
   * its full type in its own context.
   */
  searchEngine?: SearchIndexWriter;
  /**
   * Shared with the gateway, which signs every subgraph request with it: when set, unsigned
   * requests answer 403 before anything runs, so `_entities`, `_service` and introspection
   * are out of reach of anyone but the gateway.
   */
  gatewaySecret?: string;
  /** Largest request body read, in bytes (default 2 MiB); larger ones answer 413. */
  bodyLimit?: number;
  /** GraphQL introspection (default true; the distributed processes turn it off in production). */
  introspection?: boolean;
  /** The hub's public base URL, for links the subgraph hands out (default http://localhost:4000). */
  publicUrl?: string;
  /** The process's configuration, for subgraphs whose routes need it (default: the defaults). */
  config?: CommonConfig;
  /** See RouteContext.behindProxy; default: TRUST_PROXY_HOPS > 0 when `config` has it (the embedded hub's). */
  behindProxy?: boolean;
  /** Default: the process's logger; the runtime logs through a child naming the subgraph. */
  logger?: Logger;
  /** Where its metrics are registered (default: the process's registry, see processRegistry). */
  metricsRegistry?: Registry;
}

/** The embedded hub hands its gateway configuration over: proxies it trusts are in front of these routes too. */
const trustsProxies = (config: CommonConfig & { TRUST_PROXY_HOPS?: number }) => (config.TRUST_PROXY_HOPS ?? 0) > 0;

/** Opens the subgraph's ORM, migrates its schema and starts its Apollo server. */
export async function createSubgraphRuntime(
  definition: SubgraphDefinition,
  options: SubgraphRuntimeOptions,
): Promise<SubgraphRuntime> {
  const { schema } = await subgraphSchema(definition);
  const orm = await createOrm(definition.model, options.database, { onQuery: options.onQuery });
  if (options.migrate !== false) await migrateSubgraph(definition, orm);
  const log = (options.logger ?? processLogger).child({ component: 'subgraph', subgraph: definition.name });
  const registry = options.metricsRegistry ?? processRegistry();
  const metrics = subgraphMetrics(registry);
  const apollo = await createApolloServer<RequestContext>(schema, {
    introspection: options.introspection,
    logger: log,
    plugins: [observabilityPlugin({ subgraph: definition.name, metrics, logger: log })],
  });
  // Backlog and lag of its search outbox, read when Prometheus scrapes.
  const unwatchOutbox = definition.model.searchable
    ? metrics.watchOutbox(definition.name, orm, definition.model.schema)
    : undefined;
  const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
  const config = options.config ?? parseConfig(commonEnv, {});

  const context = async (req: IncomingMessage): Promise<RequestContext> => {
    const caller = await options.verifyToken(req.headers.authorization).catch((error: unknown) => {
      throw error instanceof UnauthenticatedError ? httpError(error, 401) : error;
    });
    // Its flushes are recorded in the audit trail as the caller's.
    const em = forkFor(orm.em, caller) as Em;
    return {
      em,
      caller,
      loaders: definition.createLoaders(em, caller),
      searchEngine: options.searchEngine ?? null,
      publicUrl,
    };
  };

  return {
    name: definition.name,
    orm,
    schema,
    apollo,
    handle: apolloHandler(apollo, context, {
      bodyLimit: options.bodyLimit,
      gatewaySecret: options.gatewaySecret,
      subgraph: definition.name,
    }),
    routes:
      definition.httpRoutes?.(orm, { publicUrl, config, behindProxy: options.behindProxy ?? trustsProxies(config) }) ??
      {},
    metrics: metricsHandler(() => [registry], config),
    logger: log,
    ready: async () => {
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      unwatchOutbox?.();
      await apollo.stop();
      await orm.close();
    },
  };
}

/** Brings a subgraph's schema up to date: its migrations, then its after-migration step; returns the migrations applied. */
export async function migrateSubgraph(definition: SubgraphDefinition, orm: Orm): Promise<string[]> {
  const applied = await migrate(orm, definition.model);
  await definition.afterMigrate?.(orm);
  return applied;
}

/**
 * Loads the reference data into a subgraph whose schema holds none; false when it holds
 * data (a seed never overwrites records edited since) or has no seed.
 */
export async function seedIfEmpty(
  definition: SubgraphDefinition,
  orm: Orm,
  log: (line: string) => void,
  config?: SeedConfig,
): Promise<boolean> {
  if (!definition.seed || !(await definition.isEmpty?.(orm))) return false;
  log(`${definition.name}: empty, loading the reference data…`);
  await definition.seed(orm, log, config);
  return true;
}

/** Opens each subgraph's ORM on `database` in turn, hands it to `use`, and closes it. */
export async function withEachOrm(
  definitions: readonly SubgraphDefinition[],
  database: Database,
  use: (definition: SubgraphDefinition, orm: Orm) => Promise<void>,
): Promise<void> {
  for (const definition of definitions) {
    const orm = await createOrm(definition.model, database);
    try {
      await use(definition, orm);
    } finally {
      await orm.close();
    }
  }
}
