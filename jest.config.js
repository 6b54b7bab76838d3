import { availableParallelism } from 'node:os';

// ESM Jest over the TypeScript sources, compiled by SWC with legacy decorators and their
// metadata (type-graphql needs both). Workspace packages resolve to their sources.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@welcome-hub/kit$': '<rootDir>/subgraphs/kit/src/index.ts',
    '^@welcome-hub/kit/testing$': '<rootDir>/subgraphs/kit/src/testing/index.ts',
    '^@welcome-hub/kit/testing/client$': '<rootDir>/subgraphs/kit/src/testing/client.ts',
    '^@welcome-hub/kit/require-node$': '<rootDir>/subgraphs/kit/src/require-node.ts',
    '^@welcome-hub/kit/graphql-production$': '<rootDir>/subgraphs/kit/src/graphql-production.ts',
    '^@welcome-hub/municipalities$': '<rootDir>/subgraphs/municipalities/src/server.ts',
    '^@welcome-hub/events$': '<rootDir>/subgraphs/events/src/server.ts',
    '^@welcome-hub/modules$': '<rootDir>/subgraphs/modules/src/server.ts',
    '^@welcome-hub/practices$': '<rootDir>/subgraphs/practices/src/server.ts',
    '^@welcome-hub/identity$': '<rootDir>/subgraphs/identity/src/server.ts',
    '^@welcome-hub/search$': '<rootDir>/subgraphs/search/src/server.ts',
    '^@welcome-hub/search-engine$': '<rootDir>/subgraphs/search-engine/src/index.ts',
    '^@welcome-hub/seed$': '<rootDir>/seed/src/index.ts',
    '^@welcome-hub/reference$': '<rootDir>/subgraphs/reference/src/index.ts',
    '^@welcome-hub/schema$': '<rootDir>/schema/src/index.ts',
    '^@welcome-hub/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@welcome-hub/gateway/testing$': '<rootDir>/gateway/src/testing/index.ts',
    '^@welcome-hub/web$': '<rootDir>/web/dist-node/index.js',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-node/'],
  testEnvironment: 'node',
  // graphql-js as the hub's processes run it (their entries import this first).
  setupFiles: ['<rootDir>/subgraphs/kit/src/graphql-production.ts'],
};

/**
 * Test files in parallel, at least two: on two cores two workers finish the suite in about
 * three quarters of the time one takes (measured here: 21 min, with other work on the machine,
 * against 25 to 30 in band). A worker whose heap has grown past workerIdleMemoryLimit is
 * replaced between files: each file's modules stay in the worker's heap after it (one process
 * running all files grew past 4 GB, and a fifth of its CPU went to collecting garbage), so a
 * long-lived worker's collections have ever more to mark. Replaced past 500 MB instead of
 * 1 536 MB, `npm test` took 264 s instead of 320 on two cores, with 439 s of CPU instead of
 * 562 (past 800 MB: 275 s; past 200 MB: 259 s, with more of it spent starting workers). Against a PostgreSQL server (DATABASE_URL) two: a test hub holds three
 * connections per subgraph (TEST_POOL_SIZE), 18 in all, so the shared hub and two files
 * with two hubs each (90) stay within the server's default 100.
 */
const workers = process.env.DATABASE_URL ? 2 : Math.max(2, availableParallelism() - 1);

// Names this run: its test hubs start from copies of one migrated and seeded database made
// for it (subgraphs/kit/src/testing/seeded.ts), removed by the global teardown. When it
// started, in base 36, and the process; workers inherit it.
process.env.WELCOME_HUB_TEST_RUN ??= `${Date.now().toString(36)}_${process.pid}`;

export default {
  testTimeout: 60_000,
  // One hub for the run, shared by the test files that only read (gateway/test/shared-hub.ts).
  globalSetup: '<rootDir>/gateway/test/shared-hub.setup.mjs',
  globalTeardown: '<rootDir>/gateway/test/shared-hub.teardown.mjs',
  maxWorkers: workers,
  testSequencer: '<rootDir>/jest.sequencer.cjs',
  workerIdleMemoryLimit: '500MB',
  projects: [
    // Pure units: no database.
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.db\\.test\\.ts$', '\\.browser\\.test\\.ts$'],
    },
    // Need a database: PGlite by default, the PostgreSQL server when DATABASE_URL is set. The
    // tests of PGlite's own data folder run the same either way: a run on the server leaves them
    // to a run without DATABASE_URL (CI's first pass).
    {
      ...common,
      displayName: 'db',
      testMatch: ['<rootDir>/**/*.db.test.ts'],
      testPathIgnorePatterns: [
        ...common.testPathIgnorePatterns,
        ...(process.env.DATABASE_URL ? ['/subgraphs/kit/test/pglite-folder\\.db\\.test\\.ts$'] : []),
      ],
    },
    // The web app in a real Chromium against the embedded hub (skipped without Chromium).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/web/test/**/*.browser.test.ts'] },
  ],
};
