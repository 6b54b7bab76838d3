import { periodSql, textArrayLiteral, type AreaLevel, type Em, type TimeInterval } from '@welcome-hub/kit';
import type { AreaScoreValue, ScoreSummaryValue } from '../assessment/scoring.js';

/** A region (by RegionCode) or a district (by Kreisschlüssel). */
export interface AreaKey {
  level: AreaLevel;
  code: string;
}

/** Who would contribute to an area's summary now, compared with its latest published one. */
export interface Candidate {
  /** Municipalities with an assessment: their latest one counts. */
  candidates: number;
  hasPrevious: boolean;
  /** Municipalities added, removed or counted with another assessment since the latest published summary. */
  differences: number;
  /** Contributors no latest district summary covers with the same assessment (for a region). */
  uncovered: number;
  assessmentIds: string[];
}

export interface Figures {
  overall: ScoreSummaryValue;
  areas: AreaScoreValue[];
}

/** A published summary as the public queries read it. */
export interface PublishedFigures extends Figures {
  areaCode: string;
  publishedAt: Date;
  contributingMunicipalities: number;
}

const LEDGER = '"modules"."published_summary"';
const PUBLISHED = `s."area_code" as "areaCode", s."published_at" as "publishedAt", s."contributing_municipalities" as "contributingMunicipalities", s."overall", s."areas"`;
const NEWEST_FIRST = 's."published_at" desc, s."id" desc';

/**
 * Waits for, then holds until commit, the region's publication lock: two submissions in one
 * region must not both compare against the same earlier summary and publish two that differ
 * by one town. Every later statement of the transaction sees what the previous holder committed.
 */
export async function lockRegion(em: Em, region: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('modules.published_summary'), hashtext(?))`, [region]);
}

/**
 * Waits for, then holds until commit, the lock on the whole ledger: processes starting
 * together fill an empty ledger one after another (summary.service.ts `fillLedger`).
 */
export async function lockLedger(em: Em): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('modules.published_summary'), 0)`);
}

/** True once any summary was published. */
export async function isLedgerFilled(em: Em): Promise<boolean> {
  const [ledger] = (await em.execute(`select exists (select 1 from ${LEDGER}) as "filled"`)) as { filled: boolean }[];
  return ledger?.filled === true;
}

/**
 * The candidate of an area in one statement: the latest assessment (as of `asOf`, null for
 * now) of each of `members`, compared per municipality with the area's latest published
 * summary, and checked against the latest published summaries of `coverDistricts`.
 */
export async function candidateOf(
  em: Em,
  area: AreaKey,
  members: readonly string[],
  coverDistricts: readonly string[],
  asOf: Date | null,
): Promise<Candidate> {
  const [row] = (await em.execute(
    `with "candidate" as (
        select distinct on (a."municipality_ags") a."id", a."municipality_ags" from "modules"."assessment" a
         where a."municipality_ags" = any(?::text[]) and a."submitted_at" <= ?::timestamptz
         order by a."municipality_ags", a."submitted_at" desc, a."id" desc),
      "previous" as (
        select s."assessment_ids" from ${LEDGER} s where s."area_level" = ? and s."area_code" = ? order by ${NEWEST_FIRST} limit 1),
      "counted" as (
        select a."id", a."municipality_ags" from "modules"."assessment" a where a."id" = any(coalesce((select "assessment_ids" from "previous"), '{}'))),
      "covered" as (
        select distinct on (s."area_code") s."assessment_ids" from ${LEDGER} s
         where s."area_level" = 'DISTRICT' and s."area_code" = any(?::text[]) order by s."area_code", ${NEWEST_FIRST})
     select (select count(*) from "candidate")::int as "candidates",
            exists (select 1 from "previous") as "hasPrevious",
            (select count(*) from "candidate" c full join "counted" p on p."municipality_ags" = c."municipality_ags" where c."id" is distinct from p."id")::int as "differences",
            (select count(*) from "candidate" c where not exists (select 1 from "covered" v where c."id" = any(v."assessment_ids")))::int as "uncovered",
            array(select c."id"::text from "candidate" c order by c."municipality_ags") as "assessmentIds"`,
    [
      textArrayLiteral(members),
      asOf?.toISOString() ?? 'infinity',
      area.level,
      area.code,
      textArrayLiteral(coverDistricts),
    ],
  )) as Candidate[];
  return row!;
}

/**
 * Region contributors that would lie outside every district summary if `district` published
 * `candidateIds`: the region's latest summary minus the districts' latest ones (this one's
 * replaced by the candidate). One statement; `hasRegion` false when the region has none.
 */
export async function regionRemainderAfter(
  em: Em,
  region: string,
  districts: readonly string[],
  district: string,
  candidateIds: readonly string[],
): Promise<{ hasRegion: boolean; uncovered: number }> {
  const [row] = (await em.execute(
    `with "region" as (
        select s."assessment_ids" from ${LEDGER} s where s."area_level" = 'REGION' and s."area_code" = ? order by ${NEWEST_FIRST} limit 1),
      "covered" as (
        select distinct on (s."area_code") s."assessment_ids" from ${LEDGER} s
         where s."area_level" = 'DISTRICT' and s."area_code" = any(?::text[]) and s."area_code" <> ? order by s."area_code", ${NEWEST_FIRST})
     select exists (select 1 from "region") as "hasRegion",
            (select count(*) from unnest(coalesce((select "assessment_ids" from "region"), '{}')) as r("id")
              where not (r."id" = any(?::uuid[])) and not exists (select 1 from "covered" v where r."id" = any(v."assessment_ids")))::int as "uncovered"`,
    [region, textArrayLiteral(districts), district, textArrayLiteral(candidateIds)],
  )) as { hasRegion: boolean; uncovered: number }[];
  return { hasRegion: row!.hasRegion, uncovered: Number(row!.uncovered) };
}

interface FigureRow {
  areaKey: string | null;
  average: number | null;
  percent: number | null;
  answered: number;
  contributors: number;
}

/**
 * Scores over the answers of `assessmentIds`. A quality area is published only when every
 * contributor answered it: an area of optional criteria answered by one or two towns would
 * describe them, and only an area with all contributors changes exactly as the whole does
 * (so the three-changes rule holds for it too).
 * Overall and per quality area in catalogue order, as `scoring.ts` defines them.
 */
export async function figuresOf(em: Em, assessmentIds: readonly string[]): Promise<Figures> {
  const rows = (await em.execute(
    `select case when grouping(c."area_key") = 0 then c."area_key" end as "areaKey",
            round(avg(a."score"), 2)::float8 as "average",
            round(100 * avg((a."score" - c."scale_min")::numeric / (c."scale_max" - c."scale_min")), 2)::float8 as "percent",
            count(*)::int as "answered",
            count(distinct a."assessment_id")::int as "contributors"
       from "modules"."assessment_answer" a
       join "modules"."criterion" c on c."key" = a."criterion_key"
       join "modules"."quality_area" q on q."key" = c."area_key"
      where a."assessment_id" = any(?::uuid[])
      group by grouping sets ((), (c."area_key", q."position"))
      order by grouping(c."area_key") desc, q."position"`,
    [textArrayLiteral(assessmentIds)],
  )) as FigureRow[];
  const score = (r: FigureRow | undefined): ScoreSummaryValue => ({
    average: r?.average ?? 0,
    percent: r?.percent ?? 0,
    answered: r?.answered ?? 0,
  });
  return {
    overall: score(rows.find((r) => r.areaKey === null)),
    areas: rows
      .filter((r) => r.areaKey !== null && r.contributors === assessmentIds.length)
      .map((r) => ({ areaKey: r.areaKey!, score: score(r) })),
  };
}

/**
 * Raw rows carry timestamps as the driver gives them: a Date from PGlite, text
 * ("2026-12-03 10:57:40.969+00") from the PostgreSQL server; the API needs a Date.
 */
const withDate = <T extends { publishedAt: Date | string }>(row: T): T & { publishedAt: Date } => ({
  ...row,
  publishedAt: new Date(row.publishedAt),
});

/** The area's latest published summary, or null. */
export async function latestPublished(em: Em, area: AreaKey): Promise<PublishedFigures | null> {
  const rows = (await em.execute(
    `select ${PUBLISHED} from ${LEDGER} s where s."area_level" = ? and s."area_code" = ? order by ${NEWEST_FIRST} limit 1`,
    [area.level, area.code],
  )) as PublishedFigures[];
  return rows[0] ? withDate(rows[0]) : null;
}

/** The latest published summary of every area of a level that has one. */
export async function latestPublishedPerArea(em: Em, level: AreaLevel): Promise<PublishedFigures[]> {
  return (
    (await em.execute(
      `select distinct on (s."area_code") ${PUBLISHED} from ${LEDGER} s where s."area_level" = ? order by s."area_code", ${NEWEST_FIRST}`,
      [level],
    )) as PublishedFigures[]
  ).map(withDate);
}

/** Per period with a publication, the last one published in it; and the current period ("" when none was published). */
export async function lastPublishedPerPeriod(
  em: Em,
  area: AreaKey,
  interval: TimeInterval,
): Promise<{ periods: { period: string; published: PublishedFigures }[]; current: string }> {
  const rows = (await em.execute(
    `select distinct on ("period") "period", "current", "areaCode", "publishedAt", "contributingMunicipalities", "overall", "areas" from (
        select ${periodSql(interval, 's."published_at"', 'timestamp')} as "period", ${periodSql(interval, 'now()', 'timestamp')} as "current", s."id", ${PUBLISHED}
          from ${LEDGER} s where s."area_level" = ? and s."area_code" = ?) p
      order by "period", "publishedAt" desc, "id" desc`,
    [area.level, area.code],
  )) as (PublishedFigures & { period: string; current: string })[];
  return {
    periods: rows.map(({ period, current: _, ...published }) => ({ period, published: withDate(published) })),
    current: rows[0]?.current ?? '',
  };
}
