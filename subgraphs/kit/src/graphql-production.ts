// Imported by every server process entry (gateway, subgraphs, seed, reindex) before anything loads
// graphql, and by the tests' set-up: graphql-js as it runs in production, whatever NODE_ENV says.
//
// graphql-js 16 decides once, when jsutils/instanceOf.js is first loaded, whether NODE_ENV is
// "production"; if not, every failed check of its own types (isListType, isNonNullType, ...: a
// few per field validated, coerced or resolved) also reads Symbol.toStringTag to warn of a second
// copy of graphql. That check took 15 % of the CPU of the fuzz suite (8 000 new documents) and
// its 68.5 s became 52.0 s without it. The hub's NODE_ENV means something else (the embedded
// mode and development runs are not "production": development secrets and defaults), so only
// graphql's module is loaded as in production and NODE_ENV is left as it was. The lockfile holds one
// copy of graphql (checked by graphql-production.test.ts), which is what the warning is about.
import { createRequire } from 'node:module';

const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  createRequire(import.meta.url)('graphql/jsutils/instanceOf.js');
} finally {
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
}
