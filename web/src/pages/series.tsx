import { Link } from 'wouter';
import { SeriesEvents } from '../../generated/operations.js';
import type { SeriesEventsQuery } from '../../generated/graphql.js';
import { request, useQuery } from '../api/client.js';
import { formatNumber } from '../format.js';
import { berlinDay, todayInBerlin } from '../ui/dates.js';
import { Page, Section } from '../ui/page.js';
import { Errors, isNotFound, Loading } from '../ui/states.js';
import { LoadMore, usePaging } from '../ui/paging.js';
import { CalendarHelp, EventCard, FeedLink, feedUrl } from './events.js';
import './events.css';

type Node = NonNullable<SeriesEventsQuery['events']>['edges'][number]['node'];

/** A series has at most a few dozen events: one page usually shows all of them. */
const SERIES_PAGE_SIZE = 50;

export function SeriesPage({ slug }: { slug: string }) {
  const first = useQuery(SeriesEvents, { series: slug, first: SERIES_PAGE_SIZE, after: null });
  const connection = first.data?.events ?? null;
  const paging = usePaging<Node>(connection, async (after) => {
    const answer = await request(SeriesEvents, { series: slug, first: SERIES_PAGE_SIZE, after });
    return { connection: answer.data?.events ?? null, errors: answer.errors };
  });

  if (first.loading && !first.data) {
    return (
      <Page title="Veranstaltungsreihe">
        <Loading what="Veranstaltungen der Reihe" />
      </Page>
    );
  }
  const notFound =
    isNotFound(first.errors) || (connection !== null && connection.totalCount === 0 && first.errors.length === 0);
  if (notFound) {
    return (
      <Page title="Veranstaltungsreihe nicht gefunden">
        <p className="kern-body">
          Eine Veranstaltungsreihe mit der Adresse „{slug}“ gibt es im Welcome Hub nicht (mehr).{' '}
          <Link href="/veranstaltungen">Alle Veranstaltungen ansehen</Link>
        </p>
      </Page>
    );
  }
  if (!connection) {
    return (
      <Page title="Veranstaltungsreihe">
        <Errors errors={first.errors.length ? first.errors : [{ message: 'no data' }]} onRetry={first.refetch} />
        <p className="kern-body">
          <Link href="/veranstaltungen">Zur Übersicht der Veranstaltungen</Link>
        </p>
      </Page>
    );
  }

  const name = paging.nodes.find((e) => e.series)?.series?.name ?? slug;
  const now = todayInBerlin();
  const upcoming = paging.nodes.filter(
    (e) => e.status === 'PLANNED' && (e.startsAt ?? e.date) !== null && berlinDay((e.startsAt ?? e.date)!) >= now,
  );
  const next = upcoming[0] ?? null;
  return (
    <Page
      title={name}
      lead={`Veranstaltungsreihe mit ${connection.totalCount === 1 ? 'einem Termin' : `${formatNumber(connection.totalCount)} Terminen`}, in der Reihenfolge der Reihe.`}
    >
      <Errors errors={first.errors} onRetry={first.refetch} />
      {next ? (
        <p className="kern-body series-next">
          Nächster Termin: <Link href={`/veranstaltungen/${next.slug}`}>{next.title}</Link>
        </p>
      ) : null}
      <Section title="Termine der Reihe" id="termine">
        <ol className="event-list" ref={paging.listRef} aria-busy={first.loading || paging.loading}>
          {paging.nodes.map((event) => (
            <EventCard key={event.slug} event={event} showSeats={upcoming.includes(event)} inSeries />
          ))}
        </ol>
        <LoadMore
          shown={paging.nodes.length}
          total={connection.totalCount}
          hasNext={Boolean(paging.pageInfo?.hasNextPage)}
          loading={paging.loading}
          errors={paging.errors}
          onMore={paging.loadMore}
          noun={['Termin', 'Termine']}
        />
      </Section>
      <Section title="Im Kalender abonnieren" id="kalender">
        <CalendarHelp />
        <ul className="kern-list feeds">
          <FeedLink
            url={feedUrl('/calendar/events.ics', { series: slug })}
            detail="Alle Termine der Reihe mit bekanntem Datum, auch künftige."
          >
            Reihe „{name}“ abonnieren
          </FeedLink>
        </ul>
      </Section>
      <p className="kern-body">
        <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
      </p>
    </Page>
  );
}
