import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What each limiter is made of. */
interface LimiterOptions {
  points: number;
  duration: number;
  keyPrefix: string;
  blockDuration?: number;
}

/** The tier of people and of clients whose token names none. */
const STANDARD = 'standard';

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
  /** Partner systems' tiers: multiples of `points` and `costPoints`. Unlisted tiers get the standard allowance. */
  tiers?: ReadonlyMap<string, number>;
}

/** The allowances of one tier. */
interface Allowance {
  requests: RateLimiterAbstract;
  costs: RateLimiterAbstract;
}

/**
 * Per-client request allowances (token subject, else address; partner systems by their
 * token's tier, a multiple of the standard one) and a much smaller one for
 * failed authentications per address, from rate-limiter-flexible. With Redis every
 * gateway replica counts against the same allowance; if Redis stops answering, each
 * replica falls back to counting in memory rather than letting everything through.
 */
export class RateLimiter {
  private constructor(
    private readonly allowances: ReadonlyMap<string, Allowance>,
    private readonly authFailures: RateLimiterAbstract,
    private readonly redis: Redis | null,
    /** "redis" or "memory": where the counts live. */
    readonly store: 'redis' | 'memory',
  ) {}

  /** Connects to Redis first when configured (waiting at most `connectTimeoutMs`; later it reconnects by itself). */
  static async create(settings: RateLimitSettings, connectTimeoutMs = 3000): Promise<RateLimiter> {
    const tiers = new Map<string, number>([...(settings.tiers ?? []), [STANDARD, 1]]);
    // Each tier counts under its own prefix: a client moved to another tier starts afresh.
    const allowance = (
      tier: string,
      factor: number,
      limiter: (options: LimiterOptions) => RateLimiterAbstract,
    ): Allowance => ({
      requests: limiter({
        points: settings.points * factor,
        duration: settings.windowSeconds,
        keyPrefix: `wh:rl:req:${tier}`,
      }),
      costs: limiter({
        points: settings.costPoints * factor,
        duration: settings.windowSeconds,
        keyPrefix: `wh:rl:cost:${tier}`,
      }),
    });
    const auth = {
      points: settings.authFailures,
      duration: settings.authWindowSeconds,
      blockDuration: settings.authWindowSeconds,
      keyPrefix: 'wh:rl:auth',
    };
    if (!settings.redisUrl) {
      const memory = (options: LimiterOptions) => new RateLimiterMemory(options);
      const allowances = new Map([...tiers].map(([tier, factor]) => [tier, allowance(tier, factor, memory)] as const));
      return new RateLimiter(allowances, new RateLimiterMemory(auth), null, 'memory');
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
    const shared = (options: LimiterOptions) =>
      new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
    const allowances = new Map([...tiers].map(([tier, factor]) => [tier, allowance(tier, factor, shared)] as const));
    return new RateLimiter(allowances, shared(auth), redis, 'redis');
  }

  private allowance(tier: string | undefined): Allowance {
    return this.allowances.get(tier ?? STANDARD) ?? this.allowances.get(STANDARD)!;
  }

  /** Counts one request of `client` against its tier's allowance; returns the seconds to wait when it is used up. */
  async take(client: string, tier?: string): Promise<number | null> {
    const { requests } = this.allowance(tier);
    return retryAfter(() => requests.consume(client));
  }

  /**
   * Charges `cost` (the operation's estimate) to `client`; returns the seconds to wait when
   * its cost budget is used up. Expensive operations thus use a client's allowance faster.
   */
  async spend(client: string, cost: number, tier?: string): Promise<number | null> {
    if (cost <= 0) return null;
    const { costs } = this.allowance(tier);
    const wait = await retryAfter(() => costs.consume(client, cost));
    // A refused operation costs nothing: give its points back, so cheaper ones still fit.
    if (wait !== null) await costs.reward(client, cost).catch(() => undefined);
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
    errors: [
      {
        message: `Too many ${what}. Try again in ${seconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
      },
    ],
  };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds) },
  });
}
