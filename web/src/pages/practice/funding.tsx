import { formatDate, formatEuro } from '../../format.js';
import { formatPercent } from '../../ui/numbers.js';
import { Empty } from '../../ui/states.js';
import type { Practice } from './common.js';

/** "2025-03" → "März 2025"; a full date → "1. März 2025". */
function formatMonth(value: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (!month) return formatDate(value);
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15));
  return new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The funding programmes as a table; amounts, shares and durations are "–" where unknown. */
export function FundingTable({ funding }: { funding: Practice['funding'] }) {
  if (funding.length === 0) return <Empty>Keine Förderung angegeben.</Empty>;
  return (
    // Focusable and named, so keyboard users can scroll it sideways on small screens.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <section className="kern-table-responsive" tabIndex={0} aria-labelledby="foerderung-tabelle">
      <table className="kern-table">
        <caption className="kern-title" id="foerderung-tabelle">
          Förderprogramme und Beträge
        </caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Programm
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Betrag
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Anteil
            </th>
            <th scope="col" className="kern-table__header">
              Beginn
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              Laufzeit
            </th>
            <th scope="col" className="kern-table__header">
              Hinweis
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {funding.map((f, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: no id, no unique field; the list is read-only
            <tr className="kern-table__row" key={`${f.programme}-${index}`}>
              <th scope="row" className="kern-table__cell">
                {f.programme}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">
                {f.amountEur == null ? '–' : formatEuro(f.amountEur)}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {f.sharePercent == null ? '–' : formatPercent(f.sharePercent, 1)}
              </td>
              <td className="kern-table__cell">{f.startsOn ? formatMonth(f.startsOn) : '–'}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {f.durationYears == null ? '–' : f.durationYears === 1 ? '1 Jahr' : `${f.durationYears} Jahre`}
              </td>
              <td className="kern-table__cell">{f.note ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
