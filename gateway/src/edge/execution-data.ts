import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * An operation that failed while executing answers with `data`, null when a field error
 * nulled the whole result (GraphQL spec, "Response"); a request error (validation,
 * variables) has none. Hive Router's executor (QUERY_PLANNER=rust, the only one this is
 * registered for) leaves `data` out when its only fetch failed, so an answer whose errors
 * carry a field path (field errors, never request errors) gets `data: null`.
 */
export function executionDataPlugin(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const single = result as { data?: unknown };
          const fieldError = (single as { errors?: readonly { path?: unknown }[] }).errors?.some((e) => e.path);
          if (single.data === undefined && fieldError) setResult({ ...single, data: null } as typeof result);
        },
      };
    },
  } as GatewayPlugin;
}
