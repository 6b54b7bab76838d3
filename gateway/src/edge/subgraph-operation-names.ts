import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, getOperationAST, type DocumentNode } from 'graphql';

/**
 * Subgraph requests carry the client's operation name, as the JavaScript planner sends
 * them, so a subgraph's log lines and spans say which operation they served
 * (`SiegenOverview`, not `anonymous`). Hive Router's planner (QUERY_PLANNER=rust, the
 * only one this is registered for) sends its fetches unnamed. Its fetch documents are
 * made once per plan; each is renamed once per operation name and kept.
 */
export function subgraphOperationNamesPlugin(): GatewayPlugin {
  const names = new WeakMap<object, string>();
  const renamed = new WeakMap<DocumentNode, Map<string, DocumentNode>>();
  return {
    onExecute({ args }) {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name && args.contextValue) names.set(args.contextValue, name);
    },
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const name = executionRequest.context && names.get(executionRequest.context);
      if (!name || executionRequest.operationName) return;
      const document = executionRequest.document;
      let byName = renamed.get(document);
      if (!byName) {
        byName = new Map();
        renamed.set(document, byName);
      }
      let named = byName.get(name);
      if (!named) {
        const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (operations.length !== 1 || operations[0]?.name) return;
        named = {
          ...document,
          definitions: document.definitions.map((d) =>
            d.kind === Kind.OPERATION_DEFINITION ? { ...d, name: { kind: Kind.NAME, value: name } } : d,
          ),
        };
        byName.set(name, named);
      }
      setExecutionRequest({ ...executionRequest, document: named, operationName: name });
    },
  } as GatewayPlugin;
}
