import {
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Random } from './random.js';
import { selection } from './selection.js';
import { OMIT, printLiteral, stringifyBody } from './literals.js';
import { fuzzValues, type FuzzValue } from './malformed.js';
import { meaningOf, validValue, type Meaning, type Pools } from './values.js';

/** One place a value goes: an argument, an input field below it, or a list's element. */
export interface Slot {
  /** Argument name, then input field names and list indexes. */
  path: (string | number)[];
  type: GraphQLInputType;
  meaning: Meaning;
}

/** What one request tries: `fuzz` in `slot` of an otherwise valid-looking call (both absent: a valid call). */
export interface Probe {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  slot?: Slot;
  fuzz: FuzzValue;
}

/** A request ready to send, with what the report says about it. */
export interface FuzzRequest {
  operation: string;
  argument: string;
  kind: string;
  encoding: 'literal' | 'variables';
  signedIn: boolean;
  body: string;
}

export function slotLabel(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(none)';
}

function slotsOf(parent: string, name: string, type: GraphQLInputType, path: (string | number)[]): Slot[] {
  const slot: Slot = { path, type, meaning: meaningOf(parent, name, type) };
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return [slot, ...slotsOf(parent, name, nullable.ofType, [...path, 0])];
  if (isInputObjectType(nullable)) {
    return [
      slot,
      ...Object.values(nullable.getFields()).flatMap((f) => slotsOf(nullable.name, f.name, f.type, [...path, f.name])),
    ];
  }
  return [slot];
}

const VALID: FuzzValue = { kind: 'valid', make: () => OMIT };
const UNKNOWN_ARGUMENT: FuzzValue = { kind: 'unknown argument', make: () => 1 };

/**
 * Every probe for every query and mutation field, interleaved so that the first ones cover
 * each slot once (a valid call and an unknown argument first), the next ones each slot again, and so on.
 */
export function probes(schema: GraphQLSchema, pools: Pools, random: Random): Probe[] {
  const groups: Probe[][] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) {
      groups.push([VALID, VALID, UNKNOWN_ARGUMENT].map((fuzz) => ({ operation, field, fuzz })));
      for (const arg of field.args) {
        for (const slot of slotsOf(field.name, arg.name, arg.type, [arg.name])) {
          const valid = () => validValue(slot.type, slot.meaning, pools, random);
          groups.push(
            random
              .shuffle(fuzzValues(slot.type, slot.meaning, valid))
              .map((fuzz) => ({ operation, field, slot, fuzz })),
          );
        }
      }
    }
  }
  const interleaved: Probe[] = [];
  for (let round = 0; groups.some((g) => g.length > round); round++) {
    for (const group of random.shuffle(groups)) if (group[round]) interleaved.push(group[round]);
  }
  return interleaved;
}

/** `value` put at `path` under `current` (of `type`), filling what is missing on the way with valid values. */
function place(
  current: unknown,
  type: GraphQLInputType,
  meaning: Meaning,
  path: (string | number)[],
  value: unknown,
  pools: Pools,
  random: Random,
): unknown {
  if (path.length === 0) return value;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    const list =
      Array.isArray(current) && current.length > 0
        ? [...current]
        : [validValue(nullable.ofType, meaning, pools, random)];
    list[0] = place(list[0], nullable.ofType, meaning, path.slice(1), value, pools, random);
    return list;
  }
  if (!isInputObjectType(nullable)) throw new Error(`no field ${path[0]} in ${String(type)}`);
  const object = {
    ...((current !== null && typeof current === 'object'
      ? current
      : validValue(nullable, meaning, pools, random)) as object),
  } as Record<string, unknown>;
  const field = nullable.getFields()[path[0] as string];
  object[field.name] = place(
    object[field.name],
    field.type,
    meaningOf(nullable.name, field.name, field.type),
    path.slice(1),
    value,
    pools,
    random,
  );
  return object;
}

function validArguments(
  field: GraphQLField<unknown, unknown>,
  pools: Pools,
  random: Random,
): Map<GraphQLArgument, unknown> {
  const args = new Map<GraphQLArgument, unknown>();
  for (const arg of field.args) {
    if (isNonNullType(arg.type) || random.chance(0.5))
      args.set(arg, validValue(arg.type, meaningOf(field.name, arg.name, arg.type), pools, random));
  }
  return args;
}

/** The request for `probe`, as an inline literal or with every argument a variable of its declared type. */
export function render(
  schema: GraphQLSchema,
  probe: Probe,
  encoding: FuzzRequest['encoding'],
  signedIn: boolean,
  pools: Pools,
  random: Random,
): FuzzRequest {
  const { field, slot } = probe;
  const args = validArguments(field, pools, random);
  if (slot) {
    const arg = field.args.find((a) => a.name === slot.path[0])!;
    const meaning = meaningOf(field.name, arg.name, arg.type);
    args.set(arg, place(args.get(arg), arg.type, meaning, slot.path.slice(1), probe.fuzz.make(), pools, random));
  }
  const sent = [...args].filter(([, value]) => value !== OMIT);
  const selected = selection(schema, field.type, random);
  let query: string;
  let variables: Record<string, unknown> | undefined;
  const unknown = probe.fuzz === UNKNOWN_ARGUMENT ? [`fuzzUnknown: 1`] : [];
  if (encoding === 'literal') {
    const list = [...sent.map(([arg, value]) => `${arg.name}: ${printLiteral(value)}`), ...unknown];
    query = `${probe.operation} Fuzz { ${field.name}${list.length ? `(${list.join(', ')})` : ''} ${selected} }`;
  } else {
    const definitions = sent.map(([arg]) => `$${arg.name}: ${String(arg.type)}`);
    const list = [...sent.map(([arg]) => `${arg.name}: $${arg.name}`), ...unknown];
    variables = Object.fromEntries(sent.map(([arg, value]) => [arg.name, value]));
    query = `${probe.operation} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${list.length ? `(${list.join(', ')})` : ''} ${selected} }`;
  }
  return {
    operation: `${probe.operation} ${field.name}`,
    argument: slot ? slotLabel(slot.path) : '(none)',
    kind: probe.fuzz.kind,
    encoding,
    signedIn,
    body: stringifyBody({ query, variables, operationName: 'Fuzz' }),
  };
}
