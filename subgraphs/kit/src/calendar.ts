const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day of a moment in Europe/Berlin, YYYY-MM-DD: the day the municipalities
 * live by (events are dated and declarations signed on it), whatever the server's zone.
 */
export function berlinDay(moment: Date = new Date()): string {
  return BERLIN_DAY.format(moment);
}
