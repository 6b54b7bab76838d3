import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { AssessmentResult } from '../../generated/operations.js';
import type { AssessmentResultQuery } from '../../generated/graphql.js';
import { errorWith, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatKm, formatNumber } from '../format.js';
import { MODULE_KIND, label } from '../labels.js';
import { formatPercent } from '../ui/numbers.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import { scoreText } from './quick-check/scale.js';
import './modules.css';

type Assessment = NonNullable<AssessmentResultQuery['assessment']>;
type Gap = Assessment['gaps'][number];
type Recommendation = NonNullable<Gap['criterion']['practices']>[number];

const TITLE = 'Ergebnis des Quick-Checks';

const Onward = () => (
  <p className="kern-body">
    <Link href="/quick-check">Zum Quick-Check</Link>
  </p>
);

export function AssessmentPage({ id }: { id: string }) {
  const session = useSession();
  // Practices are ranked for the assessed municipality: first guessed as the viewer's own,
  // then (e.g. for coordinators, or an editor of several towns) corrected once it is known.
  const [rankFor, setRankFor] = useState<string | null>(null);
  const ags = rankFor ?? session.ownAgs;
  const result = useQuery(AssessmentResult, { id, ags }, { skip: session.loading || !session.viewer });
  const assessedAgs = result.data?.assessment?.place?.ags ?? result.data?.assessment?.municipality?.ags ?? null;
  useEffect(() => {
    if (assessedAgs && assessedAgs !== ags) setRankFor(assessedAgs);
  }, [assessedAgs, ags]);

  // While the ranking is corrected, the first answer stays on screen.
  const shown = useRef<{ id: string; assessment: Assessment } | null>(null);
  if (result.data?.assessment) shown.current = { id, assessment: result.data.assessment };
  const assessment = result.data?.assessment ?? (shown.current?.id === id ? shown.current.assessment : null);

  if (session.loading || (result.loading && !assessment)) {
    return (
      <Page title={TITLE}>
        <Loading what="Das Ergebnis" />
      </Page>
    );
  }
  // Instead of the result: a notice (not signed in, not allowed, not found), announced.
  if (!session.viewer || (!assessment && errorWith(result.errors, 'UNAUTHENTICATED'))) {
    return (
      <Page title={TITLE}>
        <Notice tone="info" role="alert" title="Bitte melden Sie sich an.">
          <p className="kern-body">
            Ergebnisse des Quick-Checks sind vertraulich: Sie sehen sie nach der Anmeldung, wenn Sie für die bewertete
            Kommune arbeiten oder den Hub koordinieren.
          </p>
          <p className="kern-body">
            <a href={signInUrl(`/quick-check/ergebnis/${id}`)}>Anmelden und Ergebnis ansehen</a>
          </p>
        </Notice>
        <Onward />
      </Page>
    );
  }
  if (!assessment) {
    if (errorWith(result.errors, 'FORBIDDEN')) {
      return (
        <Page title={TITLE}>
          <Notice tone="info" role="alert" title="Dieses Ergebnis gehört zu einer anderen Kommune.">
            <p className="kern-body">
              Ergebnisse des Quick-Checks sehen nur die bewertete Kommune selbst und die Koordination.
            </p>
          </Notice>
          <Onward />
        </Page>
      );
    }
    if (isNotFound(result.errors, 'id') || result.errors.length === 0) {
      return (
        <Page title={TITLE}>
          <Notice tone="info" role="alert" title="Dieses Ergebnis gibt es nicht (mehr).">
            <p className="kern-body">
              Prüfen Sie die Adresse, oder öffnen Sie ein Ergebnis aus der Liste der bisherigen Ergebnisse Ihrer
              Kommune.
            </p>
          </Notice>
          <p className="kern-body">
            <Link href="/quick-check">Zum Quick-Check und den bisherigen Ergebnissen</Link>
          </p>
        </Page>
      );
    }
    return (
      <Page title={TITLE}>
        <Errors errors={result.errors} onRetry={result.refetch} />
        <Onward />
      </Page>
    );
  }

  const name = assessment.municipality?.name ?? 'Ihre Kommune';
  // True while the practices are ranked anew (the earlier answer is still shown).
  const ranking = result.loading && !result.data?.assessment;
  return (
    <Page title={TITLE} lead={`${name}, eingereicht am ${formatDate(assessment.submittedAt, true)}.`}>
      <Errors errors={result.errors} onRetry={result.refetch} />
      <Overview assessment={assessment} name={name} />
      <Section title="Handlungsbedarf" id="handlungsbedarf">
        <Gaps
          gaps={assessment.gaps}
          name={name}
          knownName={assessment.municipality?.name ?? null}
          ranking={ranking}
          errors={result.errors}
        />
      </Section>
      <Section title="Alle Antworten" id="antworten">
        <AnswerTable assessment={assessment} name={name} />
      </Section>
      <Section title="Wie geht es weiter?" id="weiter">
        <ul className="kern-list kern-list--bullet">
          <li>
            <Link href="/quick-check">Quick-Check erneut ausfüllen</Link>: frühere Ergebnisse bleiben erhalten, die
            Entwicklung sehen Sie im Zeitverlauf.
          </li>
          <li>
            <Link href="/module">Alle Module ansehen</Link>: Vorlagen, Materialien und Konzepte zum Übernehmen.
          </li>
          <li>
            <Link href="/veranstaltungen">Veranstaltungen</Link>: Runde Tische und Foren zum Austausch mit anderen
            Kommunen.
          </li>
        </ul>
      </Section>
    </Page>
  );
}

function Meter({ id, title, value, detail }: { id: string; title: string; value: number; detail?: string }) {
  return (
    <div className="kern-progress result__meter">
      <label className="kern-label" htmlFor={id}>
        {title}: {formatPercent(value)} erfüllt{detail ? <span className="kern-body--muted"> ({detail})</span> : null}
      </label>
      <progress id={id} max={100} value={Math.round(value)}>
        {formatPercent(value)}
      </progress>
    </div>
  );
}

function Overview({ assessment, name }: { assessment: Assessment; name: string }) {
  return (
    <Section title="Überblick" id="ueberblick">
      <p className="kern-body kern-body--large result__overall">
        Insgesamt erfüllt {name} <strong>{formatPercent(assessment.overall.percent)}</strong> der Kriterien (
        {formatNumber(assessment.overall.answered)} beantwortet).
      </p>
      <Meter id="ergebnis-gesamt" title="Gesamt" value={assessment.overall.percent} />
      {assessment.areas.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small result__areas">
            <caption className="kern-title">Ergebnis je Qualitätsbereich</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Qualitätsbereich
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Erfüllt
                </th>
                <th scope="col" className="kern-table__header">
                  <span className="visually-hidden">Balken</span>
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Beantwortete Kriterien
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {assessment.areas.map((a) => (
                <tr className="kern-table__row" key={a.area.key}>
                  <th scope="row" className="kern-table__header">
                    {a.area.title}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(a.score.percent)}</td>
                  <td className="kern-table__cell result__bar-cell">
                    <progress
                      className="result__bar"
                      max={100}
                      value={Math.round(a.score.percent)}
                      aria-label={`${a.area.title}: ${formatPercent(a.score.percent)} erfüllt`}
                    >
                      {formatPercent(a.score.percent)}
                    </progress>
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(a.score.answered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}

function Gaps({
  gaps,
  name,
  knownName,
  ranking,
  errors,
}: {
  gaps: Gap[];
  name: string;
  knownName: string | null;
  ranking: boolean;
  errors: ApiError[];
}) {
  if (gaps.length === 0) {
    return (
      <Empty>
        Kein Kriterium liegt unter der Mitte der Skala: {name} ist gut aufgestellt. Anregungen anderer Kommunen finden
        Sie trotzdem in der <Link href="/">Suche</Link>.
      </Empty>
    );
  }
  const practicesDown = errors.some((e) => e.extensions?.serviceName === 'practices');
  return (
    <>
      <p className="kern-body">
        {gaps.length === 1 ? 'Ein Kriterium liegt' : `${formatNumber(gaps.length)} Kriterien liegen`} unter der Mitte
        der Skala, das niedrigste zuerst. Zu jedem finden Sie Module und Praxisbeispiele anderer Kommunen, sortiert nach
        Passung für {name}: ähnliche Einwohnerzahl ({formatPercent(40)}), Nähe ({formatPercent(40)}) und wie oft andere
        das Beispiel übernommen haben ({formatPercent(20)}).
      </p>
      <ol className="result-gaps">
        {gaps.map((gap) => (
          <li key={gap.criterion.key} className="kern-card result-gap">
            <article className="kern-card__container" aria-labelledby={`luecke-${gap.criterion.key}`}>
              <h3 className="kern-heading-small" id={`luecke-${gap.criterion.key}`}>
                {gap.criterion.title}
              </h3>
              <p className="kern-body">
                {gap.criterion.area ? <>Qualitätsbereich: {gap.criterion.area.title} · </> : null}
                Ihre Bewertung: <strong>{scoreText(gap.score, gap.criterion.scaleMin, gap.criterion.scaleMax)}</strong>
              </p>
              <p className="kern-body kern-body--muted">{gap.criterion.guidance}</p>
              {gap.note ? <p className="kern-body">Ihre Anmerkung: {gap.note}</p> : null}

              <h4 className="kern-heading-small result-gap__subheading">Module, die helfen</h4>
              {gap.criterion.modules.length ? (
                <ul className="kern-list result-gap__modules">
                  {gap.criterion.modules.map((m) => (
                    <li key={m.slug}>
                      <Link href={`/module/${m.slug}`}>{m.title}</Link>{' '}
                      <span className="kern-body--muted">({label(MODULE_KIND, m.kind)})</span>
                      <br />
                      <span className="kern-body kern-body--small">{m.summary}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="kern-body">Zu diesem Kriterium gibt es noch kein Modul.</p>
              )}

              <h4 className="kern-heading-small result-gap__subheading">Praxisbeispiele vergleichbarer Kommunen</h4>
              {gap.criterion.practices == null ? (
                <p className="kern-body">
                  {practicesDown
                    ? 'Praxisbeispiele sind gerade nicht abrufbar. Module und Ihr Ergebnis werden trotzdem angezeigt; versuchen Sie es später noch einmal.'
                    : 'Praxisbeispiele sind gerade nicht abrufbar.'}
                </p>
              ) : gap.criterion.practices.length === 0 ? (
                <p className="kern-body">
                  Noch keine andere Kommune hat ein Praxisbeispiel zu diesem Kriterium eingetragen.
                </p>
              ) : (
                <ol className="result-recommendations" aria-busy={ranking}>
                  {gap.criterion.practices.map((r) => (
                    <RecommendationItem key={r.practice.slug} recommendation={r} name={knownName} />
                  ))}
                </ol>
              )}
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}

function RecommendationItem({ recommendation: r, name }: { recommendation: Recommendation; name: string | null }) {
  const owner = r.practice.municipality?.name ?? r.practice.cooperation?.name ?? null;
  const facts = [
    owner,
    r.distanceKm != null ? `${formatKm(r.distanceKm)} entfernt` : null,
    r.populationRatio != null ? ratioText(r.populationRatio, name) : null,
    `Passung ${formatPercent(r.score * 100)}`,
    r.reuseCount > 0 ? `${r.reuseCount === 1 ? 'einmal' : `${formatNumber(r.reuseCount)}-mal`} übernommen` : null,
  ].filter(Boolean);
  return (
    <li className="result-recommendation">
      <Link href={`/praxis/${r.practice.slug}`} className="result-recommendation__title">
        {r.practice.title}
      </Link>
      <p className="kern-body kern-body--small result-recommendation__facts">{facts.join(' · ')}</p>
      <p className="kern-body kern-body--small">{r.practice.summary}</p>
    </li>
  );
}

/** Owner's population relative to the assessed municipality's, in words. */
function ratioText(ratio: number, name: string | null): string {
  const f = (v: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
  if (ratio >= 0.8 && ratio <= 1.25) return `ähnlich viele Einwohnerinnen und Einwohner${name ? ` wie ${name}` : ''}`;
  if (ratio > 1) return `${f(ratio)}-mal so viele Einwohnerinnen und Einwohner${name ? ` wie ${name}` : ''}`;
  return `${formatPercent(ratio * 100, ratio * 100 < 10 ? 1 : 0)} der Einwohnerzahl${name ? ` von ${name}` : ''}`;
}

function AnswerTable({ assessment, name }: { assessment: Assessment; name: string }) {
  if (assessment.answers.length === 0) return <Empty>Diese Bewertung enthält keine Antworten.</Empty>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-title">Antworten von {name}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Kriterium
            </th>
            <th scope="col" className="kern-table__header">
              Qualitätsbereich
            </th>
            <th scope="col" className="kern-table__header">
              Bewertung
            </th>
            <th scope="col" className="kern-table__header">
              Anmerkung
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {assessment.answers.map((a) => (
            <tr className="kern-table__row" key={a.criterion.key}>
              <th scope="row" className="kern-table__header">
                {a.criterion.title}
              </th>
              <td className="kern-table__cell">{a.criterion.area?.title ?? 'nicht mehr im Katalog'}</td>
              <td className="kern-table__cell">{scoreText(a.score, a.criterion.scaleMin, a.criterion.scaleMax)}</td>
              <td className="kern-table__cell">
                {a.note ? (
                  <span className="modules-pre-line">{a.note}</span>
                ) : (
                  <span className="kern-body--muted">keine</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
