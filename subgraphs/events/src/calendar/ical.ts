import type { EventRow } from '../event/event.entity.js';
import { EVENT_KIND_LABELS, type EventKind } from '../event/event.type.js';

// RFC 5545 text: escape, fold at 75 octets, CRLF line ends.
const escapeText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never split a UTF-8 sequence: back up to a lead byte.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

const LOCAL = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment as Europe/Berlin local time, e.g. 20190204T140000. */
function berlinLocal(moment: Date): string {
  const p = Object.fromEntries(LOCAL.formatToParts(moment).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

const utc = (moment: Date) =>
  moment
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

// Europe/Berlin since 1996: CEST from the last Sunday of March, CET from the last Sunday of October.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * A calendar of dated events. Events the sources give no date for cannot be placed in a
 * calendar and are left out. UIDs are the event ids, stable across feeds and edits.
 */
export function renderCalendar(name: string, events: EventRow[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Welcome Hub//Veranstaltungen//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    ...VTIMEZONE,
  ];
  for (const event of events) {
    if (!event.date) continue;
    lines.push('BEGIN:VEVENT', `UID:${event.id}@welcome-hub`, `DTSTAMP:${utc(event.updatedAt)}`);
    if (event.startsAt) {
      lines.push(`DTSTART;TZID=Europe/Berlin:${berlinLocal(event.startsAt)}`);
      if (event.endsAt) lines.push(`DTEND;TZID=Europe/Berlin:${berlinLocal(event.endsAt)}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${event.date.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${nextDay(event.date)}`);
    }
    lines.push(
      `SUMMARY:${escapeText(event.title)}`,
      `CATEGORIES:${escapeText(EVENT_KIND_LABELS[event.kind as EventKind])}`,
    );
    const location = [event.venueName, event.venueAddress].filter(Boolean).join(', ');
    if (location) lines.push(`LOCATION:${escapeText(location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.onlineUrl) lines.push(`URL:${event.onlineUrl}`);
    lines.push(`STATUS:${event.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
