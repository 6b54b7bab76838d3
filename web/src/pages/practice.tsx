import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { PracticePage as PracticePageQuery, Vocabularies } from '../../generated/operations.js';
import { clearCache, useQuery } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { PRACTICE_STATUS, label } from '../labels.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import { Prose } from '../ui/text.js';
import { Contacts } from './practice/contacts.js';
import { Facts } from './practice/facts.js';
import { ForYourMunicipality } from './practice/for-your-municipality.js';
import { FundingTable } from './practice/funding.js';
import { LineageSection, useLineage } from './practice/lineage.js';
import { FIELDS_OF_ACTION, PRACTICE_KINDS, TARGET_GROUPS } from './practice/vocabulary.js';
import { mayEdit, navigationState } from './practice-edit.js';
import './practice.css';

// A practice's page: facts, texts, funding, lineage, contacts, and what the viewer's
// municipality can do with it. The parts live in ./practice/.

export function PracticePage({ slug }: { slug: string }) {
  // A new practice starts with fresh state (forms, the lineage's loaded branches).
  return <PracticeView key={slug} slug={slug} />;
}

function PracticeView({ slug }: { slug: string }) {
  const session = useSession();
  const [location] = useLocation();
  const page = useQuery(PracticePageQuery, { slug });
  const vocabularies = useQuery(Vocabularies, {});
  const lineage = useLineage(slug);
  const [published] = useState(() => navigationState().published === true);
  const practice = page.data?.practice ?? null;

  const labels = useMemo(() => {
    const v = vocabularies.data;
    return {
      targetGroup: { ...TARGET_GROUPS, ...Object.fromEntries((v?.targetGroups ?? []).map((t) => [t.code, t.label])) },
      fieldOfAction: {
        ...FIELDS_OF_ACTION,
        ...Object.fromEntries((v?.fieldsOfAction ?? []).map((t) => [t.code, t.label])),
      },
      kind: { ...PRACTICE_KINDS, ...Object.fromEntries((v?.practiceKinds ?? []).map((t) => [t.code, t.label])) },
    };
  }, [vocabularies.data]);

  if (!practice) {
    if (page.loading) {
      return (
        <Page title="Praxisbeispiel">
          <Loading what="Praxisbeispiel" />
        </Page>
      );
    }
    if (page.errors.length === 0 || isNotFound(page.errors)) {
      return (
        <Page title="Praxisbeispiel nicht gefunden">
          <p className="kern-body">
            Das Praxisbeispiel „{slug}“ wurde nicht gefunden. Vielleicht wurde es umbenannt, oder es ist ein Entwurf,
            den nur seine Kommune sieht.
          </p>
          {session.viewer ? null : (
            <p className="kern-body">
              Entwürfe Ihrer Kommune sehen Sie nach der <a href={signInUrl(location)}>Anmeldung</a>.
            </p>
          )}
          <p className="kern-body">
            <Link href="/">Zur Suche</Link>
          </p>
        </Page>
      );
    }
    return (
      <Page title="Praxisbeispiel">
        <Errors errors={page.errors} onRetry={page.refetch} />
        <p className="kern-body">
          <Link href="/">Zur Suche</Link>
        </p>
      </Page>
    );
  }

  const refresh = () => {
    clearCache();
    page.refetch();
    lineage.refetch();
  };
  const ownerName = practice.municipality?.name ?? practice.cooperation?.name ?? 'unbekannt';
  const draft = lineage.practice?.draft ?? false;
  const canEdit = mayEdit(session.viewer, practice.municipality?.ags);

  return (
    <Page title={practice.title} lead={practice.summary}>
      <Errors errors={page.errors} onRetry={page.refetch} />
      {published && !draft ? <Notice title="Veröffentlicht: Das Praxisbeispiel ist jetzt für alle sichtbar." /> : null}
      <div className="practice__badges">
        <span className="kern-badge kern-badge--info">
          <span className="kern-label kern-label--small">{label(labels.kind, practice.kind)}</span>
        </span>
        {practice.status ? (
          <span className="kern-badge">
            <span className="kern-label kern-label--small">Status: {label(PRACTICE_STATUS, practice.status)}</span>
          </span>
        ) : null}
        {draft ? (
          <span className="kern-badge kern-badge--warning">
            <span className="kern-label kern-label--small">Entwurf</span>
          </span>
        ) : null}
      </div>
      {draft ? (
        <div className="kern-alert kern-alert--info">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            <span className="kern-title">Entwurf: nur für {ownerName} und die Koordination sichtbar</span>
          </div>
          {canEdit ? (
            <div className="kern-alert__body">
              <p className="kern-body">Bearbeiten Sie den Entwurf und veröffentlichen Sie ihn, wenn er fertig ist.</p>
            </div>
          ) : null}
        </div>
      ) : null}
      {canEdit ? (
        <p className="practice__edit">
          <Link href={`/praxis/${practice.slug}/bearbeiten`} className="kern-btn kern-btn--secondary">
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            <span className="kern-label">Bearbeiten</span>
          </Link>
        </p>
      ) : null}

      <Facts practice={practice} labels={labels} changes={lineage.practice?.adaptationChanges ?? null} />

      <Section title="Beschreibung">
        {practice.description ? (
          <Prose text={practice.description} />
        ) : (
          <Empty>Eine ausführliche Beschreibung gibt es noch nicht; die Kurzbeschreibung steht oben.</Empty>
        )}
      </Section>
      {practice.lessonsLearned ? (
        <Section title="Erfahrungen">
          <Prose text={practice.lessonsLearned} />
        </Section>
      ) : null}
      {practice.effortNotes ? (
        <Section title="Aufwand und Kosten">
          <Prose text={practice.effortNotes} />
        </Section>
      ) : null}
      <Section title="Förderung">
        <FundingTable funding={practice.funding} />
      </Section>
      <Section title="Auszeichnungen">
        {practice.awards.length === 0 ? (
          <Empty>Keine Auszeichnungen angegeben.</Empty>
        ) : (
          <ul className="kern-list kern-list--bullet">
            {[...practice.awards]
              .sort((a, b) => b.year - a.year)
              .map((award) => (
                <li key={`${award.year}-${award.name}`}>
                  {award.year}: {award.name}
                </li>
              ))}
          </ul>
        )}
      </Section>
      <Section title="Weitere Informationen" id="links">
        {practice.links.length === 0 ? (
          <Empty>Keine Internetseiten angegeben.</Empty>
        ) : (
          <ul className="kern-list kern-list--bullet">
            {practice.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} className="kern-link" rel="noopener noreferrer">
                  {link.title}
                </a>{' '}
                <span className="kern-body--muted practice__url">({hostOf(link.url)})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Quick-Check-Kriterien" id="kriterien">
        {practice.criteria === null ? (
          <Empty>Die Quick-Check-Kriterien sind gerade nicht abrufbar.</Empty>
        ) : practice.criteria.length === 0 ? (
          <Empty>Keinem Kriterium des Quick-Checks zugeordnet.</Empty>
        ) : (
          <ul className="kern-list kern-list--bullet">
            {practice.criteria.map((criterion) => (
              <li key={criterion.key}>{criterion.title}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Herkunft und Übernahmen" id="herkunft">
        <LineageSection state={lineage} />
      </Section>
      <Section title="Kontakt">
        <Contacts practice={practice} />
      </Section>
      <Section title="Für Ihre Kommune" id="fuer-ihre-kommune">
        <ForYourMunicipality practice={practice} ownerName={ownerName} onChanged={refresh} />
      </Section>
    </Page>
  );
}

/** "siegen.de" for a link's address: where a link leads, beside its title. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};
