import { Link } from 'wouter';
import type { ApiError } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { REGISTRATION_STATUS, label } from '../../labels.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors } from '../../ui/states.js';
import type { Workspace } from './types.js';

/** The municipality's registrations for events, with their state (registered, waiting, cancelled). */
export function Registrations({
  name,
  municipality,
  errors,
  retry,
}: {
  name: string;
  municipality: Workspace | null;
  errors: ApiError[];
  retry: () => void;
}) {
  const registrations = municipality?.registrations ?? null;
  return (
    <Section title="Anmeldungen zu Veranstaltungen" id="anmeldungen">
      <Errors errors={errors} onRetry={retry} />
      {registrations && registrations.length === 0 ? (
        <Empty>
          {name} ist zu keiner Veranstaltung angemeldet. <Link href="/veranstaltungen">Veranstaltungen ansehen</Link>
        </Empty>
      ) : null}
      {registrations && registrations.length > 0 ? (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Anmeldungen von {name}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Veranstaltung
                </th>
                <th scope="col" className="kern-table__header">
                  Datum
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Teilnehmende
                </th>
                <th scope="col" className="kern-table__header">
                  Stand der Anmeldung
                </th>
                <th scope="col" className="kern-table__header">
                  Angemeldet am
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {registrations.map((r) => (
                <tr className="kern-table__row" key={r.id}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/veranstaltungen/${r.event.slug}`}>{r.event.title}</Link>
                    {r.event.status === 'CANCELLED' ? ' (abgesagt)' : ''}
                  </th>
                  <td className="kern-table__cell">
                    {r.event.date ? formatDate(r.event.date) : 'Datum nicht bekannt'}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatNumber(r.participants)}
                    {r.names && r.names.length > 0 ? (
                      <span className="kern-body--small"> ({r.names.join(', ')})</span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">{label(REGISTRATION_STATUS, r.status)}</td>
                  <td className="kern-table__cell">{formatDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
