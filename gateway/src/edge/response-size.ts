import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Caps what one client request may pull from the subgraphs, summed over every subgraph
 * call it makes: past `maxBytes` further answers are replaced by an error with
 * `RESPONSE_TOO_LARGE`, so the gateway never assembles an answer of unbounded size.
 * The cost limit refuses most such operations before planning; this is the backstop
 * for data that grew past what the estimate assumed.
 */
export function responseSizePlugin(maxBytes: number): GatewayPlugin {
  const received = new WeakMap<object, number>();
  return {
    onFetch({ context }) {
      return async ({ response, setResponse }) => {
        if (!context) return;
        let size = Number(response.headers.get('content-length') ?? NaN);
        let body: string | undefined;
        if (Number.isNaN(size)) {
          body = await response.text();
          size = Buffer.byteLength(body);
        }
        const total = (received.get(context) ?? 0) + size;
        received.set(context, total);
        if (total > maxBytes) {
          await response.body?.cancel().catch(() => undefined);
          const error = {
            message: `The answer exceeds the response size limit: ${total} bytes (allowed: ${maxBytes}). Ask for fewer records or fields.`,
            extensions: { code: 'RESPONSE_TOO_LARGE', limit: { measured: total, allowed: maxBytes } },
          };
          setResponse(Response.json({ data: null, errors: [error] }, { status: 200 }));
        } else if (body !== undefined) {
          setResponse(new Response(body, { status: response.status, headers: response.headers }));
        }
      };
    },
  } as GatewayPlugin;
}
