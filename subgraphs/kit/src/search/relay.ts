import type { Logger } from 'pino';
import type { Em, Orm } from '../db/orm.js';
import { logger } from '../observability/logger.js';
import { OUTBOX_TABLE } from './outbox.js';
import { documentId, type SearchDocument, type SearchIndexWriter, type SearchType } from './contract.js';

/** How a subgraph describes its searchable records to the relay and to a reindex. */
export interface SearchFeed {
  type: SearchType;
  /** Current public documents for these keys; a key without one is removed from the index. */
  documents(em: Em, keys: string[]): Promise<SearchDocument[]>;
  /** Every key that should be in the index, for a rebuild. */
  keys(em: Em): Promise<string[]>;
}

export interface RelayOptions {
  orm: Orm;
  schema: string;
  feed: SearchFeed;
  engine: SearchIndexWriter;
  /** Polling interval while idle; a change is searchable within about this long. */
  intervalMs?: number;
  batchSize?: number;
  /** Longest wait between retries while the engine is down. */
  maxBackoffMs?: number;
  /**
   * A line sink instead of the structured logger, for callers that gather their own log
   * lines (the embedded hub, tests); without it the relay logs through kit's `logger`.
   */
  log?: (line: string) => void;
}

/** What the relay reports: a level, structured fields, and the message for a line sink. */
type Report = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string) => void;

/**
 * Pushes a subgraph's outbox rows to the search engine. Rows are claimed with
 * `for update skip locked`, so several processes may relay the same outbox; a row is
 * deleted only after the engine confirmed the change, and retried with backoff otherwise.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failing = false;
  /** Settings are (re)applied before the first delivery and after any failure (the engine may have lost them). */
  private settingsApplied = false;
  private readonly table: string;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly report: Report;

  constructor(private readonly options: RelayOptions) {
    this.table = `"${options.schema}"."${OUTBOX_TABLE}"`;
    this.intervalMs = options.intervalMs ?? 200;
    this.batchSize = options.batchSize ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.report = reporter(options);
  }

  /** The subgraph (schema) whose outbox this relays. */
  get schema(): string {
    return this.options.schema;
  }

  /** Starts polling in the background. */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.deliverDue()
        .then(
          () => undefined,
          (error: unknown) => this.report('error', { err: error }, `round failed: ${(error as Error).message}`),
        )
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Relays due rows until none is left or the engine fails; returns how many rows were
   * delivered. Waits for a background round in progress first (tests, shutdown).
   */
  async drain(): Promise<number> {
    await this.running;
    return this.deliverDue();
  }

  private async deliverDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await this.relayBatch();
      delivered += batch;
      if (batch < this.batchSize) return delivered;
    }
  }

  /** Rows waiting, due or not (for health and tests). */
  async pending(): Promise<number> {
    const rows = (await this.options.orm.em.fork().execute(`select count(*)::int as n from ${this.table}`)) as {
      n: number;
    }[];
    return Number(rows[0]?.n ?? 0);
  }

  private async relayBatch(): Promise<number> {
    const { orm, feed, engine, schema } = this.options;
    // Idle polling costs one cheap statement, not a transaction with a lock.
    const due = (await orm.em
      .fork()
      .execute(`select 1 from ${this.table} where available_at <= now() limit 1`)) as unknown[];
    if (due.length === 0) return 0;
    let claimed: (string | number)[] = [];
    let failure: Error | null = null;
    /** Some records were refused while the engine took the rest: the engine itself is fine. */
    let refusedOnly = false;
    const delivered = await orm.em
      .fork()
      .transactional(async (em) => {
        // One relay per outbox at a time (and none during a reindex): two relays could
        // otherwise push an older state of a record after a newer one.
        const [lock] = (await em.execute(`select pg_try_advisory_xact_lock(hashtext(?)) as ok`, [
          relayLockName(schema),
        ])) as { ok: boolean }[];
        if (!lock.ok) return 0;
        const rows = (await em.execute(
          `select id, entity_key from ${this.table} where available_at <= now()
           order by id limit ? for update skip locked`,
          [this.batchSize],
        )) as { id: string | number; entity_key: string }[];
        if (rows.length === 0) return 0;
        claimed = rows.map((r) => r.id);
        const keys = [...new Set(rows.map((r) => r.entity_key))];
        const push = async (batch: string[]) => {
          const documents = await feed.documents(em as Em, batch);
          const present = new Set(documents.map((d) => d.key));
          await engine.upsert(documents);
          await engine.delete(batch.filter((k) => !present.has(k)).map((k) => documentId(feed.type, k)));
        };
        let done = keys;
        try {
          if (!this.settingsApplied) await engine.applySettings();
          this.settingsApplied = true;
          await push(keys);
        } catch (error) {
          failure = error as Error;
          // An engine that answers but refuses the batch: one bad record must not hold back
          // the others, so deliver them one by one and keep only the refused ones for a retry.
          if (keys.length === 1 || !(await engine.healthy())) return 0;
          done = [];
          for (const key of keys) {
            try {
              await push([key]);
              done.push(key);
            } catch {
              // stays in the outbox
            }
          }
        }
        if (done.length === 0) return 0;
        const doneSet = new Set(done);
        const deliveredIds = rows.filter((r) => doneSet.has(r.entity_key)).map((r) => r.id);
        await em.execute(`delete from ${this.table} where id in (?)`, [deliveredIds]);
        claimed = rows.filter((r) => !doneSet.has(r.entity_key)).map((r) => r.id);
        if (claimed.length === 0) failure = null;
        else refusedOnly = true;
        return deliveredIds.length;
      })
      .catch((error: unknown) => {
        // A database error aborts the transaction: record the failure outside it.
        failure = error as Error;
        return 0;
      });
    if (failure === null) {
      if (this.failing) this.report('info', { engine: engine.name }, 'engine is back, catching up');
      this.failing = false;
      return delivered;
    }
    const message = (failure as Error).message.slice(0, 500);
    if (claimed.length > 0) {
      // Per row: 0.5 s doubling with each failure up to the cap, with jitter so relays do not
      // retry in step. A record the engine refused ten times while taking others waits an
      // hour between tries; an outage never slows the catch-up beyond the cap.
      await orm.em.fork().execute(
        `update ${this.table} set attempts = attempts + 1, last_error = ?,
           available_at = now() + (case when ?::boolean and attempts >= 10 then 3600000
                                         else least(?::float8, 500 * power(2, least(attempts, 20))) end)
             * (0.8 + random() * 0.4) * interval '1 millisecond'
         where id in (?)`,
        [message, refusedOnly, this.maxBackoffMs, claimed],
      );
    }
    if (refusedOnly) {
      const refused = claimed.length;
      this.report(
        'warn',
        { refused, reason: message },
        `the engine refused ${refused} record(s), kept for a retry: ${message}`,
      );
      return delivered;
    }
    if (!this.failing)
      this.report('warn', { engine: engine.name, reason: message }, `delivery failed, will retry: ${message}`);
    this.failing = true;
    this.settingsApplied = false;
    return 0;
  }
}

/**
 * The relay's reporting: lines to the caller's sink when it gave one (prefixed with the
 * schema, as a human reads them), else structured records of kit's logger.
 */
function reporter({ schema, log }: RelayOptions): Report {
  if (log) return (_level, _fields, message) => log(`search relay (${schema}): ${message}`);
  const relayLogger: Logger = logger.child({ component: 'search-relay', schema });
  return (level, fields, message) => relayLogger[level](fields, message);
}

/** The advisory lock that serialises a schema's relays and reindexing. */
export function relayLockName(schema: string): string {
  return `welcome-hub:search-relay:${schema}`;
}
