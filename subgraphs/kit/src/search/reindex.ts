import type { Orm } from '../db/orm.js';
import { documentId, type SearchIndexWriter } from './contract.js';
import { OUTBOX_TABLE } from './outbox.js';
import { relayLockName, type SearchFeed } from './relay.js';

export interface ReindexSource {
  name: string;
  orm: Orm;
  feed: SearchFeed;
}

export interface ReindexProgress {
  source: string;
  done: number;
  total: number;
}

/**
 * Rebuilds the index from the databases: applies the settings, upserts every record of
 * every source in batches, then removes documents whose record is gone or no longer
 * public. Upserting in place (rather than emptying the index first) leaves no moment in
 * which search answers nothing. Each source is rebuilt holding its relays' lock, so no
 * relay pushes a record while the rebuild may push an older read of it; the outbox rows
 * written meanwhile are delivered afterwards, those written before are settled by it.
 */
export async function reindex(
  engine: SearchIndexWriter,
  sources: ReindexSource[],
  { batchSize = 500, onProgress }: { batchSize?: number; onProgress?: (progress: ReindexProgress) => void } = {},
): Promise<number> {
  await engine.applySettings();
  let indexed = 0;
  for (const { name, orm, feed } of sources) {
    // On PGlite (the embedded mode) every subgraph shares one session: the advisory lock
    // always succeeds there, and it is PGlite's transaction mutex that keeps relays out,
    // holding every other query until this source is done. Nothing in here may use another
    // entity manager than `em`, or it would wait for this transaction forever.
    indexed += await orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [relayLockName(name)]);
      // Outbox rows committed before this point describe changes the reads below already
      // see: the rebuild delivers them, so the relay need not push them again.
      const outbox = `"${name}"."${OUTBOX_TABLE}"`;
      const [{ upTo }] = (await em.execute(`select coalesce(max(id), 0)::text as "upTo" from ${outbox}`)) as {
        upTo: string;
      }[];
      const keys = await feed.keys(em);
      onProgress?.({ source: name, done: 0, total: keys.length });
      let count = 0;
      for (let start = 0; start < keys.length; start += batchSize) {
        const documents = await feed.documents(em, keys.slice(start, start + batchSize));
        await engine.upsert(documents);
        count += documents.length;
        em.clear(); // keep one batch of entities in memory, not the whole source
        onProgress?.({ source: name, done: Math.min(start + batchSize, keys.length), total: keys.length });
      }
      const wanted = new Set(keys.map((k) => documentId(feed.type, k)));
      await engine.delete((await engine.ids(feed.type)).filter((id) => !wanted.has(id)));
      await em.execute(`delete from ${outbox} where id <= ?::bigint`, [upTo]);
      return count;
    });
  }
  return indexed;
}

/** A one-line progress bar for a terminal, e.g. "practices  [██████░░░░]  60% 3/5". */
export function progressBar({ source, done, total }: ReindexProgress, width = 24): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${source.padEnd(16)} [${bar}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
}
