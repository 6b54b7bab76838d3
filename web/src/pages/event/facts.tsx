import { Link } from 'wouter';
import { formatDate, formatNumber } from '../../format.js';
import { EVENT_KIND, EVENT_STATUS, label } from '../../labels.js';
import { Fact, Facts } from '../../ui/facts.js';
import { Licence } from '../../ui/licence.js';
import { Badge, deadlinePassed, formatWhen, seatsText } from '../events.js';
import type { Ev, Registrations } from './common.js';

/** Only http(s) addresses become links: the sources' text could hold any scheme, javascript: included. */
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * The event at a glance; where the registrations were read fresh (`live`), their seats,
 * deadline and status win over the cacheable page answer.
 */
export function EventFacts({ ev, live }: { ev: Ev; live: Registrations | null }) {
  const when = formatWhen(ev);
  const capacity = live?.capacity ?? ev.capacity;
  const seatsLeft = live ? live.seatsLeft : ev.seatsLeft;
  const deadline = live?.registrationDeadline ?? ev.registrationDeadline;
  const status = live?.status ?? ev.status;
  const location = ev.venue?.location;
  return (
    <Facts className="event-facts">
      <Fact term="Art">{label(EVENT_KIND, ev.kind)}</Fact>
      <Fact term="Stand">
        <Badge tone={status === 'CANCELLED' ? 'danger' : status === 'HELD' ? 'info' : 'success'}>
          {label(EVENT_STATUS, status)}
        </Badge>
      </Fact>
      <Fact term="Termin">{when ?? 'in den Quellen nicht angegeben'}</Fact>
      {ev.venue ? (
        <Fact term="Ort">
          {ev.venue.name}
          {ev.venue.address ? (
            <>
              <br />
              {ev.venue.address}
            </>
          ) : null}
          {location ? (
            <>
              <br />
              <a
                href={`https://www.openstreetmap.org/?mlat=${location.lat}&mlon=${location.lon}#map=17/${location.lat}/${location.lon}`}
              >
                Ort auf OpenStreetMap zeigen
              </a>
            </>
          ) : null}
        </Fact>
      ) : null}
      {ev.onlineUrl && isWebUrl(ev.onlineUrl) ? (
        <Fact term="Online">
          <a href={ev.onlineUrl}>Online teilnehmen</a>
        </Fact>
      ) : null}
      {ev.host ? (
        <Fact term="Gastgeber">
          <Link href={`/kommunen/${ev.host.ags}`}>{ev.host.name}</Link>
        </Fact>
      ) : null}
      {ev.organizer || ev.organizerName ? (
        <Fact term="Veranstalter">{ev.organizer?.name ?? ev.organizerName}</Fact>
      ) : null}
      {ev.series ? (
        <Fact term="Reihe">
          <Link href={`/veranstaltungen/reihen/${ev.series.slug}`}>{ev.series.name}</Link>
          {ev.seriesNumber != null ? ` (${ev.seriesNumber}. Termin der Reihe)` : ''}
        </Fact>
      ) : null}
      {status === 'PLANNED' || capacity != null ? (
        <Fact term="Plätze">
          {capacity == null ? 'nicht begrenzt' : `${formatNumber(capacity)} insgesamt, ${seatsText(seatsLeft)}`}
        </Fact>
      ) : null}
      {deadline ? (
        <Fact term="Anmeldeschluss">
          {formatDate(deadline, true)}
          {deadlinePassed(deadline) ? ' (vorbei)' : ''}
        </Fact>
      ) : null}
      {ev.participantsCount != null ? <Fact term="Teilnehmende">{formatNumber(ev.participantsCount)}</Fact> : null}
      {ev.participationNote ? <Fact term="Teilnahme">{ev.participationNote}</Fact> : null}
      <Fact term="Lizenz der Beschreibung">
        <Licence code={ev.licence} />
      </Fact>
    </Facts>
  );
}
