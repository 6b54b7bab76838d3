import { GraphQLError, GraphQLScalarType } from 'graphql';

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** A moment as ISO 8601 local time in Europe/Berlin with its offset, e.g. 2027-03-01T14:00:00+01:00. */
export function berlinIso(moment: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(moment).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/**
 * Output-only: a day (YYYY-MM-DD) when only the day is known, else a date-time in
 * Europe/Berlin with its offset. Historical records are not given a made-up time of day.
 */
export const CalendarTimeScalar = new GraphQLScalarType({
  name: 'CalendarTime',
  description:
    'ISO 8601: a calendar date (2019-02-04) when only the day is known, or a date-time with offset in Europe/Berlin (2027-03-01T14:00:00+01:00).',
  serialize: (value) => {
    if (value instanceof Date) return berlinIso(value);
    if (typeof value === 'string') return value;
    throw new GraphQLError('CalendarTime must be a Date or an ISO string');
  },
  parseValue: () => {
    throw new GraphQLError('CalendarTime is an output type; use DateTime in inputs.');
  },
  parseLiteral: () => {
    throw new GraphQLError('CalendarTime is an output type; use DateTime in inputs.');
  },
});
