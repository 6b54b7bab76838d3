import { createTokenVerifier, healthRoutes, listen, router, type RunningServer, type SubgraphRuntime } from '@welcome-hub/kit';
import { TEST_AUTH, graphqlClient, openTestDatabase, statementCounter, type TestDatabase } from '@welcome-hub/kit/testing';
import { createServer } from '../src/server.js';
import { seedMunicipalities } from '../src/seed.js';

export interface SubgraphUnderTest {
  runtime: SubgraphRuntime;
  gql: ReturnType<typeof graphqlClient>;
  statements: ReturnType<typeof statementCounter>;
  /** Rows of a table of the municipalities schema, for checking what was (not) written. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** The municipalities subgraph on a fresh, migrated and seeded database, served over HTTP. */
export async function startMunicipalities(): Promise<SubgraphUnderTest> {
  const db: TestDatabase = await openTestDatabase();
  const statements = statementCounter();
  const runtime = await createServer({ database: db.database, verifyToken: createTokenVerifier(TEST_AUTH), onQuery: statements.onQuery });
  await seedMunicipalities(runtime.orm);
  const server: RunningServer = await listen(router({ '/graphql': runtime.handle, ...healthRoutes([runtime]) }), '127.0.0.1', 0);
  return {
    runtime,
    gql: graphqlClient(`${server.url}/graphql`),
    statements,
    count: async (table, where = 'true') => {
      const [row] = (await runtime.orm.em.getConnection().execute(`select count(*)::int as n from "municipalities"."${table}" where ${where}`)) as { n: number }[];
      return row.n;
    },
    close: async () => {
      await server.close();
      await runtime.close();
      await db.close();
    },
  };
}
