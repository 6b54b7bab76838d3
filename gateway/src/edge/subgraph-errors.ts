import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';

/** The code a client sees for a subgraph that did not answer; search keeps its documented one. */
function unavailableCode(subgraph: string): string {
  return subgraph === 'search' ? 'SEARCH_UNAVAILABLE' : 'SUBGRAPH_UNAVAILABLE';
}

/**
 * Codes the HTTP executor and the upstream timeout give a call that brought back no
 * GraphQL answer: refused or reset connection, a body that is not GraphQL (a proxy's
 * 502 page), a timeout.
 */
const TRANSPORT_CODES = new Set([
  'SUBREQUEST_HTTP_ERROR',
  'RESPONSE_VALIDATION_FAILED',
  'TIMEOUT_ERROR',
  'GATEWAY_TIMEOUT',
]);

/** True for a failure to reach the subgraph, false for an error the subgraph itself answered. */
function isTransportFailure(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  const code = error.extensions?.code;
  if (typeof code === 'string' && TRANSPORT_CODES.has(code)) return true;
  // Errors parsed from a subgraph's answer carry no original error; transport ones wrap a TypeError, SyntaxError…
  return error.originalError != null && !(error.originalError instanceof GraphQLError);
}

function unavailable(subgraph: string, failure: unknown): GraphQLError {
  const message =
    subgraph === 'search'
      ? 'Search is unavailable right now. Everything else works; try the search again shortly.'
      : `The ${subgraph} subgraph is unavailable right now; the fields it serves are null. Everything else works.`;
  // The path stays (the gateway relocates it); the transport's extensions, which name
  // internal URLs and the signed request body, and its HTTP status (504) do not.
  return new GraphQLError(message, {
    path: failure instanceof GraphQLError ? failure.path : undefined,
    extensions: { code: unavailableCode(subgraph), serviceName: subgraph },
  });
}

function causeOf(error: unknown): string {
  if (!(error instanceof GraphQLError)) return String((error as Error)?.message ?? error);
  const cause = error.originalError && error.originalError !== error ? `: ${error.originalError.message}` : '';
  return `${String(error.extensions?.code ?? 'ERROR')} ${error.message}${cause}`;
}

/**
 * Partial answers: a subgraph that is down, too slow (the upstream timeout) or answers
 * something other than GraphQL fails only the fields it serves. Its transport errors,
 * which Yoga would mask as INTERNAL_SERVER_ERROR "Unexpected error." (or answer with HTTP
 * 504), become one error with `SUBGRAPH_UNAVAILABLE` (`SEARCH_UNAVAILABLE` for search) and
 * `serviceName`; the other subgraphs' data stays. Errors the subgraph answered itself
 * (BAD_USER_INPUT, NOT_FOUND, FORBIDDEN…) pass unchanged.
 *
 * It wraps the executor rather than only inspecting results because the upstream
 * timeout rejects instead of answering; registered after it, this wrapper is outermost.
 */
export function subgraphErrorsPlugin(): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor, log }) {
      const report = (failures: unknown[]) => {
        log.warn(`${subgraphName} subgraph unavailable: ${failures.map(causeOf).join('; ')}`);
      };
      const guarded = async (request: Parameters<typeof executor>[0]) => {
        let result: Awaited<ReturnType<typeof executor>>;
        try {
          result = await executor(request);
        } catch (error) {
          report([error]);
          return { errors: [unavailable(subgraphName, error)] };
        }
        if (Symbol.asyncIterator in Object(result)) return result;
        const single = result as ExecutionResult;
        const failures = single.errors?.filter(isTransportFailure) ?? [];
        if (failures.length === 0) return single;
        report(failures);
        // One error per failed call; the gateway repeats it on each field that needed the call.
        const errors = [...single.errors!.filter((e) => !failures.includes(e)), unavailable(subgraphName, failures[0])];
        return { ...single, errors };
      };
      setExecutor(guarded as typeof executor);
    },
  } as GatewayPlugin;
}
