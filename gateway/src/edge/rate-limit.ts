import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  /** Requests a client may make per window. */
  points: number;
  windowSeconds: number;
  /** Estimated operation cost (edge/limits.ts) a client may spend per window. */
  costPoints: number;
  /** Failed authentications an address may make per auth window before it waits the window out. */
  authFailures: number;
  authWindowSeconds: number;
  /** Shared store of all gateway replicas; unset: this process's memory. */
  redisUrl?: string;
}

/**
 * Per-client request allowances (token subject, else address) and a much smaller one for
 * failed authentications per address, from rate-limiter-flexible. With Redis every
 * gateway replica counts against the same allowance; if Redis stops answering, each
 * replica falls back to counting in memory rather than letting everything through.
 */
export class RateLimiter {
  private constructor(
    private readonly requests: RateLimiterAbstract,
    private readonly costs: RateLimiterAbstract,
    private readonly authFailures: RateLimiterAbstract,
    private readonly redis: Redis | null,
    /** "redis" or "memory": where the counts live. */
    readonly store: 'redis' | 'memory',
  ) {}

  /** Connects to Redis first when configured (waiting at most `connectTimeoutMs`; later it reconnects by itself). */
  static async create(settings: RateLimitSettings, connectTimeoutMs = 3000): Promise<RateLimiter> {
    const requests = { points: settings.points, duration: settings.windowSeconds, keyPrefix: 'wh:rl:req' };
    const costs = { points: settings.costPoints, duration: settings.windowSeconds, keyPrefix: 'wh:rl:cost' };
    const auth = {
      points: settings.authFailures,
      duration: settings.authWindowSeconds,
      blockDuration: settings.authWindowSeconds,
      keyPrefix: 'wh:rl:auth',
    };
    if (!settings.redisUrl) {
      return new RateLimiter(new RateLimiterMemory(requests), new RateLimiterMemory(costs), new RateLimiterMemory(auth), null, 'memory');
    }
    // No offline queue: a request must not wait for a Redis that is down (the insurance limiter answers).
    const redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, connectTimeoutMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return new RateLimiter(
      new RateLimiterRedis({ ...requests, storeClient: redis, insuranceLimiter: new RateLimiterMemory(requests) }),
      new RateLimiterRedis({ ...costs, storeClient: redis, insuranceLimiter: new RateLimiterMemory(costs) }),
      new RateLimiterRedis({ ...auth, storeClient: redis, insuranceLimiter: new RateLimiterMemory(auth) }),
      redis,
      'redis',
    );
  }

  /** Counts one request of `client`; returns the seconds to wait when its allowance is used up. */
  async take(client: string): Promise<number | null> {
    return retryAfter(() => this.requests.consume(client));
  }

  /**
   * Charges `cost` (the operation's estimate) to `client`; returns the seconds to wait when
   * its cost budget is used up. Expensive operations thus use a client's allowance faster.
   */
  async spend(client: string, cost: number): Promise<number | null> {
    if (cost <= 0) return null;
    const wait = await retryAfter(() => this.costs.consume(client, cost));
    // A refused operation costs nothing: give its points back, so cheaper ones still fit.
    if (wait !== null) await this.costs.reward(client, cost).catch(() => undefined);
    return wait;
  }

  /** Seconds `address` must wait before it may present a token again, or null. */
  async authBlocked(address: string): Promise<number | null> {
    const state = await this.authFailures.get(address).catch(() => null);
    if (!state || state.consumedPoints < this.authFailures.points) return null;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Records a failed authentication of `address`. */
  async authFailed(address: string): Promise<void> {
    await retryAfter(() => this.authFailures.consume(address));
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}

async function retryAfter(consume: () => Promise<RateLimiterRes>): Promise<number | null> {
  try {
    await consume();
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/** The 429 answer: a GraphQL error with `RATE_LIMITED` and the wait in `Retry-After`. */
export function tooManyRequests(seconds: number, what = 'requests'): Response {
  const body = {
    errors: [{ message: `Too many ${what}. Try again in ${seconds} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }],
  };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds) },
  });
}
