import { coded } from './errors.js';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** Headers a browser cannot send without a CORS preflight; one of them makes a GET acceptable. */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'graphql-preflight'];

/** Bodies a POST may carry: JSON only, so no HTML form can post one without a preflight (the types Yoga parses, compared as it does). */
const POST_TYPES = ['application/json', 'application/graphql+json'];

/**
 * CSRF prevention as Apollo Server and GraphQL Yoga do it: a POST must be JSON (not a
 * form or text/plain, which browsers send cross-site without asking), and a GET, which
 * only ever runs queries, must carry a header that forces a preflight. Yoga's own plugin
 * does the GET check; this adds the POST rule and a code to both refusals.
 */
export function csrfPlugin(): GatewayPlugin {
  const yogaCsrf = useCSRFPrevention({ requestHeaders: CSRF_HEADERS });
  return {
    onRequestParse(payload) {
      const { request } = payload;
      if (request.method === 'POST') {
        const type = (request.headers.get('content-type') ?? '').split(',')[0].split(';')[0].trim();
        if (!POST_TYPES.includes(type)) {
          throw coded(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            `A POST body must be JSON (content-type: application/json), not "${type || 'none'}".`,
          );
        }
        return;
      }
      try {
        return yogaCsrf.onRequestParse?.(payload as never);
      } catch {
        throw coded(
          403,
          'CSRF_HEADER_REQUIRED',
          `A GET request must carry one of these headers: ${CSRF_HEADERS.join(', ')} (e.g. "x-graphql-csrf: 1").`,
        );
      }
    },
  } as GatewayPlugin;
}
