import { TimeInterval, type Em } from '@welcome-hub/kit';
import type { DistrictRow } from '../district/district.entity.js';

const S = '"municipalities"';
/** Today in Europe/Berlin, as declarations are dated (the session's time zone may be UTC). */
const TODAY = `(now() at time zone 'Europe/Berlin')::date`;

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
export async function countByDistrict(
  em: Em,
  cooperationId: string | null,
  region: string | null,
): Promise<(GroupCounts & { district: DistrictRow })[]> {
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
 * declaration's period to the current one, without gaps: one statement. A declaration is
 * active at the end of each period from the one it was made in up to the one before its
 * withdrawal; each is expanded into those periods (a few per declaration), so the distinct
 * count per period is one grouping, not a scan of every declaration for every period.
 */
export async function countOverTime(
  em: Em,
  interval: TimeInterval,
  cooperationId: string | null,
  region: string | null,
): Promise<PeriodRow[]> {
  const unit = interval === TimeInterval.MONTH ? 'month' : 'year';
  const format = interval === TimeInterval.MONTH ? 'YYYY-MM' : 'YYYY';
  const step = `interval '1 ${unit}'`;
  const bucket = (column: string) => `date_trunc('${unit}', ${column})::date`;
  const where = filters(cooperationId, region, { p: 'p', m: 'm' });
  return (await em.execute(
    `with chosen as (
       select p.municipality_ags, p.declared_on, p.withdrawn_on
       from ${S}."participation" p join ${S}."municipality" m on m.ags = p.municipality_ags
       ${where.sql.length ? `where ${where.sql.join(' and ')}` : ''}),
     periods as (
       select generate_series(${bucket('(select min(declared_on) from chosen)')}, ${bucket(TODAY)}, ${step})::date as start),
     declared as (select ${bucket('declared_on')} as start, count(*) as n from chosen group by 1),
     withdrawn as (select ${bucket('withdrawn_on')} as start, count(*) as n from chosen where withdrawn_on is not null group by 1),
     active as (
       select start, count(distinct municipality_ags) as n
       from (select municipality_ags, generate_series(${bucket('declared_on')},
               case when withdrawn_on is null then ${bucket(TODAY)} else (${bucket('withdrawn_on')} - ${step})::date end, ${step})::date as start
             from chosen) spans
       group by start)
     select to_char(periods.start, '${format}') as period,
       coalesce(declared.n, 0)::int as declared, coalesce(withdrawn.n, 0)::int as withdrawn, coalesce(active.n, 0)::int as active
     from periods
       left join declared on declared.start = periods.start
       left join withdrawn on withdrawn.start = periods.start
       left join active on active.start = periods.start
     order by periods.start`,
    where.params,
  )) as PeriodRow[];
}
