import { ConfigError, parseConfig, subgraphEnv } from '../config/env.js';
import { createTokenVerifier } from '../auth/tokens.js';
import { closeDatabase, describeDatabase, openDatabase } from '../db/database.js';
import { healthRoutes, listen, router } from './http.js';
import { createSubgraphRuntime, type SubgraphDefinition } from './subgraph.js';

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
  const runtime = await createSubgraphRuntime(definition, { database, verifyToken: createTokenVerifier(config) });
  const server = await listen(router({ ...runtime.routes, '/graphql': runtime.handle, ...healthRoutes([runtime]) }), config.HOST, config.PORT);
  console.log(`${definition.name} subgraph on ${server.url}/graphql (${describeDatabase(database)})`);
  closeOnSignal(async () => {
    await server.close();
    await runtime.close();
    await closeDatabase(database);
  });
}
