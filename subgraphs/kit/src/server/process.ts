import { ConfigError, DEFAULT_PUBLIC_URL, oidcIssuer, parseConfig, subgraphEnv } from '../config/env.js';
import { createTokenVerifier } from '../auth/tokens.js';
import { closeDatabase, describeDatabase, openDatabase } from '../db/database.js';
import { healthRoutes, listen, router } from './http.js';
import { checkSubgraphConfig, createSubgraphRuntime, type SubgraphDefinition } from './subgraph.js';
import type { z } from 'zod';
import type { SearchIndexWriter } from '../search/contract.js';
import { OutboxRelay } from '../search/relay.js';
import { lifecycleLogger, logger, startupFailureLogger } from '../observability/logger.js';
import { METRICS_PATH } from '../observability/metrics.js';
import { setupTracing } from '../observability/tracing.js';
import { backoffDelay } from '../retry/backoff.js';

/**
 * Ends the process with the configuration problems listed (one JSON line on stderr, the
 * problems as a list and in the message), or rethrows anything else.
 */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    startupFailureLogger().fatal({ problems: error.problems }, error.message);
    process.exit(1);
  }
  throw error;
}

/** The configuration `read` returns, or the process ends with its problems (see exitOnConfigError). */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    exitOnConfigError(error);
  }
}

/** Runs `close` once on SIGINT/SIGTERM, then exits. */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    const lifecycle = lifecycleLogger();
    lifecycle.info({ signal }, `${signal} received, shutting down…`);
    close().then(
      () => process.exit(0),
      (error) => {
        lifecycle.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** A subgraph process's configuration, as parsed from its environment. */
export type SubgraphProcessConfig = z.infer<typeof subgraphEnv>;

export interface SubgraphProcessOptions {
  /**
   * Builds the search engine the configuration names (e.g. Meilisearch for MEILI_URL), or
   * null for none. The process entry passes it (from `@welcome-hub/search-engine`), so kit
   * and the subgraphs' library code never load an engine.
   */
  searchEngine?: (config: SubgraphProcessConfig) => SearchIndexWriter | null;
}

/**
 * The distributed mode's process for one subgraph: PostgreSQL from DATABASE_URL
 * (PGlite under DATA_DIR when unset), migrations applied, GraphQL on /graphql.
 */
export async function runSubgraphProcess(
  definition: SubgraphDefinition,
  options: SubgraphProcessOptions = {},
): Promise<void> {
  const config = configOrExit(() => {
    const parsed = parseConfig(subgraphEnv, { PORT: String(definition.defaultPort), ...process.env });
    checkSubgraphConfig([definition], parsed);
    return parsed;
  });
  const log = logger.child({ component: 'subgraph', subgraph: definition.name });
  // Before anything serves: spans of this process join the gateway's traces.
  const tracing = setupTracing({ serviceName: `welcome-hub-${definition.name}` });
  const database = await openDatabase(config);
  // The entry's engine (Meilisearch, for MEILI_URL) serves the search subgraph and receives
  // every domain subgraph's outbox.
  const searchEngine = options.searchEngine?.(config) ?? undefined;
  if (definition.requiresSearchEngine && !searchEngine) {
    exitOnConfigError(
      new ConfigError([`MEILI_URL: required by the ${definition.name} subgraph (e.g. http://127.0.0.1:7700)`]),
    );
  }
  if (!config.GATEWAY_SECRET) {
    log.warn(
      'GATEWAY_SECRET is not set, so anyone who reaches this port may call the subgraph; never do this in production.',
    );
  }
  const publicUrl = config.PUBLIC_URL ?? DEFAULT_PUBLIC_URL;
  const runtime = await createSubgraphRuntime(definition, {
    database,
    verifyToken: createTokenVerifier(config, { oidcIssuer: oidcIssuer(config, publicUrl) }),
    publicUrl,
    config,
    // Browsers reach this process only through the gateway, which describes their requests in X-Forwarded-*.
    behindProxy: true,
    searchEngine,
    gatewaySecret: config.GATEWAY_SECRET,
    bodyLimit: config.LIMIT_BODY_BYTES,
    introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
  });
  // Until Meilisearch has the index settings, filtered searches fail: keep trying while it is down.
  let settingsTimer: NodeJS.Timeout | undefined;
  const applySettings = (attempt: number) => {
    searchEngine?.applySettings().catch((error: Error) => {
      const delay = backoffDelay(attempt);
      const fields = { reason: error.message, retryInSeconds: delay / 1000 };
      log.warn(fields, 'Meilisearch settings not applied yet; retrying');
      settingsTimer = setTimeout(() => applySettings(attempt + 1), delay);
    });
  };
  applySettings(0);
  let relay: OutboxRelay | undefined;
  if (definition.search && searchEngine) {
    relay = new OutboxRelay({
      orm: runtime.orm,
      schema: definition.name,
      feed: definition.search,
      engine: searchEngine,
    });
    relay.start();
  } else if (definition.search) {
    log.warn('MEILI_URL is not set, so changes wait in the search outbox until a relay with MEILI_URL runs.');
  }
  const routes = {
    ...runtime.routes,
    '/graphql': runtime.handle,
    [METRICS_PATH]: runtime.metrics,
    ...healthRoutes([runtime]),
  };
  const server = await listen(router(routes, { logger: log }), config.HOST, config.PORT);
  // Start scripts and tests wait for this line: written whatever LOG_LEVEL says.
  const described = `${describeDatabase(database)}${searchEngine ? ', search: Meilisearch' : ''}`;
  lifecycleLogger(log).info(
    { url: server.url, database: describeDatabase(database), search: searchEngine ? 'meilisearch' : null },
    `${definition.name} subgraph on ${server.url}/graphql (${described})`,
  );
  closeOnSignal(async () => {
    await server.close();
    clearTimeout(settingsTimer);
    await relay?.stop();
    await runtime.close();
    await closeDatabase(database);
    await tracing.shutdown();
  });
}
