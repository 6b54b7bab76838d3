import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { UnauthenticatedError, type TokenVerifier } from '@welcome-hub/kit';

export interface GatewayOptions {
  /** Supergraph SDL (schema/supergraph.graphql). */
  supergraph: string;
  /** Overrides the supergraph's subgraph URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  verifyToken: TokenVerifier;
  /** Allowed browser origins; ['*'] allows any. */
  corsOrigins: string[];
  logging?: boolean | 'debug' | 'info' | 'warn' | 'error';
}

const EXAMPLE_QUERY = `# Welcome Hub: municipalities of Südwestfalen and the Ruhr sharing how they welcome newcomers.
# Official statistics: Destatis, dl-de/by-2-0 (see Municipality.attribution).
{
  municipality(ags: "05970040") {
    name
    population
    district { name }
    cooperations { name }
  }
  cooperation(slug: "integration-interkommunal") {
    name
    members { municipality { ags name } since }
  }
}
`;

function unauthenticated(message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
  });
}

/**
 * The Hive Gateway runtime over the static supergraph. It verifies the bearer token
 * (a bad one ends the request with 401) and forwards it unchanged; each subgraph
 * verifies it again and never trusts the gateway blindly.
 */
export function createGateway(options: GatewayOptions): GatewayRuntime {
  const anyOrigin = options.corsOrigins.includes('*');
  return createGatewayRuntime({
    supergraph: options.supergraph,
    logging: options.logging ?? 'info',
    landingPage: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    graphiql: { title: 'Welcome Hub GraphiQL', defaultQuery: EXAMPLE_QUERY },
    // Bundled GraphiQL: works on machines without internet access.
    renderGraphiQL,
    cors: {
      origin: anyOrigin ? '*' : options.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization'],
      credentials: false,
    },
    transportEntries: Object.fromEntries(Object.entries(options.subgraphUrls ?? {}).map(([name, location]) => [name, { location }])),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const authorization = request.headers.get('authorization');
        return authorization ? { authorization } : {};
      },
    },
    plugins: () => [verifyTokenPlugin(options.verifyToken)],
  });
}

/** Ends requests to /graphql that carry a bad token with 401 before any planning happens. */
function verifyTokenPlugin(verifyToken: TokenVerifier): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/graphql' || request.method === 'OPTIONS') return;
      try {
        await verifyToken(request.headers.get('authorization'));
      } catch (error) {
        if (error instanceof UnauthenticatedError) endResponse(unauthenticated(error.message));
        else throw error;
      }
    },
  };
}
