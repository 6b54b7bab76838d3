import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isObjectType,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { fieldOwners } from './supergraph-joins.js';

/** Codes of the errors that say a subgraph did not answer (subgraph-errors.ts). */
const UNAVAILABLE = new Set(['SUBGRAPH_UNAVAILABLE', 'SEARCH_UNAVAILABLE']);

type Owners = Map<string, Map<string, string[]>>;
type Path = (string | number)[];

/**
 * A subgraph that did not answer is reported on each field it left null, as the
 * JavaScript planner does: `municipality.practices` and `cooperation.practices`, not
 * one error without a path, and on the first field it was asked for inside a record
 * its failure nulled (`practice.municipality.name`, where `name` is not nullable).
 * Hive Router's executor (QUERY_PLANNER=rust, the only one this is registered for)
 * reports one error per failed fetch, at the fetch's path or none, so a client could not
 * tell which fields are missing; with this the answers of both planners are the same.
 */
export function unavailablePathsPlugin(supergraph: DocumentNode): GatewayPlugin {
  const owners = fieldOwners(supergraph);
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const single = result as ExecutionResult;
          if (!single.data || !single.errors?.some((e) => UNAVAILABLE.has(String(e.extensions?.code)))) return;
          const errors = placed(single, args.schema, args.document, args.operationName ?? undefined, owners);
          if (errors) setResult({ ...single, errors } as typeof result);
        },
      };
    },
  } as GatewayPlugin;
}

/** The errors with each unavailable subgraph's errors moved onto the fields it nulled; undefined: nothing to move. */
function placed(
  result: ExecutionResult,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  owners: Owners,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root || !result.data || !result.errors) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const walker = { schema, fragments, owners };
  const out: GraphQLError[] = [];
  let changed = false;
  const done = new Set<string>();
  for (const error of result.errors) {
    const code = String(error.extensions?.code);
    const subgraph = error.extensions?.serviceName;
    if (!UNAVAILABLE.has(code) || typeof subgraph !== 'string') {
      out.push(error as GraphQLError);
      continue;
    }
    if (done.has(subgraph)) {
      changed = true;
      continue;
    }
    done.add(subgraph);
    const paths: Path[] = [];
    nulled(walker, subgraph, result.data, operation.selectionSet, root, [], paths);
    if (paths.length === 0) {
      out.push(error as GraphQLError);
      continue;
    }
    changed = true;
    for (const path of paths) out.push(new GraphQLError(error.message, { path, extensions: error.extensions }));
  }
  return changed ? out : undefined;
}

interface Walker {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  owners: Owners;
}

/** The fields of a selection set in answer order, through fragments, each with the type it is selected on. */
function fieldsOf(walker: Walker, selectionSet: SelectionSetNode, type: GraphQLCompositeType) {
  const fields: { node: FieldNode; type: GraphQLCompositeType }[] = [];
  const collect = (set: SelectionSetNode, on: GraphQLCompositeType) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push({ node: selection, type: on });
      else {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : walker.fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition && walker.schema.getType(fragment.typeCondition.name.value);
        collect(fragment.selectionSet, condition && isCompositeType(condition) ? condition : on);
      }
    }
  };
  collect(selectionSet, type);
  return fields;
}

function owned(walker: Walker, type: GraphQLCompositeType, field: string, subgraph: string): boolean {
  return walker.owners.get(type.name)?.get(field)?.includes(subgraph) ?? false;
}

/** Collects the paths of the fields `subgraph` left null under `value`. */
function nulled(
  walker: Walker,
  subgraph: string,
  value: unknown,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  path: Path,
  paths: Path[],
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      nulled(walker, subgraph, item, selectionSet, type, [...path, i], paths);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const typename = typeof record.__typename === 'string' ? walker.schema.getType(record.__typename) : undefined;
  const seen = new Set<string>();
  for (const { node, type: on } of fieldsOf(walker, selectionSet, type)) {
    const key = node.alias?.value ?? node.name.value;
    if (seen.has(key) || !(key in record) || node.name.value === '__typename') continue;
    // A fragment on another concrete type than this record's does not apply to it.
    if (typename && isObjectType(on) && on !== typename) continue;
    seen.add(key);
    const fieldType = 'getFields' in on ? on.getFields()[node.name.value]?.type : undefined;
    const named = fieldType && getNamedType(fieldType);
    const child = named && isCompositeType(named) ? named : undefined;
    const at = [...path, key];
    if (record[key] === null) {
      if (owned(walker, on, node.name.value, subgraph)) paths.push(at);
      else if (child && node.selectionSet) {
        // A record nulled because a non-null field the subgraph adds to it failed: that field.
        const first = fieldsOf(walker, node.selectionSet, child).find((f) =>
          owned(walker, f.type, f.node.name.value, subgraph),
        );
        if (first) paths.push([...at, first.node.alias?.value ?? first.node.name.value]);
      }
    } else if (child && node.selectionSet && !owned(walker, on, node.name.value, subgraph)) {
      // Not inside what the subgraph did answer: its nulls there are its data.
      nulled(walker, subgraph, record[key], node.selectionSet, child, at, paths);
    }
  }
}
