import type { UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  execute,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  getOperationAST,
  visit,
} from 'graphql';

/**
 * Hive Router's executor (QUERY_PLANNER=rust) answers an operation from the gateway's own
 * schema only when its first root selection is the field `__schema` or `__type`; data
 * fields beside it then come back null without an error. Any other operation it plans,
 * and an introspection field in the plan fails ("Unexpected error"): a data field first, or
 * introspection inside a root fragment. The JavaScript planner answers all of them, and
 * tools (GraphiQL, codegen, client caches) ask `__type` and data in one go.
 *
 * This wraps the planner: a query with introspection at its root runs its introspection
 * fields with graphql-js against the gateway's schema (as the router's own local path does)
 * and the rest, if any, through the plan; the answers are merged in the client's field
 * order. The split is made once per parsed document and operation name, so the data half
 * keeps its cached plan.
 */
type Executor = NonNullable<Awaited<ReturnType<UnifiedGraphHandler>>['executor']>;
type ExecutionRequest = Parameters<Executor>[0];

export function splitIntrospection(handler: UnifiedGraphHandler): UnifiedGraphHandler {
  return async (opts) => {
    const result = await handler(opts);
    return result.executor ? { ...result, executor: splitExecutor(result.executor, result.unifiedGraph) } : result;
  };
}

interface Split {
  introspection: DocumentNode;
  /** Null: the query asks nothing but introspection (and `__typename`). */
  data: DocumentNode | null;
  /** The root response keys in the client's order. */
  keys: string[];
}

function splitExecutor(executor: Executor, schema: GraphQLSchema): Executor {
  const splits = new WeakMap<DocumentNode, Map<string, Split | null>>();
  const splitOf = (request: ExecutionRequest): Split | null => {
    let byName = splits.get(request.document);
    if (!byName) {
      byName = new Map();
      splits.set(request.document, byName);
    }
    const name = request.operationName ?? '';
    let split = byName.get(name);
    if (split === undefined) {
      split = splitDocument(request.document, request.operationName);
      byName.set(name, split);
    }
    return split;
  };
  return ((request: ExecutionRequest) => {
    const split = splitOf(request);
    if (!split) return executor(request);
    const data = split.data;
    return (async () => {
      const [introspection, planned] = await Promise.all([
        execute({
          schema,
          document: split.introspection,
          variableValues: request.variables,
          operationName: request.operationName,
          contextValue: request.context,
        }),
        data && executor({ ...request, document: data }),
      ]);
      return planned ? merge(split.keys, introspection, planned as ExecutionResult) : introspection;
    })();
  }) as Executor;
}

/** Both answers as one: data in the client's key order (null when either half is null). */
function merge(keys: readonly string[], ...results: ExecutionResult[]): ExecutionResult {
  const errors = results.flatMap((r) => r.errors ?? []);
  const extensions = Object.assign({}, ...results.map((r) => r.extensions ?? {}));
  let data: Record<string, unknown> | null = null;
  if (results.every((r) => r.data)) {
    data = {};
    for (const key of keys) {
      const from = results.find((r) => r.data && key in r.data);
      if (from?.data) data[key] = from.data[key];
    }
  }
  return {
    data,
    ...(errors.length ? { errors } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  } as ExecutionResult;
}

type Kinds = { introspection: boolean; data: boolean };

const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * The query's halves, or null when it has no introspection at its root (or streams
 * results, which merged answers cannot).
 */
export function splitDocument(document: DocumentNode, operationName?: string): Split | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = inlineRootSpreads(operation.selectionSet, fragments);
  const kinds = kindsOf(root);
  if (!kinds.introspection || streams(document)) return null;
  const keys: string[] = [];
  collectKeys(root, keys);
  return {
    introspection: documentOf(document, operation, filter(root, 'introspection', kinds.data), fragments),
    data: kinds.data ? documentOf(document, operation, filter(root, 'data', true), fragments) : null,
    keys,
  };
}

/** Root-level fragment spreads become inline fragments, so each half can be filtered alone. */
function inlineRootSpreads(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: ReadonlySet<string> = new Set(),
): SelectionSetNode {
  const selections = set.selections.map((selection): SelectionNode => {
    if (selection.kind === Kind.FIELD) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return { ...selection, selectionSet: inlineRootSpreads(selection.selectionSet, fragments, seen) };
    }
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return selection;
    return {
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: fragment.typeCondition,
      directives: selection.directives,
      selectionSet: inlineRootSpreads(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value])),
    };
  });
  return { ...set, selections };
}

function kindOf(selection: SelectionNode): Kinds {
  if (selection.kind === Kind.FIELD) {
    const name = selection.name.value;
    return { introspection: INTROSPECTION.has(name), data: name !== '__typename' && !INTROSPECTION.has(name) };
  }
  // A spread left at the root (unknown or cyclic) counts as data: it is never split off.
  if (selection.kind === Kind.FRAGMENT_SPREAD) return { introspection: false, data: true };
  return kindsOf(selection.selectionSet);
}

function kindsOf(set: SelectionSetNode): Kinds {
  const kinds = { introspection: false, data: false };
  for (const selection of set.selections) {
    const own = kindOf(selection);
    kinds.introspection ||= own.introspection;
    kinds.data ||= own.data;
  }
  return kinds;
}

/** The root selections of one half; `__typename` goes with the data if there is any. */
function filter(set: SelectionSetNode, half: keyof Kinds, data: boolean): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = filter(selection.selectionSet, half, data);
      if (inner.selections.length) selections.push({ ...selection, selectionSet: inner });
      continue;
    }
    const own = kindOf(selection);
    const local = own.introspection || (!own.data && !data);
    if (half === 'introspection' ? local : !local) selections.push(selection);
  }
  return { ...set, selections };
}

function collectKeys(set: SelectionSetNode, keys: string[]): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!keys.includes(key)) keys.push(key);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectKeys(selection.selectionSet, keys);
    }
  }
}

/** One operation with this root selection, the variables and fragments it still uses. */
function documentOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): DocumentNode {
  const usedFragments = new Set<string>();
  const pending: SelectionSetNode[] = [selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    visit(set, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (usedFragments.has(name) || !fragment) return;
        usedFragments.add(name);
        pending.push(fragment.selectionSet);
      },
    });
  }
  const definitions = [...usedFragments].flatMap((name) => fragments.get(name) ?? []);
  const usedVariables = new Set<string>();
  for (const node of [selectionSet, ...definitions, ...(operation.directives ?? [])]) {
    visit(node, {
      Variable(variable) {
        usedVariables.add(variable.name.value);
      },
    });
  }
  const variableDefinitions = operation.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value));
  return {
    ...document,
    loc: undefined,
    definitions: [{ ...operation, variableDefinitions, selectionSet, loc: undefined }, ...definitions],
  };
}

function streams(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(directive) {
      if (directive.name.value === 'defer' || directive.name.value === 'stream') found = true;
    },
  });
  return found;
}
