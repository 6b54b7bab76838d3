import { type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { Events } from '../../generated/operations.js';
import type { EventKind, EventTime, EventsQuery, EventsQueryVariables } from '../../generated/graphql.js';
import { request, useQuery } from '../api/client.js';
import { formatDate, formatNumber } from '../format.js';
import { EVENT_KIND, label } from '../labels.js';
import { berlinDay, isDateOnly } from '../ui/dates.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, Loading } from '../ui/states.js';
import { LoadMore, usePaging } from '../ui/paging.js';
import './events.css';

// The event list (/veranstaltungen) and what the event and series pages share with it:
// German dates and times, the facts of an event card, seats, and the calendar feeds.

/** How many events one page of a list shows; "Weitere laden" asks for the next ones. */
export const PAGE_SIZE = 20;

/** The fields an event card shows (the Events and SeriesEvents operations both have them). */
export interface EventSummary {
  slug: string;
  title: string;
  kind: EventKind;
  status: string;
  date: string | null;
  startsAt: string | null;
  endsAt: string | null;
  seatsLeft: number | null;
  registrationDeadline: string | null;
  seriesNumber?: number | null;
  venue: { name: string } | null;
  series: { slug: string; name: string } | null;
  host: { ags: string; name: string } | null;
  organizer: { slug: string; name: string } | null;
}

// ---------------------------------------------------------------------------------------
// Dates and times (Europe/Berlin)

const BERLIN = 'Europe/Berlin';
const weekdayDates = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: BERLIN,
});
const times = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: BERLIN });

const asDate = (value: string) => new Date(isDateOnly(value) ? `${value}T12:00:00Z` : value);

/**
 * When an event takes place, in German: "Montag, 4. Februar 2019", "Montag, 1. März 2027,
 * 14:00 bis 17:00 Uhr", or null when the sources give no day.
 */
export function formatWhen(event: {
  startsAt: string | null;
  endsAt: string | null;
  date: string | null;
}): string | null {
  const start = event.startsAt ?? event.date;
  if (!start) return null;
  const end = event.endsAt;
  const startDay = weekdayDates.format(asDate(start));
  if (isDateOnly(start)) {
    if (end && berlinDay(end) !== start) return `${startDay} bis ${weekdayDates.format(asDate(end))}`;
    return startDay;
  }
  const startTime = times.format(new Date(start));
  if (!end) return `${startDay}, ${startTime} Uhr`;
  if (isDateOnly(end))
    return end === berlinDay(start)
      ? `${startDay}, ${startTime} Uhr`
      : `${startDay}, ${startTime} Uhr bis ${weekdayDates.format(asDate(end))}`;
  const endTime = times.format(new Date(end));
  if (berlinDay(end) === berlinDay(start)) return `${startDay}, ${startTime} bis ${endTime} Uhr`;
  return `${startDay}, ${startTime} Uhr bis ${weekdayDates.format(asDate(end))}, ${endTime} Uhr`;
}

/** True once the registration deadline has passed. */
export const deadlinePassed = (deadline: string | null): boolean =>
  deadline !== null && new Date(deadline).getTime() < Date.now();

/** Seats in words: "noch 3 Plätze frei", "ausgebucht – Anmeldungen kommen auf die Warteliste", "ohne Begrenzung". */
export function seatsText(seatsLeft: number | null): string {
  if (seatsLeft === null) return 'ohne Begrenzung';
  if (seatsLeft <= 0) return 'ausgebucht – neue Anmeldungen kommen auf die Warteliste';
  return seatsLeft === 1 ? 'noch 1 Platz frei' : `noch ${formatNumber(seatsLeft)} Plätze frei`;
}

// ---------------------------------------------------------------------------------------
// Calendar feeds (RFC 5545, served by the hub under /calendar/)

/** The absolute https address of a feed of the hub, e.g. /calendar/events.ics?series=… */
export function feedUrl(path: string, params: Record<string, string | null | undefined> = {}): string {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.href;
}

/** A feed to subscribe to: a plain link (downloads the file) and the address to paste into a calendar app. */
export function FeedLink({ url, children, detail }: { url: string; children: ReactNode; detail?: ReactNode }) {
  return (
    <li className="feed">
      <a href={url} className="feed__link">
        {children}
      </a>
      {detail ? <span className="kern-body feed__detail">{detail}</span> : null}
      <span className="kern-body kern-body--small feed__address">
        Adresse zum Abonnieren: <code>{url}</code>
      </span>
    </li>
  );
}

/** What a calendar subscription is and how to add one, in two sentences. */
export function CalendarHelp() {
  return (
    <p className="kern-body calendar-help">
      Ein Abonnement hält Ihren Kalender aktuell: Kopieren Sie die Adresse und fügen Sie sie in Ihrem Kalenderprogramm
      als Internetkalender hinzu (zum Beispiel in Outlook unter „Kalender hinzufügen“ → „Aus dem Internet abonnieren“,
      im Apple-Kalender unter „Ablage“ → „Neues Kalenderabonnement“). Neue Termine und Änderungen, auch Absagen,
      erscheinen dann von selbst. Ein Klick auf den Link lädt die Kalenderdatei einmalig herunter.
    </p>
  );
}

// ---------------------------------------------------------------------------------------
// Event cards

/** A badge with its word: the status never shows by colour alone. */
export function Badge({ tone, children }: { tone: 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return (
    <span className={`kern-badge kern-badge--${tone} kern-badge--small`}>
      <span className="kern-label">{children}</span>
    </span>
  );
}

/** The facts of one event in a list: date, kind, host or organizer, venue, seats, deadline, series. */
export function EventCard({
  event,
  showSeats,
  inSeries = false,
  headingLevel = 3,
}: {
  event: EventSummary;
  showSeats: boolean;
  inSeries?: boolean;
  headingLevel?: 3 | 4;
}) {
  const when = formatWhen(event);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const open = event.status === 'PLANNED';
  const number = event.seriesNumber != null && event.series ? `${event.seriesNumber}. ${event.series.name}` : null;
  return (
    <li className="kern-card event-card">
      <div className="kern-card__container">
        <p className="kern-body kern-body--muted event-card__kind">
          {label(EVENT_KIND, event.kind)}
          {number ? ` · ${number}` : ''}
        </p>
        <Heading className="kern-heading-small event-card__title">
          <Link href={`/veranstaltungen/${event.slug}`}>{event.title}</Link>
        </Heading>
        {event.status === 'CANCELLED' ? (
          <p className="event-card__badges">
            <Badge tone="danger">abgesagt</Badge>
          </p>
        ) : null}
        <dl className="facts event-card__facts">
          <dt>Termin</dt>
          <dd>{when ?? 'in den Quellen nicht angegeben'}</dd>
          {event.venue ? (
            <>
              <dt>Ort</dt>
              <dd>{event.venue.name}</dd>
            </>
          ) : null}
          {event.host ? (
            <>
              <dt>Gastgeber</dt>
              <dd>
                <Link href={`/kommunen/${event.host.ags}`}>{event.host.name}</Link>
              </dd>
            </>
          ) : null}
          {event.organizer ? (
            <>
              <dt>Veranstalter</dt>
              <dd>{event.organizer.name}</dd>
            </>
          ) : null}
          {showSeats && open ? (
            <>
              <dt>Plätze</dt>
              <dd>{seatsText(event.seatsLeft)}</dd>
            </>
          ) : null}
          {showSeats && open && event.registrationDeadline ? (
            <>
              <dt>Anmeldeschluss</dt>
              <dd>
                {formatDate(event.registrationDeadline, true)}
                {deadlinePassed(event.registrationDeadline) ? ' (vorbei)' : ''}
              </dd>
            </>
          ) : null}
          {event.series && !inSeries ? (
            <>
              <dt>Reihe</dt>
              <dd>
                <Link href={`/veranstaltungen/reihen/${event.series.slug}`}>{event.series.name}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </div>
    </li>
  );
}

// ---------------------------------------------------------------------------------------
// Paging: the first page through useQuery (cached for the back button), more on request

const TIMES: { value: EventTime; param: string | null; title: string }[] = [
  { value: 'UPCOMING', param: null, title: 'Anstehende Veranstaltungen' },
  { value: 'PAST', param: 'vergangen', title: 'Vergangene Veranstaltungen' },
];

export function EventsPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const time = TIMES.find((t) => t.param === params.get('zeit')) ?? TIMES[0];
  const kindParam = params.get('art');
  const kind = kindParam && kindParam in EVENT_KIND ? (kindParam as EventKind) : null;

  const hrefWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const search = next.toString();
    return `/veranstaltungen${search ? `?${search}` : ''}`;
  };

  return (
    <Page
      title="Veranstaltungen"
      lead="Runde Tische, Foren, Konferenzen, Neubürger-Empfänge und Workshops der Kooperationen und Kommunen in Südwestfalen und im Ruhrgebiet."
    >
      <nav aria-label="Zeitraum" className="event-tabs">
        <ul>
          {TIMES.map((t) => (
            <li key={t.value}>
              <Link
                href={hrefWith({ zeit: t.param })}
                aria-current={t.value === time.value ? 'page' : undefined}
                className="event-tabs__link"
              >
                {t.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="kern-form-input event-filter">
        <label className="kern-label" htmlFor="veranstaltungen-art">
          Art der Veranstaltung
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            id="veranstaltungen-art"
            className="kern-form-input__select"
            value={kind ?? ''}
            onChange={(event) => navigate(hrefWith({ art: event.target.value || null }))}
          >
            <option value="">alle Arten</option>
            {Object.entries(EVENT_KIND).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Section title={time.title} id="liste">
        <EventList
          key={`${time.value}-${kind ?? ''}`}
          time={time.value}
          kind={kind}
          pastHref={hrefWith({ zeit: 'vergangen' })}
        />
      </Section>
      <Section title="Im Kalender abonnieren" id="kalender">
        <CalendarHelp />
        <ul className="kern-list feeds">
          <FeedLink
            url={feedUrl('/calendar/events.ics', { kind })}
            detail={kind ? `Nur ${label(EVENT_KIND, kind)}-Termine.` : 'Alle Termine mit bekanntem Datum.'}
          >
            {kind
              ? `Veranstaltungen der Art „${label(EVENT_KIND, kind)}“ abonnieren`
              : 'Alle Veranstaltungen abonnieren'}
          </FeedLink>
          <FeedLink url={feedUrl('/calendar/events.ics', { region: 'SUEDWESTFALEN', kind })}>
            Veranstaltungen in Südwestfalen abonnieren
          </FeedLink>
          <FeedLink url={feedUrl('/calendar/events.ics', { region: 'RUHR', kind })}>
            Veranstaltungen im Ruhrgebiet abonnieren
          </FeedLink>
        </ul>
      </Section>
    </Page>
  );
}

function EventList({ time, kind, pastHref }: { time: EventTime; kind: EventKind | null; pastHref: string }) {
  const filter: NonNullable<EventsQueryVariables['filter']> = { time, ...(kind ? { kind } : {}) };
  const first = useQuery(Events, { filter, first: PAGE_SIZE, after: null });
  const connection = first.data?.events ?? null;
  const paging = usePaging<EventsQuery_Node>(connection, async (after) => {
    const answer = await request(Events, { filter, first: PAGE_SIZE, after });
    return { connection: answer.data?.events ?? null, errors: answer.errors };
  });

  if (first.loading && !first.data) return <Loading what="Veranstaltungen" />;
  if (!connection) {
    return <Errors errors={first.errors.length ? first.errors : [{ message: 'no data' }]} onRetry={first.refetch} />;
  }
  const upcoming = time === 'UPCOMING';
  return (
    <>
      <Errors errors={first.errors} onRetry={first.refetch} />
      {connection.totalCount === 0 ? (
        <Empty>
          {upcoming ? (
            <>
              {kind
                ? `Zurzeit ist keine Veranstaltung der Art „${label(EVENT_KIND, kind)}“ angekündigt.`
                : 'Zurzeit sind keine Veranstaltungen angekündigt.'}{' '}
              <Link href={pastHref}>Vergangene Veranstaltungen ansehen</Link>
            </>
          ) : kind ? (
            `Keine vergangene Veranstaltung der Art „${label(EVENT_KIND, kind)}“.`
          ) : (
            'Keine vergangenen Veranstaltungen.'
          )}
        </Empty>
      ) : (
        <ol className="event-list" ref={paging.listRef} aria-busy={first.loading || paging.loading}>
          {paging.nodes.map((event) => (
            <EventCard key={event.slug} event={event} showSeats={upcoming} />
          ))}
        </ol>
      )}
      <LoadMore
        shown={paging.nodes.length}
        total={connection.totalCount}
        hasNext={Boolean(paging.pageInfo?.hasNextPage)}
        loading={paging.loading}
        errors={paging.errors}
        onMore={paging.loadMore}
      />
    </>
  );
}

type EventsQuery_Node = NonNullable<EventsQuery['events']>['edges'][number]['node'];
