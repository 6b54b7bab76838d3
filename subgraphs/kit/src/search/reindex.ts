import type { Orm } from '../db/orm.js';
import type { SearchEngine } from './port.js';
import type { SearchFeed } from './relay.js';

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
 * Rebuilds the index from the databases: applies the settings, then upserts every
 * record of every source in batches. Upserting in place (rather than emptying the index
 * first) leaves no moment in which search answers nothing.
 */
export async function reindex(
  engine: SearchEngine,
  sources: ReindexSource[],
  { batchSize = 500, onProgress }: { batchSize?: number; onProgress?: (progress: ReindexProgress) => void } = {},
): Promise<number> {
  await engine.applySettings();
  let indexed = 0;
  for (const { name, orm, feed } of sources) {
    const em = orm.em.fork();
    const keys = await feed.keys(em);
    onProgress?.({ source: name, done: 0, total: keys.length });
    for (let start = 0; start < keys.length; start += batchSize) {
      const batch = keys.slice(start, start + batchSize);
      const documents = await feed.documents(orm.em.fork(), batch);
      await engine.upsert(documents);
      indexed += documents.length;
      onProgress?.({ source: name, done: Math.min(start + batchSize, keys.length), total: keys.length });
    }
  }
  return indexed;
}

/** A one-line progress bar for a terminal, e.g. "practices  [██████░░░░]  60% 3/5". */
export function progressBar({ source, done, total }: ReindexProgress, width = 24): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  return `${source.padEnd(16)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
}
