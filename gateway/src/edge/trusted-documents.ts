import { coded } from './errors.js';
import type {
  GatewayConfigBase,
  GatewayContext,
  GatewayHivePersistedDocumentsOptions,
} from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from '@welcome-hub/kit';

/** off: documents only; allow: ids and documents; anonymous: callers without a token only ids; strict: only ids. */
export type TrustedDocumentsMode = 'off' | 'allow' | 'anonymous' | 'strict';

/** Hive Gateway's `persistedDocuments` option in its self-hosted form (a lookup of our own, not Hive's CDN). */
export type PersistedDocumentsOption = Exclude<
  NonNullable<GatewayConfigBase<GatewayContext>['persistedDocuments']>,
  GatewayHivePersistedDocumentsOptions
>;

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** id ("sha256:<hex>") → document, e.g. `readTrustedDocuments()` of @welcome-hub/schema. */
  documents: ReadonlyMap<string, string>;
}

const REGISTER_HINT =
  'To register a document of your own, add it as schema/operations/<OperationName>.graphql in a pull request ' +
  '(README: "Trusted documents (for partner developers)"); its id is "sha256:" and the SHA-256 of the text `npm run documents:print` stores.';

/** TRUSTED_DOCUMENTS, or its default: production keeps anonymous callers to trusted documents. */
export function trustedDocumentsMode(
  config: Pick<GatewayConfig, 'TRUSTED_DOCUMENTS' | 'NODE_ENV'>,
): TrustedDocumentsMode {
  return config.TRUSTED_DOCUMENTS ?? (config.NODE_ENV === 'production' ? 'anonymous' : 'allow');
}

/**
 * The id a request names, normalized to "sha256:<hex>": `documentId` in a POST body or a
 * GET's query string (GraphQL over HTTP), or Apollo's `extensions.persistedQuery.sha256Hash`,
 * whose bare hex gets the prefix.
 */
export function requestedDocumentId(params: { extensions?: Record<string, unknown> }, request: Request): string | null {
  const apollo = params.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  const raw =
    (params as { documentId?: unknown }).documentId ??
    new URL(request.url).searchParams.get('documentId') ??
    (apollo?.version === 1 ? apollo.sha256Hash : undefined);
  if (typeof raw !== 'string' || raw === '') return null;
  return /^(sha256:)?[0-9a-f]{64}$/i.test(raw) ? `sha256:${raw.slice(-64).toLowerCase()}` : raw;
}

/**
 * Whether the caller sent a token. The edge handler has already answered 401 to any
 * Authorization header that is not a valid bearer token, so its presence here means a
 * signed-in caller.
 */
function signedIn(request: Request): boolean {
  return /^Bearer\s+\S+$/i.test((request.headers.get('authorization') ?? '').trim());
}

/**
 * Hive Gateway's `persistedDocuments` option for a mode; undefined for 'off'. Trusted
 * documents are the contract with the clients we ship: in 'anonymous' and 'strict' modes
 * nobody without a token can make the hub plan a query it has never seen.
 */
export function trustedDocuments({ mode, documents }: TrustedDocumentsOptions): PersistedDocumentsOption | undefined {
  if (mode === 'off') return undefined;
  const onlyIds =
    mode === 'strict'
      ? 'This API runs trusted documents only: send {"documentId": "sha256:…"} instead of a query.'
      : 'Without a token this API runs trusted documents only: send {"documentId": "sha256:…"} instead of a query, or sign in (Authorization: Bearer …).';
  return {
    getPersistedOperation: (id) => documents.get(id) ?? null,
    extractPersistedOperationId: (params, request) => requestedDocumentId(params, request),
    allowArbitraryDocuments: mode === 'allow' ? true : mode === 'strict' ? false : signedIn,
    customErrors: {
      notFound: ({ params, request }) =>
        coded(
          404,
          'PERSISTED_QUERY_NOT_FOUND',
          `No trusted document has the id "${requestedDocumentId(params, request)}". ${REGISTER_HINT}`,
        ),
      persistedQueryOnly: () => coded(403, 'PERSISTED_QUERY_ONLY', `${onlyIds} ${REGISTER_HINT}`),
      keyNotFound: () => coded(400, 'BAD_REQUEST', 'Send a "query" or a "documentId".'),
    },
  };
}
