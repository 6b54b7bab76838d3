import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTokenVerifier, issueToken, type TokenRequest } from '../auth/tokens.js';
import { healthRoutes, listen, router } from '../server/http.js';
import { createSubgraphRuntime, type SubgraphDefinition, type SubgraphRuntime } from '../server/subgraph.js';
import { openPglite, closeDatabase, type Database } from '../db/database.js';

/** Test configuration for tokens: the development secret, default issuer and audience. */
export const TEST_AUTH = { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' } as const;

/** Signs a token the hub accepts in tests. */
export function devToken(request: TokenRequest): Promise<string> {
  return issueToken(TEST_AUTH, request);
}

export interface TestDatabase {
  database: Database;
  /** A connection URL for child processes: the server database, or null for PGlite. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: with DATABASE_URL, a new database on that
 * PostgreSQL server (dropped afterwards); otherwise an in-memory PGlite.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openPglite(null);
    return { database, url: null, close: () => closeDatabase(database) };
  }
  const base = new URL(serverUrl);
  const name = `${base.pathname.slice(1) || 'welcome_hub'}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    url: url.toString(),
    close: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** A tiny GraphQL-over-HTTP client for tests: POSTs to `url`, with an optional bearer token. */
export function graphqlClient(url: string) {
  return async <T = Record<string, any>>(
    query: string,
    options: { variables?: Record<string, unknown>; token?: string; authorization?: string } = {},
  ): Promise<GraphQLResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.authorization) headers.authorization = options.authorization;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
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

/** A subgraph on a fresh, migrated and seeded test database, served over HTTP on a free port. */
export async function startTestSubgraph(definition: SubgraphDefinition): Promise<SubgraphUnderTest> {
  const db = await openTestDatabase();
  const statements = statementCounter();
  const runtime = await createSubgraphRuntime(definition, { database: db.database, verifyToken: createTokenVerifier(TEST_AUTH), onQuery: statements.onQuery });
  await definition.seed?.(runtime.orm, () => undefined);
  const server = await listen(router({ ...runtime.routes, '/graphql': runtime.handle, ...healthRoutes([runtime]) }), '127.0.0.1', 0);
  return {
    runtime,
    url: server.url,
    gql: graphqlClient(`${server.url}/graphql`),
    statements,
    count: async (table, where = 'true') => {
      const sql = `select count(*)::int as n from "${definition.model.schema}"."${table}" where ${where}`;
      const [row] = (await runtime.orm.em.getConnection().execute(sql)) as { n: number }[];
      return row.n;
    },
    close: async () => {
      await server.close();
      await runtime.close();
      await db.close();
    },
  };
}
