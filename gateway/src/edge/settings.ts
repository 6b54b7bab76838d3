import type { GatewayConfig } from '@welcome-hub/kit';
import { readTrustedDocuments } from '@welcome-hub/schema';
import { developmentFeatures } from '../gateway.js';
import type { RateLimitSettings } from './rate-limit.js';

/** Rate limits from the environment (REDIS_URL shares them across gateway replicas). */
export function rateLimitSettings(config: GatewayConfig): RateLimitSettings {
  return {
    points: config.RATE_LIMIT_POINTS,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    costPoints: config.RATE_LIMIT_COST_POINTS,
    authFailures: config.RATE_LIMIT_AUTH_FAILURES,
    authWindowSeconds: config.RATE_LIMIT_AUTH_WINDOW_SECONDS,
    redisUrl: config.REDIS_URL,
  };
}

/** The edge handler's HTTP settings from the environment. */
export function edgeHttpSettings(config: GatewayConfig): { maxBodyBytes: number; trustProxyHops: number; corsOrigins: string[] } {
  return { maxBodyBytes: config.LIMIT_BODY_BYTES, trustProxyHops: config.TRUST_PROXY_HOPS, corsOrigins: developmentFeatures(config).corsOrigins };
}

/** The committed trusted documents (schema/trusted-documents.json) plus the partner documents of TRUSTED_DOCUMENTS_PATH. */
export function loadTrustedDocuments(config: GatewayConfig): ReadonlyMap<string, string> {
  const committed = readTrustedDocuments();
  return config.TRUSTED_DOCUMENTS_PATH ? new Map([...committed, ...readTrustedDocuments(config.TRUSTED_DOCUMENTS_PATH)]) : committed;
}
