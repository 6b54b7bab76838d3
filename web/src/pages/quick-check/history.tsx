import { Link } from 'wouter';
import { AssessmentHistory } from '../../../generated/operations.js';
import type { AssessmentHistoryQuery } from '../../../generated/graphql.js';
import { useQuery } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { LineChart } from '../../ui/chart.js';
import { formatPercent } from '../../ui/numbers.js';
import { Empty, Errors, Loading } from '../../ui/states.js';

type HistoryEntry = NonNullable<NonNullable<AssessmentHistoryQuery['municipality']>['assessments']>[number];

/** The chart's axis labels: "3.2.26", short enough for many assessments side by side. */
const shortDate = new Intl.DateTimeFormat('de-DE', {
  day: 'numeric',
  month: 'numeric',
  year: '2-digit',
  timeZone: 'Europe/Berlin',
});

/** The municipality's assessments over time: a chart with a table of the same values. */
export function History({ ags }: { ags: string }) {
  const history = useQuery(AssessmentHistory, { ags });
  const municipality = history.data?.municipality ?? null;
  const entries = municipality?.assessments ?? null;

  if (history.loading && !history.data) return <Loading what="Die bisherigen Ergebnisse" />;
  if (!municipality || !entries) {
    return (
      <>
        <Errors errors={history.errors} onRetry={history.refetch} />
        {history.errors.length === 0 ? (
          <Empty>Die bisherigen Ergebnisse Ihrer Kommune sind für Ihr Konto nicht sichtbar.</Empty>
        ) : null}
      </>
    );
  }
  if (entries.length === 0) {
    return (
      <>
        <Errors errors={history.errors} onRetry={history.refetch} />
        <Empty>
          {municipality.name} hat den Quick-Check noch nicht gespeichert. Nach dem ersten Speichern sehen Sie hier die
          Entwicklung.
        </Empty>
      </>
    );
  }
  return (
    <>
      <Errors errors={history.errors} onRetry={history.refetch} />
      <HistoryChart name={municipality.name} entries={entries} />
    </>
  );
}

/** The overall result over time as a chart, with every area's result in the table inside it. */
function HistoryChart({ name, entries }: { name: string; entries: HistoryEntry[] }) {
  // Newest first from the API; the chart reads left to right, oldest first.
  const chronological = [...entries].reverse();
  const areas: { key: string; title: string }[] = [];
  for (const e of chronological)
    for (const a of e.areas)
      if (!areas.some((x) => x.key === a.area.key)) areas.push({ key: a.area.key, title: a.area.title });
  const areaPercent = (e: HistoryEntry, key: string) => e.areas.find((a) => a.area.key === key)?.score.percent ?? null;
  const first = chronological[0];
  const last = chronological[chronological.length - 1];
  const summary =
    chronological.length === 1
      ? `Eine Bewertung: ${formatPercent(last.overall.percent)} insgesamt am ${formatDate(last.submittedAt)}.`
      : `${chronological.length} Bewertungen. Insgesamt von ${formatPercent(first.overall.percent)} am ${formatDate(first.submittedAt)} auf ${formatPercent(last.overall.percent)} am ${formatDate(last.submittedAt)}. Die Tabelle zeigt die Werte je Qualitätsbereich.`;
  return (
    <LineChart
      title={`Gesamtergebnis von ${name} im Zeitverlauf (erfüllt in Prozent)`}
      summary={summary}
      labels={chronological.map((e) => shortDate.format(new Date(e.submittedAt)))}
      series={[{ name: 'Gesamt', values: chronological.map((e) => e.overall.percent) }]}
    >
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small history-table">
          <caption className="kern-title">Bisherige Bewertungen von {name}, neueste zuerst</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Eingereicht am
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Gesamt
              </th>
              {areas.map((a) => (
                <th scope="col" className="kern-table__header kern-table__header--numeric" key={a.key}>
                  {a.title}
                </th>
              ))}
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Beantwortet
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {entries.map((e) => (
              <tr className="kern-table__row" key={e.id}>
                <th scope="row" className="kern-table__header">
                  <Link href={`/quick-check/ergebnis/${e.id}`}>{formatDate(e.submittedAt, true)}</Link>
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(e.overall.percent)}</td>
                {areas.map((a) => {
                  const value = areaPercent(e, a.key);
                  return (
                    <td className="kern-table__cell kern-table__cell--numeric" key={a.key}>
                      {value == null ? 'keine Angabe' : formatPercent(value)}
                    </td>
                  );
                })}
                <td className="kern-table__cell kern-table__cell--numeric">
                  {formatNumber(e.overall.answered)} Kriterien
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </LineChart>
  );
}
