// The hub as the tests start it (exported as @welcome-hub/gateway/testing): each test file's
// own, and the one hub a test run shares (Jest's global set-up starts it from the build).
export * from './shared-hub.js';
export { openSeededHubDatabase } from './seeded.js';
import { createOrm, gatewayEnv, parseConfig, type Database } from '@welcome-hub/kit';
import {
  graphqlClient,
  loggedWriteCount,
  logWrites,
  openTestDatabase,
  unauditedRecords,
} from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';
import { startEmbedded, type EmbeddedHub, type EmbeddedOptions } from '../embedded.js';
import { testPlannerEnv } from './planner.js';
import { openSeededHubDatabase } from './seeded.js';

export interface TestHub {
  hub: EmbeddedHub;
  gql: ReturnType<typeof graphqlClient>;
  /** Records written without an audit entry since the database was created (the seed included), as `Entity id: why`; empty when every write was audited (see unauditedRecords). */
  unaudited(): Promise<string[]>;
  /** Rows of audited tables and audit entries written since the hub started (the seed not counted). */
  writes(): Promise<number>;
  /** Stops the hub; fails when a record was written without an audit entry. */
  close(): Promise<void>;
}

/**
 * The embedded hub on a test database of its own (in-memory PGlite, or a database on the
 * server when DATABASE_URL is set), silent, on a free port. In a test run the database
 * starts as a copy of the run's migrated and seeded one (seeded.ts), and the seed's lines
 * reach `log` as if this hub had seeded.
 */
export async function startTestHub(
  options: Partial<Omit<EmbeddedOptions, 'config' | 'database'>> & { env?: Record<string, string> } = {},
): Promise<TestHub> {
  const { env, ...embedded } = options;
  // The response cache stays off unless a test turns it on: tests read their own writes made
  // around the gateway, count statements per request and stop subgraphs. response-cache.db.test.ts
  // turns it on; the distributed tests run the gateway as shipped, with it.
  const raw = { PORT: '0', LOG_LEVEL: 'silent', RESPONSE_CACHE_TTL_SECONDS: '0', ...testPlannerEnv(), ...env };
  const config = parseConfig(gatewayEnv, raw);
  const seeded = await openSeededHubDatabase(raw);
  const db = seeded?.db ?? (await openTestDatabase());
  for (const line of seeded?.seedLog ?? []) embedded.log?.(line);
  const hub = await startEmbedded({ config, database: db.database, log: () => undefined, ...embedded });
  const unaudited = await watchAuditing(hub);
  return {
    hub,
    gql: graphqlClient(`${hub.url}/graphql`),
    unaudited,
    writes: () => loggedWriteCount(hub.runtimes[0]!.orm),
    close: async () => {
      // Issue 12's bar, checked for every test file on the hub: each of its writes left an audit entry.
      let missing: string[] = [];
      try {
        missing = await unaudited();
      } finally {
        await hub.close();
        await db.close();
      }
      failOnUnaudited(missing);
    },
  };
}

/**
 * Logs every write to the hub's audited tables from now on (logWrites) and returns the check:
 * the records written without an audit entry since the database was created. Writes made
 * before the call (the seed) are checked by the rows' last writes only. For test files that
 * start the embedded hub themselves; startTestHub's close() runs the check by itself.
 */
export async function watchAuditing(hub: EmbeddedHub): Promise<() => Promise<string[]>> {
  const orms = subgraphs.map(({ name, model }) => ({ orm: hub.runtimes.find((r) => r.name === name)!.orm, model }));
  for (const { orm, model } of orms) await logWrites(orm, model);
  return async () => (await Promise.all(orms.map(({ orm, model }) => unauditedRecords(orm, model)))).flat();
}

function failOnUnaudited(missing: string[]): void {
  if (missing.length > 0) throw new Error(`Unaudited writes: ${missing.join('; ')}`);
}

/** For a test file's afterAll, before the hub closes: fails when a record was written without an audit entry (see watchAuditing). */
export async function expectEveryWriteAudited(hub: EmbeddedHub): Promise<void> {
  failOnUnaudited(await (await watchAuditing(hub))());
}

/**
 * watchAuditing for processes of their own (the distributed mode) sharing one PostgreSQL
 * database: ORMs of every subgraph's model on `database`, the write log started, and the
 * check to run once the processes are done (it throws, listing them); close() ends the ORMs.
 */
export async function watchAuditingIn(
  database: Database,
): Promise<{ expectEveryWriteAudited(): Promise<void>; close(): Promise<void> }> {
  // One connection each: the check runs its statements one after the other.
  const single: Database = database.kind === 'postgres' ? { ...database, poolSize: 1 } : database;
  const orms = await Promise.all(subgraphs.map(async ({ model }) => ({ orm: await createOrm(model, single), model })));
  const close = async () => {
    for (const { orm } of orms) await orm.close();
  };
  try {
    for (const { orm, model } of orms) await logWrites(orm, model);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    expectEveryWriteAudited: async () =>
      failOnUnaudited((await Promise.all(orms.map(({ orm, model }) => unauditedRecords(orm, model)))).flat()),
    close,
  };
}
