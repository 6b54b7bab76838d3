import { ConfigError, DEFAULT_PUBLIC_URL, oidcIssuer, parseConfig, subgraphEnv } from '../config/env.js';
import { createTokenVerifier } from '../auth/tokens.js';
import { closeDatabase, describeDatabase, openDatabase } from '../db/database.js';
import { healthRoutes, listen, router } from './http.js';
import { createSubgraphRuntime, type SubgraphDefinition } from './subgraph.js';
import { defaultAnalyzer } from '../search/analysis.js';
import { MeilisearchEngine } from '../search/meilisearch.js';
import { OutboxRelay } from '../search/relay.js';

/** Ends the process with the configuration problems listed, or rethrows anything else. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/** Runs `close` once on SIGINT/SIGTERM, then exits. */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down…`);
    close().then(
      () => process.exit(0),
      (error) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * The distributed mode's process for one subgraph: PostgreSQL from DATABASE_URL
 * (PGlite under DATA_DIR when unset), migrations applied, GraphQL on /graphql.
 */
export async function runSubgraphProcess(definition: SubgraphDefinition): Promise<void> {
  let config;
  try {
    config = parseConfig(subgraphEnv, { PORT: String(definition.defaultPort), ...process.env });
  } catch (error) {
    exitOnConfigError(error);
  }
  const database = await openDatabase(config);
  // Meilisearch serves the search subgraph and receives every domain subgraph's outbox.
  const searchEngine = config.MEILI_URL
    ? new MeilisearchEngine({ url: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY, indexUid: config.MEILI_INDEX, analyzer: defaultAnalyzer() })
    : undefined;
  if (definition.requiresSearchEngine && !searchEngine) {
    exitOnConfigError(new ConfigError([`MEILI_URL: required by the ${definition.name} subgraph (e.g. http://127.0.0.1:7700)`]));
  }
  if (!config.GATEWAY_SECRET) console.warn(`${definition.name}: GATEWAY_SECRET is not set, so anyone who reaches this port may call the subgraph; never do this in production.`);
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
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      console.warn(`Meilisearch settings not applied yet (${error.message}); retrying in ${delay / 1000} s`);
      settingsTimer = setTimeout(() => applySettings(attempt + 1), delay);
    });
  };
  applySettings(0);
  let relay: OutboxRelay | undefined;
  if (definition.search && searchEngine) {
    relay = new OutboxRelay({ orm: runtime.orm, schema: definition.name, feed: definition.search, engine: searchEngine });
    relay.start();
  } else if (definition.search) {
    console.warn(`${definition.name}: MEILI_URL is not set, so changes wait in the search outbox until a relay with MEILI_URL runs.`);
  }
  const server = await listen(router({ ...runtime.routes, '/graphql': runtime.handle, ...healthRoutes([runtime]) }), config.HOST, config.PORT);
  console.log(`${definition.name} subgraph on ${server.url}/graphql (${describeDatabase(database)}${searchEngine ? ', search: Meilisearch' : ''})`);
  closeOnSignal(async () => {
    await server.close();
    clearTimeout(settingsTimer);
    await relay?.stop();
    await runtime.close();
    await closeDatabase(database);
  });
}
