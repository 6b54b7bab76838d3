import type { Em } from '@welcome-hub/kit';

// Adaptation chains are short; the depth cap only guards against corrupt data.
const MAX_DEPTH = 100;

/** Serializes changes to adaptation links (pg_advisory_xact_lock key). */
const REUSE_GRAPH_LOCK = 727_271;

/**
 * Waits for, then holds until `em`'s transaction ends, the lock on adaptation links: one
 * writer at a time, so two concurrent links cannot close a cycle together.
 */
export async function lockReuseGraph(em: Em): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?)', [REUSE_GRAPH_LOCK]);
}

/** Ancestor ids of each practice, nearest first: one recursive statement for all of them. */
export async function findAncestorIds(em: Em, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = (await em.execute(
    `with recursive chain (start_id, id, adapted_from_id, depth) as (
       select p.id, p.id, p.adapted_from_id, 0 from "practices"."practice" p where p.id in (?)
       union all
       select c.start_id, p.id, p.adapted_from_id, c.depth + 1
       from chain c join "practices"."practice" p on p.id = c.adapted_from_id
       where c.depth < ${MAX_DEPTH})
     select start_id, id from chain where depth > 0 order by start_id, depth`,
    [[...ids]],
  )) as { start_id: string; id: string }[];
  const result = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const row of rows) result.get(row.start_id)?.push(row.id);
  return result;
}

/** Number of practices adapted from each one, directly or through further adaptations. */
export async function countDescendants(em: Em, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = (await em.execute(
    `with recursive tree (root_id, id, depth) as (
       select p.id, p.id, 0 from "practices"."practice" p where p.id in (?)
       union all
       select t.root_id, c.id, t.depth + 1
       from tree t join "practices"."practice" c on c.adapted_from_id = t.id
       where t.depth < ${MAX_DEPTH})
     select root_id, (count(*) - 1)::int as n from tree group by root_id`,
    [[...ids]],
  )) as { root_id: string; n: number }[];
  return new Map(rows.map((r) => [r.root_id, Number(r.n)]));
}
