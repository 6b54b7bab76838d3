import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Where the response cache keeps answers, each filed under the types its document selects. */
export interface AnswerStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<ExecutionResult | undefined>;
  set(key: string, answer: ExecutionResult, types: readonly string[], ttlMs: number): Promise<void>;
  /** Drops every answer filed under one of `types`. */
  dropTypes(types: readonly string[]): Promise<void>;
}

/** At most this many answers, and this many bytes of their JSON, in memory; the least recently read go first. */
const MEMORY_ENTRIES = 1000;
const MEMORY_BYTES = 32 * 1024 * 1024;
/** Keys per UNLINK/SREM call: far below any argument limit. */
const BATCH = 500;

class MemoryStore implements AnswerStore {
  readonly kind = 'memory';
  private readonly answers = new Map<
    string,
    { answer: ExecutionResult; expires: number; types: readonly string[]; bytes: number }
  >();
  private readonly byType = new Map<string, Set<string>>();
  private bytes = 0;

  async get(key: string) {
    const entry = this.answers.get(key);
    if (entry && entry.expires > Date.now()) {
      // Read again: to the back of the eviction order.
      this.answers.delete(key);
      this.answers.set(key, entry);
      return entry.answer;
    }
    if (entry) this.remove(key);
    return undefined;
  }

  async set(key: string, answer: ExecutionResult, types: readonly string[], ttlMs: number) {
    this.remove(key);
    const bytes = Buffer.byteLength(JSON.stringify(answer));
    while (this.answers.size > 0 && (this.answers.size >= MEMORY_ENTRIES || this.bytes + bytes > MEMORY_BYTES))
      this.remove(this.answers.keys().next().value as string);
    this.answers.set(key, { answer, expires: Date.now() + ttlMs, types, bytes });
    this.bytes += bytes;
    for (const type of types) this.byType.set(type, (this.byType.get(type) ?? new Set()).add(key));
  }

  async dropTypes(types: readonly string[]) {
    for (const type of types) for (const key of this.byType.get(type) ?? []) this.remove(key);
  }

  private remove(key: string) {
    const entry = this.answers.get(key);
    if (!entry) return;
    this.answers.delete(key);
    this.bytes -= entry.bytes;
    for (const type of entry.types) {
      const keys = this.byType.get(type);
      keys?.delete(key);
      if (keys?.size === 0) this.byType.delete(type);
    }
  }
}

/**
 * Answers in Redis under `wh:rc:<namespace>:`, shared by the gateway replicas: `a:<key>` holds
 * an answer (expiring with its TTL), `t:<Type>` the keys filed under a type (expiring with the
 * longest TTL, renewed by each new answer). Dropping a type unlinks the answers its set names
 * and removes those members; no command scans the keyspace. A Redis that does not answer means a miss, an
 * answer not kept or a drop not done (logged), never a failed request.
 */
class RedisStore implements AnswerStore {
  readonly kind = 'redis';
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxTtlMs: number,
    private readonly log: Logger,
  ) {}

  async get(key: string) {
    try {
      const text = await this.redis.get(`${this.prefix}a:${key}`);
      return text ? (JSON.parse(text) as ExecutionResult) : undefined;
    } catch (error) {
      this.warn('read', error);
      return undefined;
    }
  }

  async set(key: string, answer: ExecutionResult, types: readonly string[], ttlMs: number) {
    try {
      const pipeline = this.redis.pipeline().set(`${this.prefix}a:${key}`, JSON.stringify(answer), 'PX', ttlMs);
      for (const type of types)
        pipeline.sadd(`${this.prefix}t:${type}`, key).pexpire(`${this.prefix}t:${type}`, this.maxTtlMs);
      checked(await pipeline.exec());
    } catch (error) {
      this.warn('write', error);
    }
  }

  /**
   * Reads each type's set, then unlinks the answers and removes just those members: a key
   * another replica filed in between stays in its set for the next drop. Members whose
   * answers expired on their own are removed the same way.
   */
  async dropTypes(types: readonly string[]) {
    try {
      const sets = types.map((type) => `${this.prefix}t:${type}`);
      const read = checked(await sets.reduce((p, set) => p.smembers(set), this.redis.pipeline()).exec()) as string[][];
      const answers = [...new Set(read.flat())].map((key) => `${this.prefix}a:${key}`);
      const pipeline = this.redis.pipeline();
      for (let i = 0; i < answers.length; i += BATCH) pipeline.unlink(...answers.slice(i, i + BATCH));
      sets.forEach((set, i) => {
        for (let j = 0; j < read[i].length; j += BATCH) pipeline.srem(set, ...read[i].slice(j, j + BATCH));
      });
      checked(await pipeline.exec());
    } catch (error) {
      this.warn('drop', error);
    }
  }

  /** At most one line a minute while Redis is away. */
  private warn(what: string, error: unknown) {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.log.warn({ err: error }, `response cache: ${what} in Redis failed; answering without the cache`);
  }
}

/** The replies of a pipeline; throws the first command's error (ioredis reports them per command). */
function checked(replies: [Error | null, unknown][] | null): unknown[] {
  if (!replies) throw new Error('the pipeline was not executed');
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0];
  return replies.map(([, reply]) => reply);
}

export function answerStore(options: {
  redis?: Redis | null;
  namespace: string;
  maxTtlMs: number;
  log: Logger;
}): AnswerStore {
  return options.redis
    ? new RedisStore(options.redis, `wh:rc:${options.namespace}:`, options.maxTtlMs, options.log)
    : new MemoryStore();
}
