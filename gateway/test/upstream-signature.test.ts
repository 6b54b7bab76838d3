import { describe, expect, it } from '@jest/globals';
import { useHmacUpstreamSignature } from '@graphql-hive/gateway-runtime';
import { parse, print, stripIgnoredCharacters } from 'graphql';
import { hasGatewaySignature } from '@welcome-hub/kit';
import { upstreamSignaturePlugin } from '../src/edge/upstream-signature.js';

// The gateway signs subgraph requests with node:crypto instead of Hive's WebCrypto plugin;
// the signature must stay the library's byte for byte, or every subgraph refuses the gateway.

const SECRET = 'upstream-signature-test-secret-of-32-chars';
const quiet = { child: () => quiet, debug: () => undefined };

type Hooks = {
  onYogaInit?: (payload: unknown) => void;
  onSubgraphExecute: (payload: unknown) => unknown;
};

async function sign(
  plugin: Hooks,
  request: { document: ReturnType<typeof parse>; variables?: object; extensions?: object },
) {
  plugin.onYogaInit?.({ yoga: { fetchAPI: globalThis } });
  await plugin.onSubgraphExecute({ subgraphName: 'municipalities', executionRequest: request, log: quiet });
  return request.extensions;
}

describe('upstreamSignaturePlugin', () => {
  const requests = () => [
    { document: parse('{ municipality(ags: "05970040") { name } }') },
    { document: parse('query($a: ID!) { municipality(ags: $a) { name population } }'), variables: { a: '05970040' } },
    {
      document: parse('query Q($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { name } } }'),
      variables: { r: [{ __typename: 'Municipality', ags: '05970040', ümlaut: 'Lüdenscheid' }] },
      extensions: { other: 1 },
    },
  ];

  it("signs each request exactly as Hive's useHmacUpstreamSignature does, keeping other extensions", async () => {
    const library = useHmacUpstreamSignature({ secret: SECRET }) as unknown as Hooks;
    const ours = upstreamSignaturePlugin(SECRET) as unknown as Hooks;
    const [expected, actual] = [requests(), requests()];
    for (let i = 0; i < expected.length; i++) {
      const theirs = await sign(library, expected[i]!);
      expect(await sign(ours, actual[i]!)).toEqual(theirs);
      expect(theirs).toHaveProperty(['hmac-signature'], expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/));
    }
    expect(actual[2]!.extensions).toHaveProperty('other', 1);
  });

  it('is accepted by the subgraphs and only with the same secret', async () => {
    const request = requests()[1]!;
    const extensions = (await sign(upstreamSignaturePlugin(SECRET) as unknown as Hooks, request)) as Record<
      string,
      unknown
    >;
    // What the HTTP executor sends: the document printed without ignored characters.
    const params = { query: stripIgnoredCharacters(print(request.document)), variables: request.variables, extensions };
    expect(hasGatewaySignature(SECRET, params)).toBe(true);
    expect(hasGatewaySignature(`${SECRET}-other`, params)).toBe(false);
  });
});
