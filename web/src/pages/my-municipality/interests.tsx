import { Link } from 'wouter';
import type { ApiError } from '../../api/client.js';
import { formatDate } from '../../format.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors } from '../../ui/states.js';
import type { PracticeNode } from './types.js';

/** Who marked interest in the municipality's practices, newest first: the people to get in touch with. */
export function Interests({
  name,
  practices,
  errors,
  retry,
}: {
  name: string;
  practices: PracticeNode[] | null;
  errors: ApiError[];
  retry: () => void;
}) {
  const interests = (practices ?? [])
    .flatMap((p) => (p.interests ?? []).map((interest) => ({ practice: p, ...interest })))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Section title="Interesse anderer Kommunen" id="interesse">
      <Errors errors={errors} onRetry={retry} />
      {practices && interests.length === 0 ? (
        <Empty>Noch hat keine Kommune Interesse an einem Praxisbeispiel von {name} bekundet.</Empty>
      ) : null}
      {interests.length > 0 ? (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Kommunen, die sich für Praxisbeispiele von {name} interessieren</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Praxisbeispiel
                </th>
                <th scope="col" className="kern-table__header">
                  Interessierte Kommune
                </th>
                <th scope="col" className="kern-table__header">
                  Bekundet am
                </th>
                <th scope="col" className="kern-table__header">
                  Nachricht
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {interests.map((i, index) => (
                <tr className="kern-table__row" key={`${i.practice.slug}-${i.municipality?.ags ?? index}`}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/praxis/${i.practice.slug}`}>{i.practice.title}</Link>
                  </th>
                  <td className="kern-table__cell">
                    {i.municipality ? (
                      <Link href={`/kommunen/${i.municipality.ags}`}>{i.municipality.name}</Link>
                    ) : (
                      'nicht mehr verfügbar'
                    )}
                  </td>
                  <td className="kern-table__cell">{formatDate(i.createdAt)}</td>
                  <td className="kern-table__cell">{i.note ?? 'keine Nachricht'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
