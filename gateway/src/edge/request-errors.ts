import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  getVariableValues,
  visit,
  type ASTNode,
  type DocumentNode,
} from 'graphql';

/** GET parameters that carry JSON; Yoga's GET parser would throw a SyntaxError (HTTP 500) on a malformed one. */
const JSON_PARAMS = ['variables', 'extensions'];

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/** Deepest nesting accepted in variables and extensions; the schema's deepest input is about 5 levels. */
export const MAX_JSON_DEPTH = 32;

/** The first top-level key of `value` under which JSON nests deeper than `max`, found without recursion. */
export function tooDeep(value: unknown, max: number): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, root] of Object.entries(value)) {
    const pending: [unknown, number][] = [[root, 1]];
    while (pending.length > 0) {
      const [current, depth] = pending.pop()!;
      if (current === null || typeof current !== 'object') continue;
      if (depth > max) return key;
      for (const child of Object.values(current)) pending.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * The first argument written in the document whose value no input of the schema can take:
 * a number beyond a double's range (`-1e400`, which some planners print as `-inf` and a
 * subgraph cannot parse) or objects and lists nested deeper than MAX_JSON_DEPTH (which
 * overflowed Hive Router's executor). Null when every literal is fine.
 */
export function literalProblem(document: DocumentNode): { argument: string; message: string } | null {
  // Documents come from the parser's cache: the same text is the same object, checked once.
  let found = literalProblems.get(document);
  if (found === undefined) {
    found = findLiteralProblem(document);
    literalProblems.set(document, found);
  }
  return found;
}

const literalProblems = new WeakMap<DocumentNode, { argument: string; message: string } | null>();

function findLiteralProblem(document: DocumentNode): { argument: string; message: string } | null {
  let problem: { argument: string; message: string } | null = null;
  let argument = '';
  let depth = 0;
  const nest = {
    enter() {
      depth++;
      if (depth > MAX_JSON_DEPTH && !problem)
        problem = { argument, message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` };
    },
    leave() {
      depth--;
    },
  };
  const finite = (node: { value: string }) => {
    if (!Number.isFinite(Number(node.value)) && !problem)
      problem = { argument, message: `${node.value} is beyond the range of a number` };
  };
  visit(document, {
    Argument: {
      enter(node) {
        argument = node.name.value;
      },
      leave() {
        argument = '';
      },
    },
    VariableDefinition: {
      enter(node) {
        argument = `$${node.variable.name.value}`;
      },
      leave() {
        argument = '';
      },
    },
    ObjectValue: nest,
    ListValue: nest,
    IntValue: finite,
    FloatValue: finite,
  });
  return problem;
}

/** The variable an error from variable coercion is about: its definition is the error's node. */
function variableName(nodes: readonly ASTNode[] | undefined): string | undefined {
  const node = nodes?.[0];
  return node?.kind === Kind.VARIABLE_DEFINITION ? node.variable.name.value : undefined;
}

/**
 * Every refused request names its reason in `extensions.code`, as the README promises:
 * malformed JSON in the `variables` or `extensions` GET parameter is HTTP 400
 * `BAD_REQUEST` (not a 500), and a variable value of the wrong type or a required
 * variable left out is `BAD_USER_INPUT` with `extensions.fields` naming the variable
 * (GraphQL itself reports those without a code), and so is JSON nested deeper than any input. Parse and validation errors get
 * `GRAPHQL_PARSE_FAILED` and `GRAPHQL_VALIDATION_FAILED` from Yoga.
 */
export function requestErrorsPlugin(): GatewayPlugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'GET') return;
      const params = new URL(request.url).searchParams;
      for (const name of JSON_PARAMS) {
        const value = params.get(name);
        if (!value) continue;
        try {
          JSON.parse(value);
        } catch {
          throw badRequest(`The "${name}" parameter is not valid JSON.`);
        }
      }
    },
    // Deeply nested JSON would overflow the stack of whatever serializes it next (the
    // subgraph request's signature, JSON.stringify); no input of the schema nests so deep.
    onParams({ params }) {
      for (const [name, value] of [
        ['variables', params.variables],
        ['extensions', params.extensions],
      ] as const) {
        const key = tooDeep(value, MAX_JSON_DEPTH);
        if (key === null) continue;
        const field = name === 'variables' ? `$${key}` : `extensions.${key}`;
        throw new GraphQLError(`${field} nests deeper than ${MAX_JSON_DEPTH} levels.`, {
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field, message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` }],
            http: { status: 400 },
          },
        });
      }
    },
    // Coerces the variables as execution is about to, so the errors can carry a code;
    // execution would report the very same messages without one.
    onExecute({ args, setResultAndStopExecution }) {
      const literal = literalProblem(args.document);
      if (literal) {
        const field = literal.argument || '(argument)';
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`${field} ${literal.message}.`, {
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field, message: literal.message }],
                http: { status: 400 },
              },
            }),
          ],
        });
        return;
      }
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const coerced = getVariableValues(
        args.schema,
        operation.variableDefinitions,
        (args.variableValues ?? {}) as Record<string, unknown>,
        { maxErrors: 50 },
      );
      if (!coerced.errors) return;
      setResultAndStopExecution({
        errors: coerced.errors.map((error) => {
          const name = variableName(error.nodes);
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: {
              code: 'BAD_USER_INPUT',
              ...(name ? { fields: [{ field: `$${name}`, message: error.message }] } : {}),
              http: { status: 400 },
            },
          });
        }),
      });
    },
  } as GatewayPlugin;
}
