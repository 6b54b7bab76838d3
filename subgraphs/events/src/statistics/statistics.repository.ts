import { periodSql, type Em, type TimeInterval } from '@welcome-hub/kit';

/** The figures of one group, as EventCounts names them. */
export interface CountsRow {
  events: number;
  registrations: number;
  registeredParticipants: number;
  reportedParticipants: number;
  eventsWithReportedParticipants: number;
}

const COUNTS = `count(*)::int as "events",
  coalesce(sum(r."registrations"), 0)::int as "registrations",
  coalesce(sum(r."participants"), 0)::int as "registeredParticipants",
  coalesce(sum(e."participants_count"), 0)::int as "reportedParticipants",
  count(e."participants_count")::int as "eventsWithReportedParticipants"`;

// Registrations are summed per event before the join, so an event with many of them is
// still counted once; cancelled events and cancelled registrations count nowhere.
const LIVE_EVENTS = `from "events"."event" e
  left join (
    select "event_id", count(*) as "registrations", sum("participants") as "participants"
    from "events"."registration" where "status" <> ? group by "event_id"
  ) r on r."event_id" = e."id"
  where e."status" <> ?`;
const LIVE_PARAMS = ['CANCELLED', 'CANCELLED'];

/** Figures per period of the events with a date, oldest first; periods without events are missing. */
export async function countByPeriod(em: Em, interval: TimeInterval): Promise<(CountsRow & { period: string })[]> {
  // periodSql returns one of two fixed expressions chosen by the enum: no caller text reaches the SQL.
  const period = periodSql(interval, 'e."date"', 'date');
  return em.execute(
    `select ${period} as "period", ${COUNTS} ${LIVE_EVENTS} and e."date" is not null group by 1 order by 1`,
    LIVE_PARAMS,
  );
}

/** Figures per kind that has events, dated or not. */
export async function countByKind(em: Em): Promise<(CountsRow & { kind: string })[]> {
  return em.execute(`select e."kind" as "kind", ${COUNTS} ${LIVE_EVENTS} group by e."kind" order by 1`, LIVE_PARAMS);
}

/**
 * Figures per series, most events first, then by name. Events created through the API
 * carry no series name; the series is named after any event of it that has one, else its slug.
 */
export async function countBySeries(em: Em): Promise<(CountsRow & { slug: string; name: string })[]> {
  return em.execute(
    `select e."series_slug" as "slug", coalesce(max(e."series_name"), e."series_slug") as "name", ${COUNTS}
     ${LIVE_EVENTS} and e."series_slug" is not null
     group by e."series_slug" order by "events" desc, "name", "slug"`,
    LIVE_PARAMS,
  );
}
