// Calendar days in Europe/Berlin, the hub's time zone (German display formats are in format.ts).

const berlinDays = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Berlin',
});

/** True for a day without a time, "2025-03-01" (a Date, or an all-day CalendarTime), false for a date-time. */
export const isDateOnly = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The day of a date or date-time in Europe/Berlin, YYYY-MM-DD. */
export const berlinDay = (value: string): string => (isDateOnly(value) ? value : berlinDays.format(new Date(value)));

/** Today in Europe/Berlin as YYYY-MM-DD: the hub's calendar day (e.g. for declarations, upcoming events). */
export const todayInBerlin = (): string => berlinDays.format(new Date());
