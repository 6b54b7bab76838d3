import { Link } from 'wouter';
import type { ApiError } from '../../api/client.js';
import { formatDate } from '../../format.js';
import { PRACTICE_STATUS, label } from '../../labels.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors } from '../../ui/states.js';
import type { PracticeNode } from './types.js';

/** The municipality's unpublished practices (adaptations start as drafts), each with the way to publish it. */
export function Drafts({
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
  const drafts = (practices ?? []).filter((p) => p.draft);
  return (
    <Section title="Entwürfe" id="entwuerfe">
      <p className="kern-body">
        Entwürfe sehen nur die Redaktion von {name} und die Koordination, bis sie veröffentlicht werden.
      </p>
      <Errors errors={errors} onRetry={retry} />
      {practices && drafts.length === 0 ? (
        <Empty>
          {name} hat keine Entwürfe. Wenn Sie ein Praxisbeispiel einer anderen Kommune übernehmen, entsteht hier ein
          Entwurf.
        </Empty>
      ) : null}
      {drafts.length > 0 ? (
        <ul className="entries" aria-label={`Entwürfe von ${name}`}>
          {drafts.map((p) => (
            <li key={p.slug} className="kern-card">
              <div className="kern-card__container">
                <h3 className="kern-heading-small entry__title">
                  <Link href={`/praxis/${p.slug}`}>{p.title}</Link>
                </h3>
                <p className="kern-body kern-body--muted entry__meta">
                  <span className="kern-badge kern-badge--info">
                    <span className="kern-label">Entwurf</span>
                  </span>{' '}
                  {p.status ? `${label(PRACTICE_STATUS, p.status)} · ` : ''}zuletzt geändert am{' '}
                  {formatDate(p.updatedAt, true)}
                  {p.adaptedFrom ? (
                    <>
                      {' '}
                      · übernommen von <Link href={`/praxis/${p.adaptedFrom.slug}`}>{p.adaptedFrom.title}</Link>
                    </>
                  ) : null}
                </p>
                <p className="kern-body entry__meta">
                  <Link href={`/praxis/${p.slug}/bearbeiten`}>
                    Bearbeiten und veröffentlichen<span className="visually-hidden">: {p.title}</span>
                  </Link>
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
