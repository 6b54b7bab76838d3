import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { graphqlClient, openTestDatabase } from '@welcome-hub/kit/testing';
import { startEmbedded, type EmbeddedHub, type EmbeddedOptions } from '../src/embedded.js';

export interface TestHub {
  hub: EmbeddedHub;
  gql: ReturnType<typeof graphqlClient>;
  close(): Promise<void>;
}

/**
 * The embedded hub on a fresh test database (in-memory PGlite, or a database of its own
 * on the server when DATABASE_URL is set), silent, on a free port.
 */
export async function startTestHub(
  options: Partial<Omit<EmbeddedOptions, 'config' | 'database'>> & { env?: Record<string, string> } = {},
): Promise<TestHub> {
  const { env, ...embedded } = options;
  const db = await openTestDatabase();
  const config = parseConfig(gatewayEnv, { PORT: '0', LOG_LEVEL: 'silent', ...env });
  const hub = await startEmbedded({ config, database: db.database, log: () => undefined, ...embedded });
  return {
    hub,
    gql: graphqlClient(`${hub.url}/graphql`),
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
}
