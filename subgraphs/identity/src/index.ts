// Process entry of the distributed mode: listen only.
import '@welcome-hub/kit/require-node';
import '@welcome-hub/kit/graphql-production';
import { runSubgraphProcess } from '@welcome-hub/kit';
import { identitySubgraph } from './server.js';

await runSubgraphProcess(identitySubgraph);
