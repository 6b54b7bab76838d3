import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler, Orm } from '@welcome-hub/kit';
import { RegionCode, isAgs, isSlug } from '@welcome-hub/kit';
import { EventKind, type EventFilter } from '../event/event.type.js';
import { feedEvents, municipalityFeedEvents } from './calendar.service.js';
import { renderCalendar } from './ical.js';

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'public, max-age=300' });
  res.end(body);
}

/** Feed filters from the query string; unknown values are a 400 naming the parameter. */
function filterFrom(params: URLSearchParams): EventFilter | string {
  const filter: EventFilter = {};
  const region = params.get('region');
  if (region !== null) {
    if (!(region in RegionCode)) return `region must be one of ${Object.keys(RegionCode).join(', ')}`;
    filter.region = region as RegionCode;
  }
  const kind = params.get('kind');
  if (kind !== null) {
    if (!(kind in EventKind)) return `kind must be one of ${Object.keys(EventKind).join(', ')}`;
    filter.kind = kind as EventKind;
  }
  for (const key of ['series', 'organizer'] as const) {
    const value = params.get(key);
    if (value !== null) {
      if (!isSlug(value)) return `${key} must be a slug`;
      filter[key] = value;
    }
  }
  return filter;
}

/** The AGS of a /calendar/municipalities/<ags>.ics path, or undefined for any other path (then 404). */
function municipalityFeedAgs(pathname: string): string | undefined {
  const name = /^\/calendar\/municipalities\/([^/]+)\.ics$/.exec(pathname)?.[1];
  return isAgs(name) ? name : undefined;
}

/**
 * iCalendar feeds (RFC 5545): /calendar/events.ics?region=&kind=&series=&organizer= for
 * all events, /calendar/municipalities/<ags>.ics for those a municipality hosts or has
 * registered for.
 */
export function calendarRoutes(orm: Orm): Record<string, Handler> {
  return {
    '/calendar/': async (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Only GET.');
      const url = new URL(req.url ?? '/', 'http://hub');
      const em = orm.em.fork();
      if (url.pathname === '/calendar/events.ics') {
        const filter = filterFrom(url.searchParams);
        if (typeof filter === 'string') return send(res, 400, `Bad feed filter: ${filter}.`);
        const events = await feedEvents(em, filter);
        return send(res, 200, renderCalendar('Welcome Hub – Veranstaltungen', events), 'text/calendar; charset=utf-8');
      }
      const ags = municipalityFeedAgs(url.pathname);
      if (ags !== undefined) {
        const events = await municipalityFeedEvents(em, ags);
        return send(
          res,
          200,
          renderCalendar(`Welcome Hub – Veranstaltungen ${ags}`, events),
          'text/calendar; charset=utf-8',
        );
      }
      return send(res, 404, 'No such calendar. Try /calendar/events.ics or /calendar/municipalities/<AGS>.ics.');
    },
  };
}
