import { Link } from 'wouter';
import { formatDate } from '../../format.js';
import { ExternalLink } from '../../ui/external-link.js';
import { Empty } from '../../ui/states.js';
import { AdoptionBadge } from './badges.js';
import type { Adoption, Module } from './common.js';

/** The municipalities that use or plan the module, as a table with their notes and links. */
export function Adoptions({ module }: { module: Module }) {
  if (module.adoptions.length === 0) {
    return <Empty>Noch keine Kommune hat eingetragen, dass sie dieses Modul nutzt oder plant.</Empty>;
  }
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-title">Kommunen, die „{module.title}“ nutzen oder planen</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Kommune
            </th>
            <th scope="col" className="kern-table__header">
              Status
            </th>
            <th scope="col" className="kern-table__header">
              Lokale Anpassungen
            </th>
            <th scope="col" className="kern-table__header">
              Zuletzt geändert
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {module.adoptions.map((a) => (
            <AdoptionRow key={a.id} adoption={a} moduleTitle={module.title} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One municipality's row; a municipality the hub cannot name right now still links by its AGS. */
function AdoptionRow({ adoption: a, moduleTitle }: { adoption: Adoption; moduleTitle: string }) {
  const ags = a.municipality?.ags ?? a.place?.ags ?? null;
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__header">
        {a.municipality ? (
          <Link href={`/kommunen/${a.municipality.ags}`}>{a.municipality.name}</Link>
        ) : ags ? (
          <Link href={`/kommunen/${ags}`}>Kommune {ags} (Name gerade nicht abrufbar)</Link>
        ) : (
          'unbekannte Kommune'
        )}
      </th>
      <td className="kern-table__cell">
        <AdoptionBadge status={a.status} />
      </td>
      <td className="kern-table__cell">
        {a.localNotes ? (
          <span className="modules-pre-line">{a.localNotes}</span>
        ) : (
          <span className="kern-body--muted">keine Angaben</span>
        )}
        {a.links.length ? (
          <ul className="kern-list adoption__links">
            {a.links.map((l) => (
              <li key={l.url}>
                <ExternalLink href={l.url} context={`${a.municipality?.name ?? 'Kommune'}, ${moduleTitle}`}>
                  {l.title}
                </ExternalLink>
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="kern-table__cell">{formatDate(a.updatedAt)}</td>
    </tr>
  );
}
