import { randomBytes } from 'node:crypto';
import { graphqlClient } from '@welcome-hub/kit/testing/client';
import { SHARED_HUB_ENV, sharedHubEnv } from '../src/testing/shared-hub.js';

export interface SharedHub {
  /** The public URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Where its subgraphs listen: /<name>/graphql. */
  internalUrl: string;
  /** The secret its subgraphs expect requests to be signed with. */
  gatewaySecret: string;
  gql: ReturnType<typeof graphqlClient>;
  /** Stops the hub if it is this file's own; the run's shared hub is stopped by Jest's global teardown. */
  close(): Promise<void>;
}

/**
 * The hub for test files that only read: the one the test run shares (shared-hub.setup.mjs
 * starts it from the build; its teardown fails the run when anything wrote to it), else,
 * when there is none, one of the file's own with the same configuration and the same check.
 * A file on the run's hub loads none of the hub's code.
 */
export async function sharedHub(): Promise<SharedHub> {
  const url = process.env[SHARED_HUB_ENV.url];
  if (url)
    return {
      url,
      internalUrl: process.env[SHARED_HUB_ENV.internalUrl]!,
      gatewaySecret: process.env[SHARED_HUB_ENV.secret]!,
      gql: graphqlClient(`${url}/graphql`),
      close: async () => undefined,
    };
  const { startTestHub } = await import('../src/testing/index.js');
  const gatewaySecret = randomBytes(32).toString('hex');
  const own = await startTestHub({ env: sharedHubEnv(gatewaySecret) });
  return {
    url: own.hub.url,
    internalUrl: own.hub.internalUrl,
    gatewaySecret,
    gql: own.gql,
    close: async () => {
      let writes = 0;
      try {
        writes = await own.writes();
      } finally {
        await own.close();
      }
      if (writes > 0) throw new Error(`A test file on the shared hub wrote ${writes} rows; it must only read.`);
    },
  };
}
