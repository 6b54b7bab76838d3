import type { UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  execute,
  isNonNullType,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  getOperationAST,
  visit,
} from 'graphql';
import { streamsResults } from './streams.js';

type Executor = NonNullable<Awaited<ReturnType<UnifiedGraphHandler>>['executor']>;
type ExecutionRequest = Parameters<Executor>[0];

/**
 * Hive Router's executor (QUERY_PLANNER=rust) answers an operation from the gateway's own
 * schema when the first operation of the document starts with `__schema` or `__type`, or
 * with `__typename` followed by anything but a field; data fields there come back null
 * without an error. Any other operation it plans, and introspection in a plan fails
 * ("Unexpected error"). The JavaScript planner answers all of them, and tools (GraphiQL,
 * codegen, client caches) ask `__typename`, `__type` and data in one go, and send documents
 * of several operations.
 *
 * This wraps the planner: a query asking introspection or `__typename` at its root runs
 * those fields with graphql-js against the gateway's schema (as the router's own local
 * path does) and the rest, if any, through the plan; the answers are merged in the client's
 * field order. A document of several operations reaches the router as the chosen one
 * alone. The split is made once per parsed document and operation name, so the planned
 * half keeps its cached plan.
 */
export function splitIntrospection(handler: UnifiedGraphHandler): UnifiedGraphHandler {
  return async (opts) => {
    const result = await handler(opts);
    return result.executor ? { ...result, executor: splitExecutor(result.executor, result.unifiedGraph) } : result;
  };
}

interface Split {
  /** Introspection and root `__typename`, run here; null: none asked. */
  local: DocumentNode | null;
  /** Everything else, planned; null: nothing else asked. */
  planned: DocumentNode | null;
  /** The root response keys in the client's order, with the field each names. */
  keys: Map<string, string>;
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
    const { local, planned } = split;
    if (!local) return executor({ ...request, document: planned as DocumentNode });
    const here = () =>
      execute({
        schema,
        document: local,
        rootValue: request.rootValue,
        contextValue: request.context,
        variableValues: request.variables,
        operationName: request.operationName,
      });
    if (!planned) return here();
    return (async () => {
      const [answered, fetched] = await Promise.all([here(), executor({ ...request, document: planned })]);
      return merge(split.keys, schema, answered, fetched as ExecutionResult);
    })();
  }) as Executor;
}

/**
 * Both answers as one, data in the client's key order. A request error (no data, an error
 * without a path) is the answer. The router leaves `data` out when its fetches failed or
 * nothing was fetched: the fields it was to answer are then null, and so is the whole
 * answer when one of them may not be (GraphQL's null propagation).
 */
function merge(
  keys: ReadonlyMap<string, string>,
  schema: GraphQLSchema,
  answered: ExecutionResult,
  fetched: ExecutionResult,
): ExecutionResult {
  for (const result of [answered, fetched]) {
    if (result.data == null && result.errors?.some((e) => !e.path)) return result;
  }
  const errors = [...(answered.errors ?? []), ...(fetched.errors ?? [])];
  const extensions = Object.assign({}, answered.extensions, fetched.extensions);
  const rootFields = schema.getQueryType()?.getFields() ?? {};
  let data: Record<string, unknown> | null = {};
  if (answered.data === null) data = null;
  for (const [key, field] of keys) {
    if (!data) break;
    if (answered.data && key in answered.data) data[key] = answered.data[key];
    else if (fetched.data) {
      if (key in fetched.data) data[key] = fetched.data[key];
    } else if (fetched.errors?.length) {
      if (isNonNullType(rootFields[field]?.type)) data = null;
      else data[key] = null;
    }
  }
  return {
    data,
    ...(errors.length ? { errors } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  } as ExecutionResult;
}

const LOCAL = new Set(['__schema', '__type', '__typename']);

/**
 * How the router is to see this operation, or null when it sees it right as it is. An
 * operation with introspection or a root `__typename` beside data is split; one with only
 * those is answered here; a document of several operations is given as the chosen one
 * alone (the router judges by the first). Streamed results (`@defer`, `@stream`) pass.
 */
export function splitDocument(document: DocumentNode, operationName?: string): Split | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const single = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = inlineRootSpreads(operation.selectionSet, fragments);
  const { local, planned } = kindsOf(root);
  const keys = new Map<string, string>();
  if (operation.operation !== 'query' || !local || streamsResults(document)) {
    if (single) return null;
    return { local: null, planned: documentOf(document, operation, operation.selectionSet, fragments), keys };
  }
  collectKeys(root, keys);
  return {
    local: documentOf(document, operation, filter(root, 'local'), fragments),
    planned: planned ? documentOf(document, operation, filter(root, 'planned'), fragments) : null,
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

type Kinds = { local: boolean; planned: boolean };

/** A selection `@skip(if: true)` or `@include(if: false)` leaves out whatever the variables. */
function skipped(selection: SelectionNode): boolean {
  return (selection.directives ?? []).some((directive) => {
    const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    if (condition?.kind !== Kind.BOOLEAN) return false;
    return directive.name.value === 'skip' ? condition.value : directive.name.value === 'include' && !condition.value;
  });
}

function kindOf(selection: SelectionNode): Kinds {
  if (skipped(selection)) return { local: false, planned: false };
  if (selection.kind === Kind.FIELD) {
    const local = LOCAL.has(selection.name.value);
    return { local, planned: !local };
  }
  // A spread left at the root (unknown or cyclic) is planned: it is never split off.
  if (selection.kind === Kind.FRAGMENT_SPREAD) return { local: false, planned: true };
  return kindsOf(selection.selectionSet);
}

function kindsOf(set: SelectionSetNode): Kinds {
  const kinds = { local: false, planned: false };
  for (const selection of set.selections) {
    const own = kindOf(selection);
    kinds.local ||= own.local;
    kinds.planned ||= own.planned;
  }
  return kinds;
}

/** The root selections of one half, without those left out by a literal condition. */
function filter(set: SelectionSetNode, half: keyof Kinds): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const selection of set.selections) {
    if (skipped(selection)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = filter(selection.selectionSet, half);
      if (inner.selections.length) selections.push({ ...selection, selectionSet: inner });
    } else if (kindOf(selection)[half]) {
      selections.push(selection);
    }
  }
  return { ...set, selections };
}

function collectKeys(set: SelectionSetNode, keys: Map<string, string>): void {
  for (const selection of set.selections) {
    if (skipped(selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!keys.has(key)) keys.set(key, selection.name.value);
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
