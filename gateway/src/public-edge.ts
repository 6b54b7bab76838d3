import {
  METRICS_PATH,
  atLevel,
  logger as processLogger,
  metricsHandler,
  processRegistry,
  type GatewayConfig,
  type Handler,
  type TokenVerifier,
} from '@welcome-hub/kit';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { readTrustedDocuments } from '@welcome-hub/schema';
import { Redis } from 'ioredis';
import { createGateway, developmentFeatures, queryPlanner } from './gateway.js';
import { responseCachePlugins } from './edge/response-cache.js';
import { edgeHandler } from './edge/handler.js';
import { RateLimiter } from './edge/rate-limit.js';
import { WebSignIn } from './auth/web-sign-in.js';
import { webAppHandler } from './web-app.js';
import { observedHandler } from './observability/access-log.js';

export interface PublicEdgeOptions {
  config: GatewayConfig;
  /** Supergraph SDL (schema/supergraph.graphql). */
  supergraph: string;
  /** Where each subgraph is, by name. */
  subgraphUrls: Record<string, string>;
  /** Plain HTTP routes served before the gateway (calendar feeds, readiness). */
  routes: Record<string, Handler>;
  verifyToken: TokenVerifier;
  /** HMAC secret shared with the subgraphs. */
  gatewaySecret: string;
  /** The web app's sign-in at the OpenID provider `issuer`, its session cookie sealed with `sessionSecret`; unset: none. */
  webSignIn?: { publicUrl: string; issuer: string; sessionSecret: string };
  /** Default: the process's logger at the configuration's LOG_LEVEL. */
  logger?: Logger;
}

export interface PublicEdge {
  /** The node:http handler of the public port. */
  handler: Handler;
  /** Where the rate limits are counted. */
  store: 'redis' | 'memory';
  /** Where anonymous answers are cached (RESPONSE_CACHE_TTL_SECONDS=0: off). */
  responseCacheStore: string;
  close(): Promise<void>;
}

/** The committed trusted documents (schema/trusted-documents.json) plus the partner documents of TRUSTED_DOCUMENTS_PATH. */
export function loadTrustedDocuments(config: GatewayConfig): ReadonlyMap<string, string> {
  const committed = readTrustedDocuments();
  return config.TRUSTED_DOCUMENTS_PATH
    ? new Map([...committed, ...readTrustedDocuments(config.TRUSTED_DOCUMENTS_PATH)])
    : committed;
}

/**
 * The public port of both run modes, from the environment: the rate limiter (Redis with
 * REDIS_URL), the gateway runtime with its plugins, and the edge handler in front, inside
 * the request id and access log (observability/access-log.ts). /metrics serves the
 * gateway's metrics and the process's.
 */
export async function createPublicEdge(options: PublicEdgeOptions): Promise<PublicEdge> {
  const { config } = options;
  const log = options.logger ?? atLevel(processLogger, config.LOG_LEVEL);
  // The gateway's metrics, served with the process's (Node's own and, in the embedded hub,
  // every in-process subgraph's, labelled by subgraph) at /metrics behind the metrics guard.
  const metricsRegistry = new Registry();
  const rateLimiter = await RateLimiter.create({
    points: config.RATE_LIMIT_POINTS,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    costPoints: config.RATE_LIMIT_COST_POINTS,
    authFailures: config.RATE_LIMIT_AUTH_FAILURES,
    authWindowSeconds: config.RATE_LIMIT_AUTH_WINDOW_SECONDS,
    redisUrl: config.REDIS_URL,
    tiers: config.RATE_LIMIT_TIERS,
  });
  const planner = await queryPlanner(config);
  // Its own connection: without an offline queue, a Redis that is down costs a miss, not a wait.
  const cacheRedis =
    config.REDIS_URL && config.RESPONSE_CACHE_TTL_SECONDS > 0
      ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on('error', () => undefined)
      : null;
  const responseCache = responseCachePlugins({
    ttlSeconds: config.RESPONSE_CACHE_TTL_SECONDS,
    supergraph: options.supergraph,
    gatewaySecret: options.gatewaySecret,
    redis: cacheRedis,
    log: log.child({ component: 'gateway' }),
  });
  const gateway = createGateway({
    supergraph: options.supergraph,
    subgraphUrls: options.subgraphUrls,
    config,
    gatewaySecret: options.gatewaySecret,
    rateLimiter,
    trustedDocuments: loadTrustedDocuments(config),
    logger: log.child({ component: 'gateway' }),
    metricsRegistry,
    planner,
    responseCache: responseCache.plugins,
  });
  const webSignIn = options.webSignIn
    ? new WebSignIn({
        ...options.webSignIn,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        sessionTtl: config.SESSION_TTL_SECONDS,
      })
    : undefined;
  // A sign-out at an external provider ends on its end-session page: the app's form may go there.
  const issuerOrigin = options.webSignIn ? new URL(options.webSignIn.issuer).origin : undefined;
  const webApp = webAppHandler({
    formActionOrigins:
      issuerOrigin && issuerOrigin !== new URL(options.webSignIn!.publicUrl).origin ? [issuerOrigin] : [],
  });
  const edgeLog = log.child({ component: 'edge' });
  const edge = edgeHandler({
    webSignIn,
    webApp,
    gateway,
    routes: {
      ...options.routes,
      ...webSignIn?.routes,
      [METRICS_PATH]: metricsHandler(() => [metricsRegistry, processRegistry()], config),
    },
    verifyToken: options.verifyToken,
    rateLimiter,
    maxBodyBytes: config.LIMIT_BODY_BYTES,
    trustProxyHops: config.TRUST_PROXY_HOPS,
    corsOrigins: developmentFeatures(config).corsOrigins,
    logger: edgeLog,
  });
  return {
    handler: observedHandler(edge, edgeLog),
    store: rateLimiter.store,
    responseCacheStore: responseCache.store,
    close: async () => {
      await gateway.dispose();
      await rateLimiter.close();
      cacheRedis?.disconnect();
    },
  };
}
