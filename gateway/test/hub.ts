import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { auditBaseline, graphqlClient, openTestDatabase, unauditedChanges } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';
import { startEmbedded, type EmbeddedHub, type EmbeddedOptions } from '../src/embedded.js';

export interface TestHub {
  hub: EmbeddedHub;
  gql: ReturnType<typeof graphqlClient>;
  /** Records written since the start (the seed) without an audit entry, as `Entity id`; empty when every write was audited. */
  unaudited(): Promise<string[]>;
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
  const audited = await Promise.all(
    subgraphs
      .filter((s) => s.model.audited)
      .map(async ({ name, model }) => {
        const { orm } = hub.runtimes.find((r) => r.name === name)!;
        return { orm, model, baseline: await auditBaseline(orm, model) };
      }),
  );
  return {
    hub,
    gql: graphqlClient(`${hub.url}/graphql`),
    unaudited: async () => (await Promise.all(audited.map(({ orm, model, baseline }) => unauditedChanges(orm, model, baseline)))).flat(),
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
}
