import type { Em } from '@welcome-hub/kit';
import { PracticeEntity } from '../practice/practice.entity.js';
import { PUBLIC_PRACTICES } from '../practice/practice.visibility.js';

/**
 * The public practices as a SQL subquery, rendered by the ORM from the one visibility
 * condition (practice.visibility.ts), so no statistic restates the draft rule by hand.
 */
function publicPractices(em: Em, columns: string[]): string {
  return em
    .createQueryBuilder(PracticeEntity, 'p')
    .select(columns as never)
    .where(PUBLIC_PRACTICES as never)
    .getFormattedQuery();
}

export interface TermCounts {
  fieldsOfAction: Map<string, number>;
  targetGroups: Map<string, number>;
  kinds: Map<string, number>;
  regions: Map<string, number>;
  total: number;
}

/** Every count of PracticeStatistics in one statement, grouped in PostgreSQL. */
export async function countPublicPractices(em: Em): Promise<TermCounts> {
  const source = publicPractices(em, ['fieldsOfAction', 'targetGroups', 'kind', 'ownerRegion']);
  const rows = (await em.execute(
    `with shown as (${source})
     select 'field' as dimension, code, count(*)::int as n from shown, unnest(shown.fields_of_action) as code group by code
     union all select 'target', code, count(*)::int from shown, unnest(shown.target_groups) as code group by code
     union all select 'kind', kind, count(*)::int from shown group by kind
     union all select 'region', owner_region, count(*)::int from shown group by owner_region
     union all select 'total', '', count(*)::int from shown`,
  )) as { dimension: string; code: string; n: number }[];
  const of = (dimension: string) =>
    new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.code, Number(r.n)]));
  return {
    fieldsOfAction: of('field'),
    targetGroups: of('target'),
    kinds: of('kind'),
    regions: of('region'),
    total: Number(of('total').get('') ?? 0),
  };
}
