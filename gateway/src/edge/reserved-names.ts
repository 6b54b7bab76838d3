import { GraphQLError, type ValidationRule } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Response names (aliases, or field names without one) that the gateway refuses: the
 * properties every JavaScript object has (`__proto__`, `constructor`, `toString`…) and
 * `prototype`. Hive Router's runtime builds each answer in plain objects, so
 * `{ municipality(ags: "05970040") { __proto__: name } }` assigned the name's characters to
 * Object.prototype: one anonymous request, and every later one failed (`Unexpected parameter
 * "0" in the request body`) until a restart; an alias `constructor` on a root field failed
 * with INTERNAL_SERVER_ERROR; and @graphql-tools/utils' mergeDeep skips all three when it
 * merges a subgraph's entities. No field of the schema has one of these names.
 */
export const RESERVED_RESPONSE_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export const reservedResponseNames: ValidationRule = (context) => ({
  Field(node) {
    const name = node.alias?.value ?? node.name.value;
    if (!RESERVED_RESPONSE_NAMES.has(name)) return;
    context.reportError(
      new GraphQLError(
        `"${name}" cannot name a field of the answer: it names a built-in JavaScript property. Choose another alias.`,
        {
          nodes: [node.alias ?? node.name],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ),
    );
  },
});

/** Refuses reserved response names while validating: before the cost estimate, any planning or any subgraph call. */
export function reservedResponseNamesPlugin(): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(reservedResponseNames);
    },
  };
}
