import { defaultAnalyzer } from '../analysis.js';
import { MeilisearchEngine } from './engine.js';

/** The Meilisearch settings of a process's configuration (kit's `subgraphEnv` has them). */
export interface MeilisearchConfig {
  MEILI_URL?: string;
  MEILI_MASTER_KEY?: string;
  MEILI_INDEX?: string;
}

/**
 * The Meilisearch engine a process's configuration names, over the shipped German
 * analysis; null without MEILI_URL. The process entries hand this to kit's
 * `runSubgraphProcess`, so kit itself never loads the Meilisearch client or the stemmers.
 */
export function meilisearchFromConfig(config: MeilisearchConfig): MeilisearchEngine | null {
  if (!config.MEILI_URL) return null;
  return new MeilisearchEngine({
    url: config.MEILI_URL,
    apiKey: config.MEILI_MASTER_KEY,
    indexUid: config.MEILI_INDEX,
    analyzer: defaultAnalyzer(),
  });
}
