// German formats: numbers and percentages (Intl, de-DE), dates in Europe/Berlin, and
// escaping of every text that goes into the markup.

const numbers = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const percents = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat('de-DE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Berlin',
});

/** "1.234", "12,5"; a percentage 0–100 as "72,5 %". */
export function formatValue(value: number, format: 'number' | 'percent'): string {
  return format === 'percent' ? percents.format(value / 100) : numbers.format(value);
}

/** "3. März 2026". */
export const formatDate = (date: Date): string => dates.format(date);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
