import { EVENT_KIND, label } from '../../labels.js';
import { isDateOnly } from '../../ui/dates.js';
import type { Ev } from './common.js';

// The event as an iCalendar file, built in the browser (a data: link, no request to the hub).

// RFC 5545 text: escaped, folded at 75 octets, CRLF line ends (as the hub's feeds).
const icsText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const encoder = new TextEncoder();
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
const icsUtc = (value: string | Date) =>
  new Date(value)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const icsDay = (day: string) => day.replace(/-/g, '');
const icsNextDay = (day: string) =>
  icsDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));

/** The event as an iCalendar file (the same UID as in the hub's feeds, so calendars do not show it twice); null without a day. */
export function eventIcs(ev: Ev, pageUrl: string): string | null {
  const start = ev.startsAt ?? ev.date;
  if (!start) return null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Welcome Hub//Veranstaltungen//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${ev.id}@welcome-hub`,
    `DTSTAMP:${icsUtc(new Date())}`,
  ];
  if (isDateOnly(start)) {
    const end = ev.endsAt && isDateOnly(ev.endsAt) && ev.endsAt > start ? ev.endsAt : start;
    lines.push(`DTSTART;VALUE=DATE:${icsDay(start)}`, `DTEND;VALUE=DATE:${icsNextDay(end)}`);
  } else {
    lines.push(`DTSTART:${icsUtc(start)}`);
    if (ev.endsAt && !isDateOnly(ev.endsAt)) lines.push(`DTEND:${icsUtc(ev.endsAt)}`);
  }
  lines.push(`SUMMARY:${icsText(ev.title)}`, `CATEGORIES:${icsText(label(EVENT_KIND, ev.kind))}`);
  const location = [ev.venue?.name, ev.venue?.address].filter(Boolean).join(', ');
  if (location) lines.push(`LOCATION:${icsText(location)}`);
  lines.push(
    `DESCRIPTION:${icsText([ev.description, `Im Welcome Hub: ${pageUrl}`].filter(Boolean).join('\n\n'))}`,
    `URL:${pageUrl}`,
  );
  lines.push(`STATUS:${ev.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
