import type { Viewer } from '../../api/session.js';
import { CalendarHelp, FeedLink, feedUrl } from '../events.js';
import type { Ev } from './common.js';
import { eventIcs } from './ics.js';

/**
 * The event for calendars: a file with this one date, and the feeds to subscribe to (its
 * series, organizer, host, the viewer's municipalities, all events).
 */
export function CalendarLinks({ ev, viewer }: { ev: Ev; viewer: Viewer | null }) {
  const pageUrl = feedUrl(`/veranstaltungen/${ev.slug}`);
  const ics = eventIcs(ev, pageUrl);
  const own = (viewer?.municipalities ?? []).filter((m) => m.ags !== ev.host?.ags);
  return (
    <>
      {ics ? (
        <p className="kern-body">
          <a
            href={`data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`}
            download={`${ev.slug}.ics`}
            className="ics-download"
          >
            Termin in den eigenen Kalender übernehmen (.ics-Datei)
          </a>
          <br />
          <span className="kern-body--small">
            Die Datei trägt diesen einen Termin ein; spätere Änderungen erreichen Sie über ein Abonnement.
          </span>
        </p>
      ) : (
        <p className="kern-body">
          Ohne bekanntes Datum lässt sich diese Veranstaltung nicht in einen Kalender übernehmen.
        </p>
      )}
      <h3 className="kern-heading-small">Kalender abonnieren</h3>
      <CalendarHelp />
      <ul className="kern-list feeds">
        {ev.series ? (
          <FeedLink
            url={feedUrl('/calendar/events.ics', { series: ev.series.slug })}
            detail="Alle Termine der Reihe, auch künftige."
          >
            Reihe „{ev.series.name}“ abonnieren
          </FeedLink>
        ) : null}
        {ev.organizer ? (
          <FeedLink url={feedUrl('/calendar/events.ics', { organizer: ev.organizer.slug })}>
            Veranstaltungen von „{ev.organizer.name}“ abonnieren
          </FeedLink>
        ) : null}
        {ev.host ? (
          <FeedLink
            url={feedUrl(`/calendar/municipalities/${ev.host.ags}.ics`)}
            detail={`Was ${ev.host.name} ausrichtet und wofür ${ev.host.name} angemeldet ist.`}
          >
            Veranstaltungen von {ev.host.name} abonnieren
          </FeedLink>
        ) : null}
        {own.map((m) => (
          <FeedLink
            key={m.ags}
            url={feedUrl(`/calendar/municipalities/${m.ags}.ics`)}
            detail={`Mit allen Veranstaltungen, für die ${m.name} angemeldet ist.`}
          >
            Veranstaltungen Ihrer Kommune {m.name} abonnieren
          </FeedLink>
        ))}
        <FeedLink url={feedUrl('/calendar/events.ics')}>Alle Veranstaltungen des Welcome Hub abonnieren</FeedLink>
      </ul>
    </>
  );
}
