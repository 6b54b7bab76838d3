import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler, Orm } from '@welcome-hub/kit';
import { RegionCode } from '@welcome-hub/kit';
import { EventEntity, RegistrationEntity } from '../event/event.entity.js';
import { EVENT_ORDER, eventConditions } from '../event/event.service.js';
import { EventKind, type EventFilter } from '../event/event.type.js';
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
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return `${key} must be a slug`;
      filter[key] = value;
    }
  }
  return filter;
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
        const events = await em.find(EventEntity, { $and: eventConditions(filter) } as never, { orderBy: EVENT_ORDER });
        return send(res, 200, renderCalendar('Welcome Hub – Veranstaltungen', events), 'text/calendar; charset=utf-8');
      }
      const municipality = /^\/calendar\/municipalities\/(\d{8})\.ics$/.exec(url.pathname);
      if (municipality) {
        const ags = municipality[1];
        const registered = await em.find(RegistrationEntity, { municipalityAgs: ags, status: { $ne: 'CANCELLED' } });
        const events = await em.find(EventEntity, { $or: [{ hostAgs: ags }, { id: { $in: registered.map((r) => r.eventId) } }] }, { orderBy: EVENT_ORDER });
        return send(res, 200, renderCalendar(`Welcome Hub – Veranstaltungen ${ags}`, events), 'text/calendar; charset=utf-8');
      }
      return send(res, 404, 'No such calendar. Try /calendar/events.ics or /calendar/municipalities/<AGS>.ics.');
    },
  };
}
