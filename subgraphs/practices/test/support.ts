import { createTokenVerifier, listen, router, type RunningServer, type SubgraphRuntime } from '@welcome-hub/kit';
import { TEST_AUTH, graphqlClient, openTestDatabase, statementCounter, type TestDatabase } from '@welcome-hub/kit/testing';
import { createServer } from '../src/server.js';
import { seedPractices } from '../src/seed.js';

export interface SubgraphUnderTest {
  runtime: SubgraphRuntime;
  gql: ReturnType<typeof graphqlClient>;
  statements: ReturnType<typeof statementCounter>;
  /** Rows of a table of the practices schema, for checking what was (not) written. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** The practices subgraph on a fresh, migrated and seeded database, served over HTTP. */
export async function startPractices(): Promise<SubgraphUnderTest> {
  const db: TestDatabase = await openTestDatabase();
  const statements = statementCounter();
  const runtime = await createServer({ database: db.database, verifyToken: createTokenVerifier(TEST_AUTH), onQuery: statements.onQuery });
  await seedPractices(runtime.orm);
  const server: RunningServer = await listen(router({ '/graphql': runtime.handle }), '127.0.0.1', 0);
  return {
    runtime,
    gql: graphqlClient(`${server.url}/graphql`),
    statements,
    count: async (table, where = 'true') => {
      const [row] = (await runtime.orm.em.getConnection().execute(`select count(*)::int as n from "practices"."${table}" where ${where}`)) as { n: number }[];
      return row.n;
    },
    close: async () => {
      await server.close();
      await runtime.close();
      await db.close();
    },
  };
}

/** A complete, valid createPractice input; override what a test is about. */
export function practiceInput(overrides: Record<string, unknown> = {}) {
  return {
    owner: { ags: '05966024' },
    slug: 'willkommen-in-olpe',
    title: 'Willkommen in Olpe',
    summary: 'Neu zugezogene Familien werden persönlich begrüßt und erhalten die Willkommensmappe.',
    kind: 'EVENT_FORMAT',
    targetGroups: ['FAMILIES'],
    fieldsOfAction: ['NEW_HOME'],
    status: 'ACTIVE',
    startedYear: 2022,
    links: [{ title: 'Stadt Olpe', url: 'https://www.olpe.de/' }],
    contacts: [{ name: 'Eva Test', role: 'Bürgerbüro', email: 'eva.test@example.org', phone: '+49 2761 83-0' }],
    tags: ['Empfang'],
    ...overrides,
  };
}
