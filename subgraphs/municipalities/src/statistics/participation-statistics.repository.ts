import { TimeInterval, type Em } from '@welcome-hub/kit';
import type { DistrictRow } from '../district/district.entity.js';

const S = '"municipalities"';

export interface GroupCounts {
  municipalities: number;
  declared: number;
  active: number;
}

/** `and …` conditions with their parameters, for the optional filters. */
function filters(cooperationId: string | null, region: string | null, alias: { p: string; m: string }) {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (cooperationId) {
    sql.push(`${alias.p}.cooperation_id = ?`);
    params.push(cooperationId);
  }
  if (region) {
    sql.push(`${alias.m}.region = ?`);
    params.push(region);
  }
  return { sql, params };
}

const COUNTS = `count(distinct m.ags)::int as municipalities,
  count(distinct p.municipality_ags)::int as declared,
  (count(distinct p.municipality_ags) filter (where p.withdrawn_on is null))::int as active`;

/** Per region: one statement. */
export async function countByRegion(em: Em, cooperationId: string | null): Promise<Map<string, GroupCounts>> {
  const joined = cooperationId ? 'and p.cooperation_id = ?' : '';
  const rows = (await em.execute(
    `select m.region as key, ${COUNTS}
     from ${S}."municipality" m left join ${S}."participation" p on p.municipality_ags = m.ags ${joined}
     group by m.region`,
    cooperationId ? [cooperationId] : [],
  )) as (GroupCounts & { key: string })[];
  return new Map(rows.map((r) => [r.key, r]));
}

/** Per district, with the district's own columns: one statement. */
export async function countByDistrict(em: Em, cooperationId: string | null, region: string | null): Promise<(GroupCounts & { district: DistrictRow })[]> {
  const joined = cooperationId ? 'and p.cooperation_id = ?' : '';
  const params: unknown[] = cooperationId ? [cooperationId] : [];
  if (region) params.push(region);
  const rows = (await em.execute(
    `select d.code, d.name, d.kind, d.region, d.source, ${COUNTS}
     from ${S}."district" d
     join ${S}."municipality" m on m.district_code = d.code
     left join ${S}."participation" p on p.municipality_ags = m.ags ${joined}
     ${region ? 'where d.region = ?' : ''}
     group by d.code order by d.code`,
    params,
  )) as (GroupCounts & DistrictRow)[];
  return rows.map(({ code, name, kind, region: r, source, municipalities, declared, active }) => ({
    district: { code, name, kind, region: r, source } as DistrictRow,
    municipalities,
    declared,
    active,
  }));
}

export interface PeriodRow {
  period: string;
  declared: number;
  withdrawn: number;
  active: number;
}

/**
 * Declarations, withdrawals and active municipalities per period, from the first
 * declaration's period to the current one, without gaps: one statement.
 */
export async function countOverTime(em: Em, interval: TimeInterval, cooperationId: string | null, region: string | null): Promise<PeriodRow[]> {
  const unit = interval === TimeInterval.MONTH ? 'month' : 'year';
  const format = interval === TimeInterval.MONTH ? 'YYYY-MM' : 'YYYY';
  const step = `interval '1 ${unit}'`;
  const where = filters(cooperationId, region, { p: 'p', m: 'm' });
  return (await em.execute(
    `with chosen as (
       select p.municipality_ags, p.declared_on, p.withdrawn_on
       from ${S}."participation" p join ${S}."municipality" m on m.ags = p.municipality_ags
       ${where.sql.length ? `where ${where.sql.join(' and ')}` : ''}),
     periods as (
       select generate_series(date_trunc('${unit}', (select min(declared_on) from chosen)), date_trunc('${unit}', current_date), ${step})::date as start)
     select to_char(start, '${format}') as period,
       (select count(*) from chosen where declared_on >= start and declared_on < start + ${step})::int as declared,
       (select count(*) from chosen where withdrawn_on >= start and withdrawn_on < start + ${step})::int as withdrawn,
       (select count(distinct municipality_ags) from chosen
         where declared_on < start + ${step} and (withdrawn_on is null or withdrawn_on >= start + ${step}))::int as active
     from periods order by start`,
    where.params,
  )) as PeriodRow[];
}
