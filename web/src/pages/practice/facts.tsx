import { Link } from 'wouter';
import { formatDate, formatNumber } from '../../format.js';
import { PRACTICE_STATUS, REGION, label } from '../../labels.js';
import { Licence } from '../../ui/licence.js';
import type { Practice } from './common.js';

/**
 * The practice's facts as a description list: owner, region, kind, status, period, target
 * groups, licence, template (with what the adaptation changed), reuse and interest.
 */
export function Facts({
  practice,
  labels,
  changes,
}: {
  practice: Practice;
  labels: Record<'targetGroup' | 'fieldOfAction' | 'kind', Record<string, string>>;
  changes: string | null;
}) {
  const period =
    practice.startedYear && practice.endedYear
      ? `${practice.startedYear} bis ${practice.endedYear}`
      : practice.startedYear
        ? `seit ${practice.startedYear}`
        : practice.endedYear
          ? `bis ${practice.endedYear}`
          : null;
  return (
    <dl className="facts practice__facts">
      <dt>{practice.cooperation && !practice.municipality ? 'Kooperation' : 'Kommune'}</dt>
      <dd>
        {practice.municipality ? (
          <Link href={`/kommunen/${practice.municipality.ags}`}>{practice.municipality.name}</Link>
        ) : practice.cooperation ? (
          practice.cooperation.name
        ) : (
          'unbekannt'
        )}
      </dd>
      {practice.cooperation && practice.municipality ? (
        <>
          <dt>Kooperation</dt>
          <dd>{practice.cooperation.name}</dd>
        </>
      ) : null}
      <dt>Region</dt>
      <dd>{label(REGION, practice.region)}</dd>
      <dt>Art</dt>
      <dd>{label(labels.kind, practice.kind)}</dd>
      <dt>Status</dt>
      <dd>{practice.status ? label(PRACTICE_STATUS, practice.status) : 'nicht angegeben'}</dd>
      {period ? (
        <>
          <dt>Zeitraum</dt>
          <dd>{period}</dd>
        </>
      ) : null}
      <dt>Zielgruppen</dt>
      <dd>
        {practice.targetGroups.length
          ? practice.targetGroups.map((t) => label(labels.targetGroup, t)).join(', ')
          : 'nicht angegeben'}
      </dd>
      <dt>Lizenz der Beschreibung</dt>
      <dd>
        <Licence code={practice.licence} />
      </dd>
      <dt>Handlungsfelder</dt>
      <dd>
        {practice.fieldsOfAction.length
          ? practice.fieldsOfAction.map((f) => label(labels.fieldOfAction, f)).join(', ')
          : 'nicht angegeben'}
      </dd>
      {practice.tags.length ? (
        <>
          <dt>Schlagwörter</dt>
          <dd>{practice.tags.join(', ')}</dd>
        </>
      ) : null}
      {practice.adaptedFrom ? (
        <>
          <dt>Vorlage</dt>
          <dd>
            <Link href={`/praxis/${practice.adaptedFrom.slug}`}>{practice.adaptedFrom.title}</Link>
            {practice.adaptedFrom.municipality ? ` (${practice.adaptedFrom.municipality.name})` : ''}
            {changes ? `. Geändert: ${changes}` : ''}
          </dd>
        </>
      ) : null}
      <dt>Übernahmen</dt>
      <dd data-testid="reuse-count">
        {practice.reuseCount === 0
          ? 'noch nicht übernommen'
          : practice.reuseCount === 1
            ? 'einmal übernommen (direkt oder über weitere Stationen)'
            : `${formatNumber(practice.reuseCount)}-mal übernommen (direkt oder über weitere Stationen)`}
      </dd>
      <dt>Interesse</dt>
      <dd data-testid="interest-count">
        {practice.interestCount === 0
          ? 'noch keine Kommune hat Interesse bekundet'
          : practice.interestCount === 1
            ? '1 Kommune hat Interesse bekundet'
            : `${formatNumber(practice.interestCount)} Kommunen haben Interesse bekundet`}
      </dd>
      {practice.source ? (
        <>
          <dt>Quelle</dt>
          <dd>{practice.source}</dd>
        </>
      ) : null}
      <dt>Zuletzt geändert</dt>
      <dd>{formatDate(practice.updatedAt)}</dd>
    </dl>
  );
}
