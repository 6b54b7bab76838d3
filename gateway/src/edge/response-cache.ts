import { createHash, createHmac } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { defaultBuildResponseCacheKey, useResponseCache, type Cache } from '@envelop/response-cache';
import {
  Kind,
  TypeInfo,
  getNamedType,
  getOperationAST,
  parse,
  isAbstractType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { answerStore, type AnswerStore } from './answer-store.js';
import { joined } from './supergraph-joins.js';

/** Search answers follow the index, which the outbox relays update a moment after a write. */
const SEARCH_TTL_MS = 10_000;
const SEARCH_FIELDS = ['Query.search', 'Query.suggest', 'Query.similar'];
/** When a mutation's types are dropped the second time. */
const SECOND_DROP_MS = 3_000;
/** Codes of errors after which a mutation has written nothing: the subgraphs check before they write. */
const NOTHING_WRITTEN = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/** True when the whole mutation was refused: no data, and every error says nothing was written. */
function refusedWhole(result: unknown): boolean {
  if (Symbol.asyncIterator in Object(result)) return false;
  const { data, errors } = result as ExecutionResult;
  if (data != null || !errors?.length) return false;
  return errors.every((e) => NOTHING_WRITTEN.has(String(e.extensions?.code)));
}

/** Larger answers are not kept: a few of them would crowd out many small ones (and, in Redis, the rate limits). */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * For each mutation, the object types whose answers it may change: every type its subgraph
 * resolves a field of (its own entities, the fields it adds to others' entities, its
 * statistics), read from the supergraph's join directives. A key field alone (`ags` of a
 * Municipality the subgraph only refers to) does not count. A practice write thus drops
 * practice pages and lists, municipality pages (which show practices) and the practice
 * figures; a module page, which shows no practice, stays.
 */
export function typesChangedByMutation(supergraph: DocumentNode): Map<string, string[]> {
  const typesByGraph = new Map<string, Set<string>>();
  const mutationGraphs = new Map<string, string[]>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const types = joined(definition.directives, 'join__type');
    // A value type every subgraph declares alike (PageInfo, the audit trail's entries) is
    // nobody's record: a write changes the records around it, under which answers are filed too.
    const root = typeName === 'Query' || typeName === 'Mutation';
    if (!root && types.length > 1 && types.every((t) => t.keyFields.length === 0)) continue;
    for (const field of definition.fields ?? []) {
      const declared = (field.directives ?? []).some((d) => d.name.value === 'join__field');
      const graphs = declared
        ? joined(field.directives, 'join__field').map((j) => j.graph)
        : types.filter((t) => !t.keyFields.includes(field.name.value)).map((t) => t.graph);
      if (typeName === 'Mutation') mutationGraphs.set(field.name.value, graphs);
      else if (typeName !== 'Query')
        for (const graph of graphs) typesByGraph.set(graph, (typesByGraph.get(graph) ?? new Set()).add(typeName));
    }
  }
  return new Map(
    [...mutationGraphs].map(([mutation, graphs]) => [
      mutation,
      [...new Set(graphs.flatMap((graph) => [...(typesByGraph.get(graph) ?? [])]))].sort(),
    ]),
  );
}

/** The root fields of a mutation, through inline fragments and fragment spreads. */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): string[] =>
    set.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) return [s.name.value];
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return [];
      seen.add(s.name.value);
      return walk(fragment.selectionSet);
    });
  return walk(operation.selectionSet);
}

/** Every object, interface and union type a document selects from (union and interface members included). */
const typesOfDocument = new WeakMap<DocumentNode, string[]>();
function selectedTypes(document: DocumentNode, schema: GraphQLSchema): string[] {
  const known = typesOfDocument.get(document);
  if (known) return known;
  const types = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet() {
        const type = getNamedType(typeInfo.getType() ?? typeInfo.getParentType() ?? undefined);
        if (!type) return;
        types.add(type.name);
        if (isAbstractType(type)) for (const member of schema.getPossibleTypes(type)) types.add(member.name);
      },
    }),
  );
  for (const root of ['Query', 'Mutation', 'Subscription']) types.delete(root);
  const sorted = [...types].sort();
  typesOfDocument.set(document, sorted);
  return sorted;
}

export interface ResponseCacheOptions {
  /** How long an answer is kept; 0 switches the cache off. */
  ttlSeconds: number;
  supergraph: string;
  /** The secret the deployment's gateways share: with the supergraph it names the cache's namespace. */
  gatewaySecret: string;
  /** The shared store of every gateway replica (distributed mode); without it, memory. */
  redis?: Redis | null;
  log: Logger;
}

/**
 * Response caching of anonymous reads (Envelop's response cache over a store of ours, in
 * memory or in Redis): an anonymous query's answer without errors, up to 256 KiB, is kept for
 * `ttlSeconds` (search for at most ten) under its document and variables, and filed under
 * every type the document selects from. Every mutation drops the answers filed under a type
 * it may change (typesChangedByMutation) before it answers. Signed-in callers (a bearer
 * token, or the web app's session, which the edge turns into one) never read from or write
 * to it, so no private field is ever served from it. The namespace (an HMAC of the
 * supergraph under the deployment's GATEWAY_SECRET) keeps deployments sharing a Redis apart.
 */
export function responseCachePlugins(options: ResponseCacheOptions): { plugins: GatewayPlugin[]; store: string } {
  if (options.ttlSeconds <= 0) return { plugins: [], store: 'off' };
  const namespace = createHmac('sha256', options.gatewaySecret).update(options.supergraph).digest('hex').slice(0, 16);
  const ttl = options.ttlSeconds * 1000;
  const store: AnswerStore = answerStore({ redis: options.redis, namespace, maxTtlMs: ttl, log: options.log });
  const changes = typesChangedByMutation(parse(options.supergraph));
  const anonymous = (context: { request?: Request }) => !context.request?.headers.get('authorization');
  // Per request, the types its document selects; per key prefix, those types (for the store).
  const requestTypes = new WeakMap<object, string[]>();
  const typesByPrefix = new Map<string, string[]>();

  const filing: GatewayPlugin = {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation === 'query') {
        requestTypes.set(args.contextValue, selectedTypes(args.document, args.schema));
        return;
      }
      if (operation?.operation !== 'mutation') return;
      const types = new Set(rootFields(operation, args.document).flatMap((field) => changes.get(field) ?? []));
      return {
        // Awaited before the answer leaves: the caller's next read sees its own write.
        onExecuteDone: async ({ result }) => {
          if (types.size === 0 || refusedWhole(result)) return;
          await store.dropTypes([...types]);
          // A query that read before the write and finishes after this drop may still keep
          // the old answer: a second drop a moment later takes it (in-flight queries rarely
          // outlive it; one that does is stale for the TTL at most).
          setTimeout(() => void store.dropTypes([...types]), SECOND_DROP_MS).unref();
        },
      };
    },
  } as GatewayPlugin;

  // Envelop's plugin decides what to keep and when; the store files it by the document's types.
  const cache: Cache = {
    get: (key) => store.get(key),
    set: (key, result, _entities, entryTtl) => {
      const types = typesByPrefix.get(key.slice(0, key.indexOf(':')));
      return types ? store.set(key, result as ExecutionResult, types, entryTtl) : undefined;
    },
    // Mutations drop by type (above), whoever sends them.
    invalidate: () => undefined,
  };

  const caching = useResponseCache({
    cache,
    session: () => null,
    enabled: anonymous,
    ttl,
    ttlPerSchemaCoordinate: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, Math.min(ttl, SEARCH_TTL_MS)])),
    // Kept on: it is what keeps an anonymous mutation's own answer out of the cache.
    invalidateViaMutation: true,
    shouldCacheResult: ({ result }) =>
      !result.errors?.length && Buffer.byteLength(JSON.stringify(result)) <= MAX_ANSWER_BYTES,
    buildResponseCacheKey: async (params) => {
      const types = requestTypes.get(params.context as object) ?? [];
      const prefix = createHash('sha256').update(types.join(',')).digest('hex').slice(0, 16);
      if (!typesByPrefix.has(prefix)) {
        // One entry per distinct set of types; a flood of odd documents must not grow it forever.
        if (typesByPrefix.size >= 10_000) typesByPrefix.clear();
        typesByPrefix.set(prefix, types);
      }
      return `${prefix}:${await defaultBuildResponseCacheKey(params)}`;
    },
    includeExtensionMetadata: false,
  }) as GatewayPlugin;
  return { plugins: [filing, caching], store: store.kind };
}
