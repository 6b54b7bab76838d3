import { Link } from 'wouter';
import { EventPage as EventPageQuery, EventRegistrations } from '../../generated/operations.js';
import { clearCache, useQuery } from '../api/client.js';
import { useSession } from '../api/session.js';
import { EVENT_KIND, label } from '../labels.js';
import { Page, Section } from '../ui/page.js';
import { Errors, isNotFound, Loading } from '../ui/states.js';
import { CalendarLinks } from './event/calendar-links.js';
import type { Ev } from './event/common.js';
import { EventFacts } from './event/facts.js';
import { RegistrationArea } from './event/registration-area.js';
import { formatWhen } from './events.js';
import './events.css';

// An event's page: facts, texts, registration and cancellation, calendar links. The parts
// live in ./event/.

export function EventPage({ slug }: { slug: string }) {
  const session = useSession();
  const event = useQuery(EventPageQuery, { slug });
  // Signed in: read the registrations fresh (POST); signed out: the cacheable GET.
  const registrations = useQuery(EventRegistrations, { slug }, { skip: session.loading });

  if (event.loading && !event.data) {
    return (
      <Page title="Veranstaltung">
        <Loading what="Angaben zur Veranstaltung" />
      </Page>
    );
  }
  const notFound =
    isNotFound(event.errors) || (event.data !== null && event.data.event === null && event.errors.length === 0);
  if (notFound) {
    return (
      <Page title="Veranstaltung nicht gefunden">
        <p className="kern-body">
          Eine Veranstaltung mit der Adresse „{slug}“ gibt es im Welcome Hub nicht (mehr).{' '}
          <Link href="/veranstaltungen">Alle Veranstaltungen ansehen</Link>
        </p>
      </Page>
    );
  }
  const ev = event.data?.event;
  if (!ev) {
    return (
      <Page title="Veranstaltung">
        <Errors errors={event.errors.length ? event.errors : [{ message: 'no data' }]} onRetry={event.refetch} />
        <p className="kern-body">
          <Link href="/veranstaltungen">Zur Übersicht der Veranstaltungen</Link>
        </p>
      </Page>
    );
  }

  const live = registrations.data?.event ?? null;
  const refresh = () => {
    clearCache();
    event.refetch();
    registrations.refetch();
  };
  const showRegistration = ev.status === 'PLANNED' || (live?.registrations.length ?? 0) > 0;
  return (
    <Page title={ev.title} lead={lead(ev)}>
      <Errors errors={event.errors} onRetry={event.refetch} />
      {ev.status === 'CANCELLED' ? (
        <div className="kern-alert kern-alert--warning event-cancelled">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title">Diese Veranstaltung ist abgesagt.</span>
          </div>
        </div>
      ) : null}
      <Section title="Auf einen Blick" id="ueberblick">
        <EventFacts ev={ev} live={live} />
      </Section>
      {ev.description ? (
        <Section title="Beschreibung" id="beschreibung">
          <p className="kern-body event-text">{ev.description}</p>
        </Section>
      ) : null}
      {ev.agenda ? (
        <Section title="Programm" id="programm">
          <p className="kern-body event-text">{ev.agenda}</p>
        </Section>
      ) : null}
      {ev.outcomes ? (
        <Section title="Ergebnisse" id="ergebnisse">
          <p className="kern-body event-text">{ev.outcomes}</p>
        </Section>
      ) : null}
      {showRegistration ? (
        <RegistrationArea
          slug={slug}
          ev={ev}
          live={live}
          loading={registrations.loading && !registrations.data}
          errors={registrations.errors}
          retry={registrations.refetch}
          refresh={refresh}
        />
      ) : null}
      <Section title="Im Kalender" id="kalender">
        <CalendarLinks ev={ev} viewer={session.viewer} />
      </Section>
      {ev.source ? <p className="kern-body kern-body--small event-source">Quelle: {ev.source}</p> : null}
      <p className="kern-body">
        <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
      </p>
    </Page>
  );
}

/** The lead under the title: kind (and place in its series), then when. */
function lead(ev: Ev): string {
  const when = formatWhen(ev);
  const kind =
    ev.seriesNumber != null && ev.series
      ? `${label(EVENT_KIND, ev.kind)} · ${ev.seriesNumber}. ${ev.series.name}`
      : label(EVENT_KIND, ev.kind);
  return when ? `${kind} · ${when}` : kind;
}
