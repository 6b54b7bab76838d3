import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { defaultParamsSerializer } from '@graphql-mesh/hmac-upstream-signature';
import { SpanKind, SpanStatusCode, context as otelContext, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import {
  BadUserInputError,
  GatewaySignatureError,
  HubError,
  PayloadTooLargeError,
  type FieldProblem,
} from '../errors/errors.js';
import { TextTooLongError, unstorableText } from '../errors/text.js';
import { logger as processLogger } from '../observability/logger.js';
import { REQUEST_ID_HEADER, requestIdOf, withRequestContext } from '../observability/request-context.js';
import { extractTraceContext, kitTracer } from '../observability/tracing.js';
import { readBody } from './http.js';

/** Codes raised by GraphQL itself or by Apollo for a malformed request: the client's fault, safe to show. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
]);

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Shows expected failures as they are and hides everything else behind
 * INTERNAL_SERVER_ERROR, logging the original to `log` (with the request's id) so
 * operators can find it from the id the client got.
 */
export function formatErrorFor(log: Logger): ErrorFormatter {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    // The original's message: a TextTooLongError is renamed after the error was located.
    if (original instanceof HubError)
      return { ...formatted, message: original.message, extensions: { ...original.extensions } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) return formatted;
    log.error({ err: original, path: formatted.path?.join('.') ?? '(request)' }, 'Unexpected error while resolving');
    return {
      message: 'Unexpected server error.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** formatErrorFor the process's logger. */
export const formatError: ErrorFormatter = formatErrorFor(processLogger);

/** A document's string literals PostgreSQL cannot store, and the argument path each variable is passed to. */
interface DocumentText {
  problems: FieldProblem[];
  variablePaths: Map<string, string>;
}

// Apollo hands the same DocumentNode for the same query text (its document store), so the
// walk over a document's arguments runs once per document, not once per request.
const documentTexts = new WeakMap<DocumentNode, DocumentText>();

function documentText(document: DocumentNode): DocumentText {
  let found = documentTexts.get(document);
  if (found) return found;
  found = { problems: [], variablePaths: new Map() };
  const { problems, variablePaths } = found;
  const walk = (node: ValueNode, path: string): void => {
    if (node.kind === Kind.VARIABLE && !variablePaths.has(node.name.value)) variablePaths.set(node.name.value, path);
    else if (node.kind === Kind.STRING) problems.push(...unstorableText(node.value, path));
    else if (node.kind === Kind.OBJECT) for (const f of node.fields) walk(f.value, `${path}.${f.name.value}`);
    else if (node.kind === Kind.LIST) for (const [i, v] of node.values.entries()) walk(v, `${path}[${i}]`);
  };
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
    },
    VariableDefinition(node) {
      if (node.defaultValue) walk(node.defaultValue, node.variable.name.value);
    },
  });
  documentTexts.set(document, found);
  return found;
}

/**
 * Text a request carries that PostgreSQL cannot store, named by argument path (a variable
 * is named after the argument it is passed to, whatever the gateway called it).
 */
function unstorableArguments(document: DocumentNode, variables: Record<string, unknown>): FieldProblem[] {
  const { problems: inDocument, variablePaths } = documentText(document);
  const problems = [...inDocument];
  for (const [name, value] of Object.entries(variables))
    problems.push(...unstorableText(value, variablePaths.get(name) ?? name));
  return problems;
}

/**
 * PostgreSQL text cannot hold the NUL character, nor JSON an unpaired UTF-16 surrogate: a
 * string carrying one would fail deep in a query. Refuse such requests up front as the
 * client's mistake, before anything runs.
 */
export const rejectUnstorableText: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const problems = unstorableArguments(document, request.variables ?? {});
        // Errors thrown here would otherwise answer HTTP 500.
        if (problems.length > 0) throw httpError(new BadUserInputError(problems), 400);
      },
    };
  },
};

/**
 * Names text found too long at flush (see TextTooLongError) after the root field's argument
 * that carried it. Mutations only: queries write nothing, and a field hook makes Apollo
 * call through its instrumentation for every field resolved.
 */
const nameTooLongText: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async executionDidStart({ operation }) {
        if (operation.operation !== 'mutation') return;
        return {
          willResolveField({ info, args }) {
            if (info.path.prev !== undefined) return;
            return (error) => {
              const original = error ? unwrapResolverError(error) : undefined;
              if (original instanceof TextTooLongError) original.nameArguments(args as Record<string, unknown>);
            };
          },
        };
      },
    };
  },
};

export interface ApolloServerOptions<C extends BaseContext> {
  introspection?: boolean;
  /** Further plugins, after the kit's own (the subgraph runtime adds its observability plugin). */
  plugins?: ApolloServerPlugin<C>[];
  /** Where unexpected errors are logged (default: the process's logger). */
  logger?: Logger;
}

export async function createApolloServer<C extends BaseContext>(
  schema: GraphQLSchema,
  options: ApolloServerOptions<C> = {},
): Promise<ApolloServer<C>> {
  const server = new ApolloServer<C>({
    schema,
    formatError: options.logger ? formatErrorFor(options.logger) : formatError,
    includeStacktraceInErrorResponses: false,
    // Clients reach subgraphs only through the gateway (or the hub's own tests).
    csrfPrevention: true,
    introspection: options.introspection ?? true,
    // The process stops on SIGINT/SIGTERM itself (closeOnSignal: relays, server, database,
    // then exit 0); Apollo's own handler would re-raise the signal and cut that short.
    stopOnTerminationSignals: false,
    // Hive Gateway does not read Apollo's inline traces; skip computing them.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No schema declares @cacheControl and the gateway decides what it caches (its response
      // cache): Apollo's hints would cost a hook on every field resolved and say nothing.
      ApolloServerPluginCacheControlDisabled(),
      rejectUnstorableText,
      nameTooLongText,
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  return server;
}

/** Hive Gateway's `hmacSignature` puts its HMAC of each subgraph request here. */
const SIGNATURE_EXTENSION = 'hmac-signature';

/**
 * True when GraphQL request `params` carry the gateway's signature: base64 HMAC-SHA256 with
 * `secret` over the query and variables, serialized as Hive's own validator does.
 */
export function hasGatewaySignature(secret: string, params: unknown): boolean {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return false;
  const { query, variables, extensions } = params as {
    query?: unknown;
    variables?: unknown;
    extensions?: Record<string, unknown> | null;
  };
  const signature = extensions?.[SIGNATURE_EXTENSION];
  if (typeof query !== 'string' || typeof signature !== 'string') return false;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return false;
  const expected = createHmac('sha256', secret)
    .update(defaultParamsSerializer({ query, variables: variables as Record<string, unknown> | undefined }) ?? '')
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The params of a GET request (JSON-encoded variables and extensions), or null when they do not parse. */
function paramsFromSearch(search: URLSearchParams): unknown {
  try {
    const json = (name: string) => (search.has(name) ? JSON.parse(search.get(name)!) : undefined);
    return { query: search.get('query') ?? undefined, variables: json('variables'), extensions: json('extensions') };
  } catch {
    return null;
  }
}

/** Raised by a context factory when the request must be refused with an HTTP status (e.g. 401). */
export function httpError(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/** Answers with a GraphQL error body and an HTTP status, outside of Apollo. */
function sendError(res: ServerResponse, status: number, error: HubError, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}

export interface ApolloHandlerOptions {
  /** Largest request body read, in bytes; a larger one answers 413 (default 2 MiB). */
  bodyLimit?: number;
  /** When set, only requests the gateway signed with it are served; others answer 403. */
  gatewaySecret?: string;
  /** The subgraph served, named on its spans. */
  subgraph?: string;
}

/**
 * Serves an ApolloServer from a plain node:http request, the way @apollo/server's
 * standalone server does, without pulling in a web framework. Each request runs in its
 * request context (the gateway's `x-request-id`, or a fresh one, echoed in the response)
 * and inside a server span that continues the caller's trace (`traceparent`), so log
 * lines and spans of one request match the gateway's.
 */
export function apolloHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  options: ApolloHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const serve = graphQLOverHttp(server, context, options.bodyLimit ?? 2 * 1024 * 1024, options.gatewaySecret);
  return async (req, res) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const parent = extractTraceContext(req.headers);
    const attributes = { 'hub.subgraph': options.subgraph ?? 'unknown', 'hub.request_id': requestId };
    const span = kitTracer().startSpan('graphql.operation', { kind: SpanKind.SERVER, attributes }, parent);
    const spanContext = span.spanContext();
    const ids = isSpanContextValid(spanContext) ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : {};
    try {
      const traced = trace.setSpan(parent, span);
      await withRequestContext({ requestId, ...ids }, () => otelContext.with(traced, () => serve(req, res)));
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    }
  };
}

/** One GraphQL request over HTTP: body cap, JSON, the gateway's signature, then Apollo. */
function graphQLOverHttp<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  bodyLimit: number,
  gatewaySecret: string | undefined,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let raw: string;
    try {
      raw = (await readBody(req, bodyLimit)).toString('utf8');
    } catch (error) {
      // Closing the connection ends a body we refuse to read.
      if (error instanceof PayloadTooLargeError) return sendError(res, 413, error, { connection: 'close' });
      throw error;
    }
    let body: unknown = raw;
    if (raw !== '' && (headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
          }),
        );
        return;
      }
    }
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const method = req.method?.toUpperCase() ?? 'GET';
    if (
      gatewaySecret &&
      !hasGatewaySignature(gatewaySecret, method === 'GET' ? paramsFromSearch(url.searchParams) : body)
    ) {
      return sendError(res, 403, new GatewaySignatureError());
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
