import { Link } from 'wouter';
import type { MunicipalityProfileQuery } from '../../../generated/graphql.js';
import type { ApiError } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { ADOPTION_STATUS, EVENT_STATUS, label } from '../../labels.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors } from '../../ui/states.js';

type Profile = NonNullable<MunicipalityProfileQuery['municipality']>;

// The profile's sections of what the municipality does on the hub: practices (its own and
// adapted), modules in use, events hosted. Each shows its own error when its subgraph fails.
export function Practices({
  municipality: m,
  errors,
  retry,
}: {
  municipality: Profile;
  errors: ApiError[];
  retry: () => void;
}) {
  const practices = m.practices?.edges.map((e) => e.node) ?? [];
  const total = m.practices?.totalCount ?? 0;
  return (
    <Section title="Praxisbeispiele" id="praxisbeispiele">
      <Errors errors={errors} onRetry={retry} />
      {m.practices && practices.length === 0 ? (
        <Empty>Von {m.name} gibt es noch keine Praxisbeispiele im Welcome Hub.</Empty>
      ) : null}
      {practices.length > 0 ? (
        <>
          {total > practices.length ? (
            <p className="kern-body">
              Die ersten {formatNumber(practices.length)} von {formatNumber(total)} Praxisbeispielen.
            </p>
          ) : null}
          <ul className="entries">
            {practices.map((p) => (
              <li key={p.slug} className="kern-card">
                <div className="kern-card__container">
                  <h3 className="kern-heading-small entry__title">
                    <Link href={`/praxis/${p.slug}`}>{p.title}</Link>
                  </h3>
                  <p className="kern-body">{p.summary}</p>
                  {p.reuseCount > 0 ? (
                    <p className="kern-body kern-body--muted entry__meta">
                      {p.reuseCount === 1 ? 'Einmal' : `${formatNumber(p.reuseCount)}-mal`} von anderen übernommen
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

export function AdaptedPractices({
  municipality: m,
  errors,
  retry,
}: {
  municipality: Profile;
  errors: ApiError[];
  retry: () => void;
}) {
  const adapted = m.adaptedPractices ?? [];
  return (
    <Section title="Übernommene Praxisbeispiele" id="uebernommen">
      <Errors errors={errors} onRetry={retry} />
      {m.adaptedPractices && adapted.length === 0 ? (
        <Empty>{m.name} hat noch kein Praxisbeispiel einer anderen Kommune übernommen.</Empty>
      ) : null}
      {adapted.length > 0 ? (
        <ul className="kern-list">
          {adapted.map((p) => (
            <li key={p.slug}>
              <Link href={`/praxis/${p.slug}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

export function Modules({
  municipality: m,
  errors,
  retry,
}: {
  municipality: Profile;
  errors: ApiError[];
  retry: () => void;
}) {
  const modules = m.modules ?? [];
  return (
    <Section title="Module" id="module">
      <Errors errors={errors} onRetry={retry} />
      {m.modules && modules.length === 0 ? (
        <Empty>{m.name} hat noch kein Modul der Kooperationen übernommen.</Empty>
      ) : null}
      {modules.length > 0 ? (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Module, die {m.name} nutzt oder plant</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Modul
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {modules.map((a) => (
                <tr className="kern-table__row" key={a.module.slug}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/module/${a.module.slug}`}>{a.module.title}</Link>
                  </th>
                  <td className="kern-table__cell">{label(ADOPTION_STATUS, a.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}

export function HostedEvents({
  municipality: m,
  errors,
  retry,
}: {
  municipality: Profile;
  errors: ApiError[];
  retry: () => void;
}) {
  const events = m.hostedEvents ?? [];
  return (
    <Section title="Veranstaltungen" id="veranstaltungen">
      <Errors errors={errors} onRetry={retry} />
      {m.hostedEvents && events.length === 0 ? (
        <Empty>
          {m.name} richtet keine Veranstaltung im Welcome Hub aus.{' '}
          <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
        </Empty>
      ) : null}
      {events.length > 0 ? (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Veranstaltungen, die {m.name} ausrichtet</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Veranstaltung
                </th>
                <th scope="col" className="kern-table__header">
                  Datum
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {events.map((e) => (
                <tr className="kern-table__row" key={e.slug}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/veranstaltungen/${e.slug}`}>{e.title}</Link>
                  </th>
                  <td className="kern-table__cell">{e.date ? formatDate(e.date) : 'Datum nicht bekannt'}</td>
                  <td className="kern-table__cell">{label(EVENT_STATUS, e.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
