import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * An executed operation answers with `data`, null when an error nulled the whole
 * result (GraphQL spec, "Response"; only a request that never executed, such as one
 * that failed validation, leaves it out). Hive Router's executor (QUERY_PLANNER=rust)
 * omits it when its only fetch failed; clients that tell a refused request from a
 * failed execution by `data` would read it as the former.
 */
export function executionDataPlugin(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const single = result as { data?: unknown };
          if (single.data === undefined) setResult({ ...single, data: null } as typeof result);
        },
      };
    },
  } as GatewayPlugin;
}
