// Stock Hive Gateway for `npm run bench:gateway`: the runtime with the supergraph, the
// subgraph URLs (SUBGRAPH_URLS, JSON by name) and the request signature the subgraphs
// require (GATEWAY_SECRET), nothing else. A request with `x-bench-record: 1` gets the
// subgraph calls it caused in `extensions.benchCalls` (URL and exact body), which the
// bench replays as the direct sequence.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { readSupergraph } from '@welcome-hub/schema';

const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}');
const recordings = new WeakMap();

const recorder = {
  onFetch({ url, options, context }) {
    const calls = context && recordings.get(context);
    if (calls) calls.push({ url, body: options.body });
  },
  onExecute({ args }) {
    if (args.contextValue?.request?.headers.get('x-bench-record') !== '1') return;
    recordings.set(args.contextValue, []);
    return {
      onExecuteDone({ result, setResult }) {
        const benchCalls = recordings.get(args.contextValue);
        setResult({ ...result, extensions: { ...result.extensions, benchCalls } });
      },
    };
  },
};

const gateway = createGatewayRuntime({
  supergraph: readSupergraph(),
  transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
  hmacSignature: { secret: process.env.GATEWAY_SECRET },
  logging: 'error',
  plugins: () => [recorder],
});
const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  console.log(`stock ready: http://127.0.0.1:${server.address().port}/graphql`);
});
