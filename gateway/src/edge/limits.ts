import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  GraphQLError,
  Kind,
  getNamedType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  getNullableType,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The operation limits, checked while parsing and validating, the cost before execution: before any planning. */
export interface OperationLimits {
  depth: number;
  aliases: number;
  tokens: number;
  directives: number;
  /** Estimated cost (see `estimateFieldCost`). */
  cost: number;
}

/**
 * Page size a connection returns without `first`: kit's DEFAULT_PAGE_SIZE (graphql/pagination.ts),
 * repeated so that the edge's limits load without kit (edge.db.test.ts holds the two equal).
 */
export const DEFAULT_PAGE_SIZE = 20;
/** Assumed length of a list field without a slicing argument (cooperations, members, criteria…). */
export const ASSUMED_LIST_SIZE = 20;

/** A refused operation: `extensions.code` names the limit, with the measured and the allowed value. */
export function limitError(code: string, what: string, measured: number | null, allowed: number): GraphQLError {
  const found = measured === null ? `more than ${allowed}` : String(measured);
  return new GraphQLError(`The operation exceeds the ${what} limit: ${found} (allowed: ${allowed}).`, {
    extensions: { code, limit: { measured: measured ?? allowed + 1, allowed }, http: { status: 400 } },
  });
}

/** graphql-armor's messages carry the measured value ("…, found 12."); its errors carry no code. */
function measuredFrom(message: string): number | null {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

function armorOptions(code: string, what: string, allowed: number) {
  return {
    n: allowed,
    exposeLimits: true,
    // Throw our coded error instead of armor's uncoded "Syntax Error: …".
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        throw limitError(code, what, measuredFrom(error.message), allowed);
      },
    ],
    propagateOnRejection: true,
  };
}

/**
 * Cost of one field: composite results cost 1, scalars nothing, and a list multiplies
 * the cost of everything below it by its `first` argument (or the default page size),
 * or by the assumed list size where there is no slicing argument.
 */
export function estimateFieldCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
  return listMultiplier(type.name, field, args) * (own + childComplexity);
}

function listMultiplier(
  parentType: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  if (field.args.some((a) => a.name === 'first'))
    return typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
  // A connection's edges are the page its field was already multiplied by.
  if (parentType.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return 1;
  return isListType(getNullableType(field.type)) ? ASSUMED_LIST_SIZE : 1;
}

/** Built-in scalars every string coerces to alike: a variable of one of them never changes an estimate. */
const TEXT_SCALARS = new Set(['ID', 'String']);

/**
 * The variables of `document` declared as ID or String (not lists) in every operation that
 * declares them. The estimate reads no such value (only `first` and the `if` of @skip and
 * @include, which are Int and Boolean), and any two strings coerce alike, so the cost of
 * `municipality(ags: $ags)` is the same for every AGS: such a variable is keyed by the
 * JSON type of its value only (a null or a number may still fail to coerce, and are then
 * estimated, and refused, on their own).
 */
export function typedOnlyVariables(document: DocumentNode): Set<string> {
  const textual = new Set<string>();
  const other = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const { variable, type } of definition.variableDefinitions ?? []) {
      const named = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
      const isText = named.kind === Kind.NAMED_TYPE && TEXT_SCALARS.has(named.name.value);
      (isText ? textual : other).add(variable.name.value);
    }
  }
  for (const name of other) textual.delete(name);
  return textual;
}

/** What an estimate depends on: the operation and the variables, those in `byType` by the JSON type of their value. */
export function costKey(
  byType: ReadonlySet<string>,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): string {
  // One JSON text: the client names the variables, so names and values are escaped alike;
  // pairs, not an object, where a variable named __proto__ would set no key at all.
  const shown = Object.entries(variables).map(([name, value]) => [
    name,
    byType.has(name) ? { type: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value } : value,
  ]);
  return JSON.stringify([operationName ?? null, shown]);
}

/** The estimated cost of each request's operation, by context (read by the admission plugin). */
export const operationCosts = new WeakMap<object, number>();

/**
 * The cost limit. It runs per execution, not as a validation rule: validation results are
 * cached by document, and the cost depends on the variables (`first: $n`). Execution in
 * the gateway starts with planning, so a refused operation is never planned.
 */
function costPlugin(allowed: number): GatewayPlugin {
  // The estimate of a document with the same variables is the same: kept per document (the
  // parser's cache gives the same text the same object) for up to 64 sets of variables.
  const costs = new WeakMap<DocumentNode, { byType: Set<string>; byKey: Map<string, number> }>();
  return {
    onExecute({ args }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let known = costs.get(args.document);
      if (!known) {
        known = { byType: typedOnlyVariables(args.document), byKey: new Map() };
        costs.set(args.document, known);
      }
      const key = costKey(known.byType, args.operationName, variables);
      let cost = known.byKey.get(key);
      if (cost === undefined) {
        cost = estimate(args, variables, allowed);
        // Large variables are estimated each time: kept, they could fill the memory.
        if (key.length <= 1024) {
          if (known.byKey.size >= 64) known.byKey.clear();
          known.byKey.set(key, cost);
        }
      }
      operationCosts.set(args.contextValue as object, cost);
      if (cost > allowed) throw limitError('COST_LIMIT_EXCEEDED', 'estimated cost', cost, allowed);
    },
  } as GatewayPlugin;
}

/** The cost estimate of the operation (graphql-query-complexity); a coded error when there is none. */
function estimate(
  args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null },
  variables: Record<string, unknown>,
  allowed: number,
): number {
  let cost: number;
  try {
    cost = getComplexity({
      schema: args.schema,
      query: args.document,
      variables,
      operationName: args.operationName ?? undefined,
      estimators: [estimateFieldCost],
    });
  } catch (error) {
    // Fail closed: an operation whose cost cannot be estimated (an argument that does
    // not coerce, e.g. null through a defaulted variable) is not executed at all.
    if (/maximum allowed number of nodes/.test((error as Error).message))
      throw limitError('COST_LIMIT_EXCEEDED', 'estimated cost', null, allowed);
    throw new GraphQLError((error as Error).message, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return cost;
}

/** graphql-armor's depth, alias, token and directive limits plus the cost estimate, each with its own code. */
export function operationLimitPlugins(limits: OperationLimits): GatewayPlugin[] {
  return [
    maxTokensPlugin(armorOptions('TOKEN_LIMIT_EXCEEDED', 'token', limits.tokens)) as GatewayPlugin,
    maxDepthPlugin({
      ...armorOptions('DEPTH_LIMIT_EXCEEDED', 'depth', limits.depth),
      flattenFragments: true,
    }) as GatewayPlugin,
    // Aliased __typename counts too: a thousand of them still cost the gateway work.
    maxAliasesPlugin({
      ...armorOptions('ALIAS_LIMIT_EXCEEDED', 'alias', limits.aliases),
      allowList: [],
    }) as GatewayPlugin,
    maxDirectivesPlugin(armorOptions('DIRECTIVE_LIMIT_EXCEEDED', 'directive', limits.directives)) as GatewayPlugin,
    costPlugin(limits.cost),
  ];
}
