import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Random } from './random.js';

/** Fields selectable without arguments (none required). */
function selectable(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
}

/**
 * A few of the object's scalar fields and, above `maxDepth`, one or two of its object fields.
 * With `alias`, its scalars are aliased after the type: union members' fields of the same
 * name may differ in type, which GraphQL refuses unaliased.
 */
function objectSelection(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  random: Random,
  depth: number,
  maxDepth: number,
  alias = false,
): string {
  const fields = selectable(type);
  const leaves = random
    .shuffle(fields.filter((f) => isLeafType(getNamedType(f.type))))
    .slice(0, 1 + random.int(alias ? 2 : 4));
  const parts = ['__typename', ...leaves.map((f) => (alias ? `${type.name}_${f.name}: ${f.name}` : f.name))];
  if (depth < maxDepth) {
    const composites = random.shuffle(fields.filter((f) => !isLeafType(getNamedType(f.type)))).slice(0, random.int(3));
    for (const field of composites)
      parts.push(`${field.name} ${selection(schema, field.type, random, depth + 1, maxDepth)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/**
 * A small valid selection set for `type` (empty for scalars and enums): scalars only below
 * `maxDepth` levels of objects, `__typename` plus an inline fragment per member for unions
 * and interfaces.
 */
export function selection(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  random: Random,
  depth = 1,
  maxDepth = 2,
): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isAbstractType(named)) {
    const members = schema
      .getPossibleTypes(named)
      .map((member) => `... on ${member.name} ${objectSelection(schema, member, random, maxDepth, maxDepth, true)}`);
    return `{ __typename ${members.join(' ')} }`;
  }
  return isObjectType(named) ? objectSelection(schema, named, random, depth, maxDepth) : '';
}
