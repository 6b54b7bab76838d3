import { createHash } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  createInMemoryCache,
  defaultBuildResponseCacheKey,
  useResponseCache,
  type Cache,
} from '@envelop/response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { Kind, getOperationAST, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Search answers follow the index, which the outbox relays update a moment after a write. */
const SEARCH_TTL_MS = 10_000;
const SEARCH_FIELDS = ['Query.search', 'Query.suggest', 'Query.similar'];

/** The enum values of `graph:` on the node's directives of that name (external fields left out). */
function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === name)
    .filter(
      (d) => !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value),
    )
    .flatMap((d) => d.arguments?.filter((a) => a.name.value === 'graph') ?? [])
    .map((a) => (a.value.kind === Kind.ENUM ? a.value.value : ''))
    .filter(Boolean);
}

/**
 * For each mutation, the object types whose answers it may change: every type its subgraph
 * serves a field of (its own entities, the fields it adds to others' entities, its
 * statistics), read from the supergraph's join directives. A write to practices thus drops
 * cached practice pages and lists, municipality pages with their practices, and the practice
 * figures; answers of the other subgraphs stay.
 */
export function typesChangedByMutation(supergraph: DocumentNode): Map<string, string[]> {
  const typesByGraph = new Map<string, Set<string>>();
  const mutationGraphs = new Map<string, string[]>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const declared = (field.directives ?? []).some((d) => d.name.value === 'join__field');
      const graphs = declared ? graphsOf(field.directives, 'join__field') : typeGraphs;
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

/** A Redis-backed cache that answers a miss, and drops a write, while Redis is unreachable. */
function tolerantRedisCache(redis: Redis, namespace: string, log: Logger): Cache {
  const cache = createRedisCache({ redis, buildRedisEntityId: (typename, id) => `${typename}:${namespace}:${id}` });
  const warn = (what: string) => (error: unknown) => {
    log.warn({ err: error }, `response cache: ${what} failed; answering without the cache`);
  };
  return {
    get: async (key) => {
      try {
        return await cache.get(key);
      } catch (error) {
        warn('read')(error);
        return undefined;
      }
    },
    set: async (...args) => {
      try {
        await cache.set(...args);
      } catch (error) {
        warn('write')(error);
      }
    },
    invalidate: async (entities) => {
      try {
        await cache.invalidate(entities);
      } catch (error) {
        warn('invalidation')(error);
      }
    },
  };
}

export interface ResponseCacheOptions {
  /** How long an answer is kept; 0 switches the cache off. */
  ttlSeconds: number;
  supergraph: string;
  /** Where the gateway reaches each subgraph: part of the key, so hubs sharing one Redis never share answers. */
  subgraphUrls: Record<string, string>;
  /** The shared store of every gateway replica (distributed mode); without it, memory. */
  redis?: Redis | null;
  log: Logger;
}

/**
 * Response caching of anonymous reads (Envelop's response cache, in memory or in Redis):
 * an anonymous query's answer without errors is kept for `ttlSeconds` (search for at most
 * ten) under its document and variables, and every mutation drops the answers holding a
 * type it may change (typesChangedByMutation) before it answers. Signed-in callers (a
 * bearer token, or the web app's session, which the edge turns into one) never read from
 * or write to it, so no private field is ever served from it.
 */
export function responseCachePlugins(options: ResponseCacheOptions): { plugins: GatewayPlugin[]; store: string } {
  if (options.ttlSeconds <= 0) return { plugins: [], store: 'off' };
  const namespace = createHash('sha256')
    .update(JSON.stringify([options.supergraph, Object.entries(options.subgraphUrls).sort()]))
    .digest('hex')
    .slice(0, 16);
  const cache = options.redis ? tolerantRedisCache(options.redis, namespace, options.log) : createInMemoryCache();
  const ttl = options.ttlSeconds * 1000;
  const changes = typesChangedByMutation(parse(options.supergraph));
  const anonymous = (context: { request?: Request }) => !context.request?.headers.get('authorization');

  const invalidation: GatewayPlugin = {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const types = new Set(
        operation.selectionSet.selections.flatMap((s) =>
          s.kind === Kind.FIELD ? (changes.get(s.name.value) ?? []) : [],
        ),
      );
      return {
        // Before the answer leaves: the caller's next read sees its own write.
        onExecuteDone: async () => {
          if (types.size > 0) await cache.invalidate([...types].map((typename) => ({ typename })));
        },
      };
    },
  } as GatewayPlugin;

  const caching = useResponseCache({
    cache,
    session: () => null,
    enabled: anonymous,
    ttl,
    ttlPerSchemaCoordinate: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, Math.min(ttl, SEARCH_TTL_MS)])),
    // Each entity by its key field, so that answers are indexed by the records they hold.
    idFields: ['id', 'ags', 'code', 'key'],
    // Kept on although mutations invalidate by type (above): it is what keeps an anonymous
    // mutation's own answer out of the cache (with it off, mutations take the caching path).
    invalidateViaMutation: true,
    buildResponseCacheKey: async (params) => `wh:rc:${namespace}:${await defaultBuildResponseCacheKey(params)}`,
    includeExtensionMetadata: false,
  }) as GatewayPlugin;
  return { plugins: [invalidation, caching], store: options.redis ? 'redis' : 'memory' };
}
