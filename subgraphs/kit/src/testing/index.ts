import { createTokenVerifier, issueToken, type TokenRequest } from '../auth/tokens.js';
import { healthRoutes, listen, router } from '../server/http.js';
import {
  createSubgraphRuntime,
  type SubgraphDefinition,
  type SubgraphRuntime,
  type SubgraphRuntimeOptions,
} from '../server/subgraph.js';
import { graphqlClient } from './client.js';
import { openTestDatabase } from './database.js';
import { declaredLength } from '../db/column-length.js';
import { logWrites, unauditedRecords } from './audit.js';
import type { Orm } from '../db/orm.js';

/** Test configuration for tokens: the development secret, default issuer and audience. */
export const TEST_AUTH = { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' } as const;

/** Signs a token the hub accepts in tests. */
export function devToken(request: TokenRequest): Promise<string> {
  return issueToken(TEST_AUTH, request);
}

/** Counts SQL statements; pass `counter.onQuery` as an ORM option. */
export function statementCounter() {
  const counter = {
    count: 0,
    statements: [] as string[],
    onQuery: (sql: string) => {
      counter.count++;
      counter.statements.push(sql);
    },
    reset: () => {
      counter.count = 0;
      counter.statements = [];
    },
  };
  return counter;
}

export interface SubgraphUnderTest {
  runtime: SubgraphRuntime;
  /** Base URL of the test server, e.g. for the subgraph's plain HTTP routes. */
  url: string;
  gql: ReturnType<typeof graphqlClient>;
  statements: ReturnType<typeof statementCounter>;
  /** Rows of a table of the subgraph's schema, for checking what was (not) written. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A subgraph on a fresh, migrated and seeded test database, served over HTTP on a free
 * port. With `gatewaySecret` it verifies the gateway's signature, and `gql` signs. `close`
 * fails when a record of an audited table was written without an audit entry, the seed's
 * included; a test's fixtures write through `forkForSystem`.
 */
export async function startTestSubgraph(
  definition: SubgraphDefinition,
  options: Pick<SubgraphRuntimeOptions, 'gatewaySecret' | 'bodyLimit' | 'introspection'> = {},
): Promise<SubgraphUnderTest> {
  const db = await openTestDatabase();
  const statements = statementCounter();
  const runtime = await createSubgraphRuntime(definition, {
    database: db.database,
    verifyToken: createTokenVerifier(TEST_AUTH),
    onQuery: statements.onQuery,
    ...options,
  });
  await logWrites(runtime.orm, definition.model);
  await definition.seed?.(runtime.orm, () => undefined);
  const server = await listen(
    router({ ...runtime.routes, '/graphql': runtime.handle, ...healthRoutes([runtime]) }),
    '127.0.0.1',
    0,
  );
  return {
    runtime,
    url: server.url,
    gql: graphqlClient(`${server.url}/graphql`, { gatewaySecret: options.gatewaySecret }),
    statements,
    count: async (table, where = 'true') => {
      const sql = `select count(*)::int as n from "${definition.model.schema}"."${table}" where ${where}`;
      const [row] = (await runtime.orm.em.getConnection().execute(sql)) as { n: number }[];
      return row.n;
    },
    close: async () => {
      // Issue 12's bar, checked for every test file: each of its writes left an audit entry.
      let unaudited: string[] = [];
      try {
        unaudited = await unauditedRecords(runtime.orm, definition.model);
      } finally {
        await server.close();
        await runtime.close();
        await db.close();
      }
      if (unaudited.length > 0) throw new Error(`Unaudited writes: ${unaudited.join('; ')}`);
    },
  };
}

/**
 * Columns of `schema` whose varchar length differs from what the entity metadata declares
 * (or that no entity declares), e.g. `events.event.series_slug: column 120, entity none`.
 * Empty when the ORM's length check (db/column-length.ts) covers every varchar column.
 */
export async function columnLengthMismatches(orm: Orm, schema: string): Promise<string[]> {
  const columns = (await orm.em.getConnection().execute(
    `select table_name, column_name, character_maximum_length as length from information_schema.columns
     where table_schema = ? and data_type in ('character varying', 'character') and table_name <> 'mikro_orm_migrations'`,
    [schema],
  )) as { table_name: string; column_name: string; length: number | null }[];
  const declared = new Map<string, number | undefined>();
  for (const meta of orm.getMetadata().getAll().values()) {
    for (const prop of meta.props) {
      for (const column of prop.fieldNames ?? []) declared.set(`${meta.tableName}.${column}`, declaredLength(prop));
    }
  }
  return columns
    .filter((c) => declared.get(`${c.table_name}.${c.column_name}`) !== (c.length ?? undefined))
    .map(
      (c) =>
        `${schema}.${c.table_name}.${c.column_name}: column ${c.length ?? 'unbounded'}, entity ${declared.get(`${c.table_name}.${c.column_name}`) ?? 'none'}`,
    );
}

export * from './client.js';
export * from './database.js';
export * from './seeded.js';
export * from './schema-drift.js';
export * from './policy.js';
export * from './audit.js';
export * from './source.js';
