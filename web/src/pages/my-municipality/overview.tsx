import { Fragment, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { EVENT_STATUS, MODULE_KIND, label } from '../../labels.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors } from '../../ui/states.js';
import { count } from './common.js';
import type { Overview } from './types.js';

// The coordinator's overviews across all municipalities, one section each.

/** A table that scrolls sideways on small screens; a hidden caption where a heading already names it. */
function Table({
  caption,
  columns,
  children,
  captionHidden,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
  captionHidden?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="kern-table">
        <caption className={captionHidden ? 'visually-hidden' : 'kern-title'}>{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {columns.map((c) => (
              <th scope="col" className="kern-table__header" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/** Each cooperation's declarations, with the contact persons. */
export function OverviewParticipations({
  data,
  errors,
  retry,
}: {
  data: Overview;
  errors: ApiError[];
  retry: () => void;
}) {
  const cooperations = data.cooperations;
  return (
    <Section title="Teilnahmeerklärungen aller Kommunen" id="alle-teilnahmeerklaerungen">
      <Errors errors={errors} onRetry={retry} />
      {cooperations && cooperations.length === 0 ? <Empty>Im Welcome Hub gibt es keine Kooperation.</Empty> : null}
      {(cooperations ?? []).map((c) => (
        <Fragment key={c.slug}>
          <h3 className="kern-heading-small">{c.name}</h3>
          <p className="kern-body">
            {formatNumber(c.participations.length)} von {formatNumber(c.memberCount)} Mitgliedern und eingeladenen
            Kommunen {c.participations.length === 1 ? 'hat' : 'haben'} die Teilnahme erklärt.
          </p>
          {c.participations.length === 0 ? (
            <Empty>Noch keine Teilnahmeerklärung.</Empty>
          ) : (
            <Table
              caption={`Teilnahmeerklärungen: ${c.name}`}
              captionHidden
              columns={['Kommune', 'Erklärt am', 'Ansprechperson']}
            >
              {c.participations.map((p) => (
                <tr className="kern-table__row" key={p.id}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/kommunen/${p.municipality.ags}`}>{p.municipality.name}</Link>
                  </th>
                  <td className="kern-table__cell">{formatDate(p.declaredOn)}</td>
                  <td className="kern-table__cell">
                    {p.contact ? (
                      <>
                        {p.contact.name} ({p.contact.role}), <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Fragment>
      ))}
    </Section>
  );
}

/** The events by date with their registrations and free seats. */
export function OverviewEvents({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const events = data.events?.edges.map((e) => e.node) ?? null;
  return (
    <Section title="Veranstaltungen und Anmeldungen" id="alle-veranstaltungen">
      <Errors errors={errors} onRetry={retry} />
      {events && events.length === 0 ? <Empty>Im Welcome Hub gibt es keine Veranstaltungen.</Empty> : null}
      {events && events.length > 0 ? (
        <>
          {data.events && data.events.totalCount > events.length ? (
            <p className="kern-body">
              Die ersten {formatNumber(events.length)} von {formatNumber(data.events.totalCount)} Veranstaltungen.{' '}
              <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
            </p>
          ) : null}
          <Table
            caption="Alle Veranstaltungen nach Datum"
            columns={['Veranstaltung', 'Datum', 'Ausgerichtet von', 'Stand', 'Anmeldungen', 'Freie Plätze']}
          >
            {events.map((e) => {
              const registered = e.registrations.filter((r) => r.status === 'REGISTERED').length;
              const waiting = e.registrations.filter((r) => r.status === 'WAITLISTED').length;
              return (
                <tr className="kern-table__row" key={e.slug}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/veranstaltungen/${e.slug}`}>{e.title}</Link>
                  </th>
                  <td className="kern-table__cell">{e.date ? formatDate(e.date) : 'nicht bekannt'}</td>
                  <td className="kern-table__cell">
                    {e.host ? <Link href={`/kommunen/${e.host.ags}`}>{e.host.name}</Link> : null}
                    {e.host && e.organizer ? ', ' : null}
                    {e.organizer ? e.organizer.name : null}
                    {!e.host && !e.organizer ? 'nicht bekannt' : null}
                  </td>
                  <td className="kern-table__cell">{label(EVENT_STATUS, e.status)}</td>
                  <td className="kern-table__cell">
                    {count(registered, 'Kommune', 'Kommunen')} angemeldet
                    {waiting > 0 ? `, ${formatNumber(waiting)} auf der Warteliste` : ''}
                  </td>
                  <td className="kern-table__cell">
                    {e.capacity == null
                      ? 'ohne Begrenzung'
                      : `${formatNumber(e.seatsLeft ?? 0)} von ${formatNumber(e.capacity)}`}
                  </td>
                </tr>
              );
            })}
          </Table>
        </>
      ) : null}
    </Section>
  );
}

/** The modules and how many municipalities use them. */
export function OverviewModules({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const modules = data.modules?.edges.map((e) => e.node) ?? null;
  return (
    <Section title="Module und ihre Nutzung" id="alle-module">
      <Errors errors={errors} onRetry={retry} />
      {modules && modules.length === 0 ? <Empty>Im Welcome Hub gibt es keine Module.</Empty> : null}
      {modules && modules.length > 0 ? (
        <Table
          caption="Module mit der Zahl der Kommunen, die sie nutzen"
          columns={['Modul', 'Art', 'Im Einsatz bei', 'Übernahmen insgesamt']}
        >
          {modules.map((m) => (
            <tr className="kern-table__row" key={m.slug}>
              <th scope="row" className="kern-table__header">
                <Link href={`/module/${m.slug}`}>{m.title}</Link>
              </th>
              <td className="kern-table__cell">{label(MODULE_KIND, m.kind)}</td>
              <td className="kern-table__cell">{count(m.inUse, 'Kommune', 'Kommunen')}</td>
              <td className="kern-table__cell">{formatNumber(m.adoptionCount)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}

/** The Quick-Check's catalogue: areas and criteria, the required ones marked. */
export function OverviewCatalogue({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const areas = data.qualityAreas;
  return (
    <Section title="Quick-Check-Katalog" id="quick-check-katalog">
      <Errors errors={errors} onRetry={retry} />
      {areas && areas.length === 0 ? <Empty>Der Katalog hat noch keine Qualitätsbereiche.</Empty> : null}
      {areas && areas.length > 0 ? (
        <>
          <p className="kern-body">
            {count(areas.length, 'Qualitätsbereich', 'Qualitätsbereiche')} mit{' '}
            {count(
              areas.reduce((n, a) => n + a.criteria.length, 0),
              'Kriterium',
              'Kriterien',
            )}
            . <Link href="/quick-check">Zum Quick-Check</Link>
          </p>
          <ul className="kern-list catalogue">
            {areas.map((a) => (
              <li key={a.key}>
                <strong>{a.title}</strong> ({count(a.criteria.length, 'Kriterium', 'Kriterien')})
                <ul className="kern-list">
                  {a.criteria.map((c) => (
                    <li key={c.key}>
                      {c.title}
                      {c.required ? ' (Pflichtkriterium)' : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

/** Every unpublished practice, whoever it belongs to. */
export function OverviewDrafts({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const drafts = data.practices ? data.practices.edges.map((e) => e.node).filter((p) => p.draft) : null;
  return (
    <Section title="Entwürfe aller Kommunen" id="alle-entwuerfe">
      <Errors errors={errors} onRetry={retry} />
      {drafts && drafts.length === 0 ? (
        <Empty>Keine Kommune und keine Kooperation hat gerade einen Entwurf.</Empty>
      ) : null}
      {drafts && drafts.length > 0 ? (
        <Table
          caption="Entwürfe, die noch nicht veröffentlicht sind"
          columns={['Praxisbeispiel', 'Von', 'Zuletzt geändert']}
        >
          {drafts.map((p) => (
            <tr className="kern-table__row" key={p.slug}>
              <th scope="row" className="kern-table__header">
                <Link href={`/praxis/${p.slug}`}>{p.title}</Link>
              </th>
              <td className="kern-table__cell">
                {p.municipality ? (
                  <Link href={`/kommunen/${p.municipality.ags}`}>{p.municipality.name}</Link>
                ) : (
                  (p.cooperation?.name ?? 'nicht bekannt')
                )}
              </td>
              <td className="kern-table__cell">{formatDate(p.updatedAt, true)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}
