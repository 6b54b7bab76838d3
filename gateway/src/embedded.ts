import {
  checkSubgraphConfig,
  createSubgraphRuntime,
  createTokenVerifier,
  describeDatabase,
  oidcIssuer,
  listen,
  openPglite,
  router,
  healthRoutes,
  closeDatabase,
  OutboxRelay,
  reindex,
  seedIfEmpty,
  type Database,
  type GatewayConfig,
  type Handler,
  type RunningServer,
  type SubgraphRuntime,
} from '@welcome-hub/kit';
import { defaultAnalyzer, EmbeddedSearchEngine, type SearchEngine } from '@welcome-hub/search-engine';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createPublicEdge } from './public-edge.js';
import { keptSessionSecret } from './auth/session-secret.js';
import { embeddedMetaRoutes, embeddedMetaUrls, openDataCatalogRoutes } from './open-data.js';
// Observability (a separate import from kit: the one above lists the hub's parts).
import {
  METRICS_PATH,
  atLevel,
  backoffDelay,
  lifecycleLogger,
  logger as processLogger,
  metricsHandler,
  processRegistry,
} from '@welcome-hub/kit';
import type { Logger } from 'pino';

export interface EmbeddedHub {
  /** Where the gateway listens, e.g. http://127.0.0.1:4000 */
  url: string;
  /** The hub's public base URL: PUBLIC_URL, else `url`; the own provider's issuer is publicUrl/oidc. */
  publicUrl: string;
  runtimes: SubgraphRuntime[];
  /** The in-process search engine, fed by the subgraphs' outbox relays. */
  searchEngine: SearchEngine;
  /** One per searchable subgraph; `drain()` delivers what is due now (tests). */
  relays: OutboxRelay[];
  /**
   * Where the subgraphs listen, on loopback: /<name>/graphql for the gateway, and /metrics
   * with every subgraph's metrics (labelled by subgraph) and Node's, as the public /metrics
   * serves them next to the gateway's.
   */
  internalUrl: string;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  config: GatewayConfig;
  /** A database to use instead of PGlite under DATA_DIR (tests pass an in-memory one). */
  database?: Database;
  /** A search engine to use instead of the embedded one (tests pass a failing one). */
  searchEngine?: SearchEngine;
  /** Outbox polling interval (default 200 ms: a change is searchable well within a second). */
  relayIntervalMs?: number;
  /**
   * A sink for the start-up and relay lines as a human reads them (tests collect them);
   * default: the logger, where start-up progress (the seed, with the first coordinator's
   * password) is written whatever LOG_LEVEL says.
   */
  log?: (line: string) => void;
  /** The hub's structured logger: gateway, edge and subgraphs (default: the process's at LOG_LEVEL). */
  logger?: Logger;
  onQuery?: (sql: string) => void;
  /** Subgraph URLs the gateway uses instead of the embedded ones, by name (tests point one at a stopped port). */
  subgraphUrls?: Record<string, string>;
}

/**
 * The embedded mode: every subgraph and the gateway in one process. Subgraphs listen
 * on a loopback port of their own, so the gateway talks to them over real HTTP, exactly
 * as in the distributed mode. An empty database is migrated and seeded first.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedHub> {
  const { config } = options;
  // The subgraphs' own configuration checks, before anything listens or opens (a ConfigError).
  checkSubgraphConfig(subgraphs, config);
  const hubLogger = options.logger ?? atLevel(processLogger, config.LOG_LEVEL);
  const startup = lifecycleLogger(hubLogger.child({ component: 'embedded' }));
  const log = options.log ?? ((line: string) => startup.info(line));
  // Listen first, answering 503 until ready: the public URL (with the port drawn for PORT=0)
  // is then known to the OpenID provider, whose issuer it is part of.
  let ready: Handler | undefined;
  const publicServer = await listen(
    (req, res) =>
      ready
        ? ready(req, res)
        : void res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }).end('Starting…'),
    config.HOST,
    config.PORT,
  );
  const publicUrl = config.PUBLIC_URL ?? publicServer.url;
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openPglite(resolve(config.DATA_DIR, 'pglite')));
  log(`Database: ${describeDatabase(database)}`);
  const verifyToken = createTokenVerifier(config, { oidcIssuer: oidcIssuer(config, publicUrl) });
  // The subgraphs listen on loopback only; the signature still keeps other local processes out.
  const gatewaySecret = config.GATEWAY_SECRET ?? randomBytes(32).toString('hex');

  const searchEngine = options.searchEngine ?? new EmbeddedSearchEngine(defaultAnalyzer());
  const runtimes: SubgraphRuntime[] = [];
  for (const definition of subgraphs) {
    const runtime = await createSubgraphRuntime(definition, {
      database,
      verifyToken,
      onQuery: options.onQuery,
      searchEngine,
      gatewaySecret,
      publicUrl,
      config,
      logger: hubLogger,
    });
    runtimes.push(runtime);
    await seedIfEmpty(definition, runtime.orm, log, config);
  }

  // The embedded index lives in memory: rebuild it before the gateway takes requests, so
  // no caller sees an empty search after a restart. The relays then carry every change.
  const searchable = subgraphs.flatMap((d, i) =>
    d.search ? [{ name: d.name, orm: runtimes[i].orm, feed: d.search }] : [],
  );
  // A failed rebuild (an engine that is down) is retried in the background; meanwhile
  // search answers SEARCH_UNAVAILABLE and changes wait in the outboxes.
  let rebuildTimer: NodeJS.Timeout | undefined;
  const rebuild = async (attempt: number): Promise<void> => {
    try {
      const started = Date.now();
      const indexed = await reindex(searchEngine, searchable);
      log(`Search (${searchEngine.name}): ${indexed} records indexed in ${Date.now() - started} ms`);
    } catch (error) {
      const delay = backoffDelay(attempt, { maxMs: 30_000 });
      const reason = (error as Error).message;
      const retry = `rebuilding the index again in ${delay / 1000} s`;
      const line = `Search (${searchEngine.name}) is unavailable (${reason}); ${retry}`;
      if (options.log) options.log(line);
      else hubLogger.warn({ engine: searchEngine.name, reason, retryInSeconds: delay / 1000 }, line);
      rebuildTimer = setTimeout(() => void rebuild(attempt + 1), delay);
    }
  };
  await rebuild(0);
  const relays = searchable.map(
    // Without a line sink, the relays log structured records of their own.
    ({ name, orm, feed }) =>
      new OutboxRelay({
        orm,
        schema: name,
        feed,
        engine: searchEngine,
        intervalMs: options.relayIntervalMs ?? 200,
        log: options.log,
      }),
  );
  for (const relay of relays) relay.start();

  const routes = Object.fromEntries(runtimes.map((r) => [`/${r.name}/graphql`, r.handle]));
  // The gateway reads the subgraphs' open-data descriptions over loopback too, as in the distributed mode.
  // Its /metrics: every in-process subgraph's metrics, as each subgraph process serves its own.
  const internalRoutes = {
    ...routes,
    ...embeddedMetaRoutes(runtimes),
    [METRICS_PATH]: metricsHandler(() => [processRegistry()], config),
  };
  const internal: RunningServer = await listen(router(internalRoutes, { logger: hubLogger }), '127.0.0.1', 0);
  // Readiness here also checks the embedded database, which the gateway cannot see;
  // subgraphs' plain HTTP routes (calendar feeds, open-data files) are served next to /graphql.
  const publicRoutes = Object.assign(
    {},
    ...runtimes.map((r) => r.routes),
    openDataCatalogRoutes({
      publicUrl,
      publisher: config.OPEN_DATA_PUBLISHER,
      publisherUrl: config.OPEN_DATA_PUBLISHER_URL,
      metaUrls: embeddedMetaUrls(runtimes, internal.url),
    }),
    { '/readyz': healthRoutes(runtimes)['/readyz'] },
  );
  const edge = await createPublicEdge({
    config,
    supergraph: readSupergraph(),
    subgraphUrls: {
      ...Object.fromEntries(runtimes.map((r) => [r.name, `${internal.url}/${r.name}/graphql`])),
      ...options.subgraphUrls,
    },
    routes: publicRoutes,
    verifyToken,
    gatewaySecret,
    webSignIn: {
      publicUrl,
      issuer: oidcIssuer(config, publicUrl),
      sessionSecret:
        config.SESSION_SECRET ?? (ownsDatabase ? keptSessionSecret(config.DATA_DIR) : randomBytes(32).toString('hex')),
    },
    logger: hubLogger,
  });
  ready = edge.handler;

  return {
    url: publicServer.url,
    publicUrl,
    runtimes,
    searchEngine,
    relays,
    internalUrl: internal.url,
    close: async () => {
      await publicServer.close();
      clearTimeout(rebuildTimer);
      for (const relay of relays) await relay.stop();
      await edge.close();
      await internal.close();
      for (const runtime of runtimes) await runtime.close();
      if (ownsDatabase) await closeDatabase(database);
    },
  };
}
