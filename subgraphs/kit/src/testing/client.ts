// The tests' GraphQL-over-HTTP client, apart from the rest of the testing kit so that a test
// file that only talks to a running hub loads nothing of the hub (@welcome-hub/kit/testing/client).
import { createHmac } from 'node:crypto';
import { defaultExecutionRequestSerializer } from '@graphql-mesh/hmac-upstream-signature';
import { parse } from 'graphql';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

/**
 * A request body signed as Hive Gateway's `hmacSignature` signs it, with its own
 * serializer, and sent as it sends it (the query printed compactly), for calling a
 * subgraph that verifies.
 */
export function gatewaySignedBody(secret: string, query: string, variables?: Record<string, unknown>) {
  const payload = defaultExecutionRequestSerializer({ document: parse(query), variables }) ?? '';
  const signature = createHmac('sha256', secret).update(payload).digest('base64');
  const sent = JSON.parse(payload) as { query: string };
  return { query: sent.query, variables, extensions: { 'hmac-signature': signature } };
}

/**
 * A tiny GraphQL-over-HTTP client for tests: POSTs to `url`, with an optional bearer token;
 * with `gatewaySecret`, every request is signed as the gateway signs it.
 */
export function graphqlClient(url: string, clientOptions: { gatewaySecret?: string } = {}) {
  return async <T = Record<string, any>>(
    query: string,
    options: { variables?: Record<string, unknown>; token?: string; authorization?: string } = {},
  ): Promise<GraphQLResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.authorization) headers.authorization = options.authorization;
    const { gatewaySecret } = clientOptions;
    const request = gatewaySecret
      ? gatewaySignedBody(gatewaySecret, query, options.variables)
      : { query, variables: options.variables };
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(request) });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
}
