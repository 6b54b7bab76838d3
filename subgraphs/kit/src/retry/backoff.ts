/**
 * The wait before retry number `attempt` (0 for the first): doubling from `baseMs`,
 * capped at `maxMs`. Every background retry in the hub (Meilisearch settings, index
 * rebuilds, outbox relays) waits by this rule.
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, maxMs = 60_000 }: { baseMs?: number; maxMs?: number } = {},
): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}
