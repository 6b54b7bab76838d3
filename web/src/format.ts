// German formats for numbers, dates and times (Europe/Berlin).

const numbers = new Intl.NumberFormat('de-DE');
const dates = new Intl.DateTimeFormat('de-DE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Berlin',
});
const dateTimes = new Intl.DateTimeFormat('de-DE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
});
// Both digit bounds: browsers before NumberFormat v3 refuse a maximum below the currency's default minimum.
const euros = new Intl.NumberFormat('de-DE', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

export const formatNumber = (value: number): string => numbers.format(value);
export const formatEuro = (value: number): string => euros.format(value);

/** "2025-03-01" or an ISO date-time → "1. März 2025"; a date-time with its time when `withTime`. */
export function formatDate(value: string, withTime = false): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return withTime && !dateOnly ? `${dateTimes.format(date)} Uhr` : dates.format(date);
}

/** km with one decimal: "12,3 km". */
export const formatKm = (value: number): string =>
  `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(value)} km`;
