import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { AdaptPractice, MarkInterest, PracticeLineage, PracticePage as PracticePageQuery, RemoveInterest, Vocabularies } from '../../generated/operations.js';
import type { LineageNodeFragment, PracticeLineageQuery, PracticePageQuery as PracticePageAnswer } from '../../generated/graphql.js';
import { clearCache, errorWith, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatEuro, formatNumber } from '../format.js';
import { PRACTICE_STATUS, REGION, label } from '../labels.js';
import { ErrorSummary, TextField, fieldProblems, problemFor } from '../ui/form.js';
import { Lineage, type LineageNode } from '../ui/lineage.js';
import { formatPercent } from '../ui/numbers.js';
import { Licence } from '../ui/licence.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import { Prose } from '../ui/text.js';
import { mayEdit, navigationState, type PracticeNavigationState } from './practice-edit.js';
import './practice.css';

type Practice = NonNullable<PracticePageAnswer['practice']>;

// Labels when the Vocabularies query is not available (the schema's descriptions of the enums).
const TARGET_GROUPS: Record<string, string> = {
  SKILLED_WORKERS: 'Fachkräfte',
  FAMILIES: 'Familien',
  NEWCOMERS: 'Neubürgerinnen und Neubürger',
  REFUGEES: 'Geflüchtete',
  NEIGHBOURHOODS: 'Nachbarschaften',
  LANDLORDS: 'Vermieter',
  VOLUNTEERS: 'Ehrenamtliche',
  INTERNATIONAL_TALENTS: 'internationale Talente',
  YOUNG_PROFESSIONALS_WITH_MIGRATION_BACKGROUND: 'Nachwuchskräfte mit Migrationshintergrund',
  STUDENTS: 'Studierende',
  PUPILS: 'Schülerinnen und Schüler',
};
const FIELDS_OF_ACTION: Record<string, string> = { WORKING_LIFE: 'Willkommen im Berufsleben', NEW_HOME: 'Willkommen in der neuen Heimat' };
const PRACTICE_KINDS: Record<string, string> = {
  MODEL_PROJECT: 'Modellprojekt',
  EVENT_FORMAT: 'Veranstaltungsformat',
  NEIGHBOURHOOD_ADVICE: 'Beratungsstellen im Quartier',
  ONLINE_PORTAL: 'Online-Portal',
  RECRUITMENT: 'Personalgewinnung',
  OTHER: 'Sonstiges',
};

/** How many deeper parts of the lineage one page view loads at most. */
const MAX_EXPANSIONS = 20;

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
      fieldOfAction: { ...FIELDS_OF_ACTION, ...Object.fromEntries((v?.fieldsOfAction ?? []).map((t) => [t.code, t.label])) },
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
          <p className="kern-body">Das Praxisbeispiel „{slug}“ wurde nicht gefunden. Vielleicht wurde es umbenannt, oder es ist ein Entwurf, den nur seine Kommune sieht.</p>
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
        {practice.description ? <Prose text={practice.description} /> : <Empty>Eine ausführliche Beschreibung gibt es noch nicht; die Kurzbeschreibung steht oben.</Empty>}
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

// --- Facts ------------------------------------------------------------------------------

function Facts({ practice, labels, changes }: { practice: Practice; labels: Record<'targetGroup' | 'fieldOfAction' | 'kind', Record<string, string>>; changes: string | null }) {
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
      <dd>{practice.targetGroups.length ? practice.targetGroups.map((t) => label(labels.targetGroup, t)).join(', ') : 'nicht angegeben'}</dd>
      <dt>Lizenz der Beschreibung</dt>
      <dd>
        <Licence code={practice.licence} />
      </dd>
      <dt>Handlungsfelder</dt>
      <dd>{practice.fieldsOfAction.length ? practice.fieldsOfAction.map((f) => label(labels.fieldOfAction, f)).join(', ') : 'nicht angegeben'}</dd>
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

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/** "2025-03" → "März 2025"; a full date → "1. März 2025". */
function formatMonth(value: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (!month) return formatDate(value);
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15));
  return new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function FundingTable({ funding }: { funding: Practice['funding'] }) {
  if (funding.length === 0) return <Empty>Keine Förderung angegeben.</Empty>;
  return (
    // Focusable and named, so keyboard users can scroll it sideways on small screens.
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="foerderung-tabelle">
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
            <tr className="kern-table__row" key={`${f.programme}-${index}`}>
              <th scope="row" className="kern-table__cell">
                {f.programme}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{f.amountEur == null ? '–' : formatEuro(f.amountEur)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{f.sharePercent == null ? '–' : formatPercent(f.sharePercent, 1)}</td>
              <td className="kern-table__cell">{f.startsOn ? formatMonth(f.startsOn) : '–'}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{f.durationYears == null ? '–' : f.durationYears === 1 ? '1 Jahr' : `${f.durationYears} Jahre`}</td>
              <td className="kern-table__cell">{f.note ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Contacts({ practice }: { practice: Practice }) {
  const session = useSession();
  const [location] = useLocation();
  if (practice.contacts === null) {
    if (session.viewer) return <Empty>Die Kontaktdaten sind gerade nicht abrufbar.</Empty>;
    return (
      <p className="kern-body">
        Kontaktdaten sehen angemeldete Nutzerinnen und Nutzer. <a href={signInUrl(location)}>Zur Anmeldung</a>
      </p>
    );
  }
  if (practice.contacts.length === 0) return <Empty>Keine Ansprechpersonen angegeben.</Empty>;
  return (
    <ul className="practice__contacts">
      {practice.contacts.map((contact, index) => (
        <li key={index} className="kern-card">
          <div className="kern-card__container">
            <div className="kern-card__body">
              <p className="kern-body kern-body--bold">{contact.name ?? contact.role ?? 'Ansprechperson'}</p>
              {contact.name && contact.role ? <p className="kern-body">{contact.role}</p> : null}
              {contact.email ? (
                <p className="kern-body">
                  E-Mail: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </p>
              ) : null}
              {contact.phone ? (
                <p className="kern-body">
                  Telefon: <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                </p>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

// --- Lineage ----------------------------------------------------------------------------

type LineageAnswer = NonNullable<PracticeLineageQuery['practice']>;
type Adaptation = LineageAnswer['adaptations'][number];

interface LineageState {
  loading: boolean;
  errors: ApiError[];
  refetch: () => void;
  practice: LineageAnswer | null;
  ancestors: LineageNode[];
  current: LineageNode | null;
}

/**
 * The practice's lineage: ancestors over every hop from `lineage`, descendants from
 * `adaptations` two levels per answer; where a branch goes deeper (a grandchild with a
 * reuse count), the same operation loads the next two levels, up to MAX_EXPANSIONS times.
 */
function useLineage(slug: string): LineageState {
  const base = useQuery(PracticeLineage, { slug });
  const [deeper, setDeeper] = useState<Record<string, Adaptation[]>>({});
  const requested = useRef(new Set<string>());
  const practice = base.data?.practice ?? null;

  const childrenBySlug = useMemo(() => {
    const known = new Map<string, LineageNodeFragment[]>();
    const add = (parent: string, children: Adaptation[]) => {
      known.set(parent, children);
      for (const child of children) known.set(child.slug, child.adaptations);
    };
    if (practice) add(practice.slug, practice.adaptations);
    for (const [parent, children] of Object.entries(deeper)) add(parent, children);
    return known;
  }, [practice, deeper]);

  useEffect(() => {
    for (const children of [...childrenBySlug.values()]) {
      for (const child of children) {
        if (child.reuseCount === 0 || childrenBySlug.has(child.slug) || requested.current.has(child.slug)) continue;
        if (requested.current.size >= MAX_EXPANSIONS) return;
        requested.current.add(child.slug);
        const branch = child.slug;
        request(PracticeLineage, { slug: branch }).then(
          (answer) => {
            const next = answer.data?.practice?.adaptations;
            if (next) setDeeper((previous) => ({ ...previous, [branch]: next }));
          },
          () => undefined,
        );
      }
    }
  }, [childrenBySlug]);

  return useMemo(() => {
    const toNode = (f: LineageNodeFragment, depth: number): LineageNode => {
      const children = depth < 50 ? childrenBySlug.get(f.slug) : [];
      return {
        slug: f.slug,
        title: f.title,
        owner: f.municipality?.name ?? null,
        draft: f.draft,
        changes: f.adaptationChanges,
        adaptedAt: f.adaptedAt,
        more: children ? 0 : f.reuseCount,
        children: (children ?? []).map((c) => toNode(c, depth + 1)),
      };
    };
    const ancestors = practice
      ? [...practice.lineage].reverse().map((a) => ({ ...toNode(a, 50), owner: a.municipality?.name ?? a.cooperation?.name ?? null, more: 0, children: [] }))
      : [];
    const current = practice ? { ...toNode(practice, 0), owner: practice.municipality?.name ?? practice.cooperation?.name ?? null } : null;
    return { loading: base.loading && !practice, errors: base.errors, refetch: base.refetch, practice, ancestors, current };
  }, [base.loading, base.errors, base.refetch, practice, childrenBySlug]);
}

function LineageSection({ state }: { state: LineageState }) {
  if (state.loading) return <Loading what="Herkunft und Übernahmen" />;
  return (
    <>
      <Errors errors={state.errors} onRetry={state.refetch} />
      {state.current ? (
        state.ancestors.length === 0 && state.current.children.length === 0 && state.current.more === 0 ? (
          <Empty>Dieses Praxisbeispiel ist ein Original und wurde bisher von keiner Kommune übernommen.</Empty>
        ) : (
          <Lineage ancestors={state.ancestors} current={state.current} />
        )
      ) : state.errors.length === 0 ? (
        <Empty>Zur Herkunft dieses Praxisbeispiels liegen keine Angaben vor.</Empty>
      ) : null}
    </>
  );
}

// --- Interest and adaptation ----------------------------------------------------------------

function ForYourMunicipality({ practice, ownerName, onChanged }: { practice: Practice; ownerName: string; onChanged: () => void }) {
  const session = useSession();
  const [location] = useLocation();
  if (session.loading) return <Loading what="Angaben zur Anmeldung" />;
  if (!session.viewer) {
    return (
      <p className="kern-body">
        Redaktionen von Kommunen können hier Interesse bekunden und das Praxisbeispiel für ihre Kommune übernehmen.{' '}
        <a href={signInUrl(location)}>Melden Sie sich dafür an.</a>
      </p>
    );
  }
  const own = session.viewer.municipalities.find((m) => m.ags === session.ownAgs) ?? null;
  if (!own) {
    return <p className="kern-body">Interesse bekunden und übernehmen können Redaktionen von Kommunen. Ihrem Konto ist keine Kommune zugeordnet.</p>;
  }
  if (practice.municipality?.ags === own.ags) {
    return <p className="kern-body">Dieses Praxisbeispiel gehört {own.name}. Andere Kommunen können hier Interesse bekunden und es übernehmen.</p>;
  }
  return (
    <div className="practice-actions">
      <InterestForm practice={practice} ownerName={ownerName} own={own} onChanged={onChanged} />
      <AdaptForm practice={practice} ownerName={ownerName} own={own} />
    </div>
  );
}

interface Own {
  ags: string;
  name: string;
}

function InterestForm({ practice, ownerName, own, onChanged }: { practice: Practice; ownerName: string; own: Own; onChanged: () => void }) {
  // What the hub says, until this form changes it (then the refetch agrees).
  const [marked, setMarked] = useState(() => practice.ownInterests.some((i) => i.municipality?.ags === own.ags));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { problems, rest } = useMemo(() => fieldProblems(errors, { 'input.note': { id: 'interesse-nachricht', label: `Nachricht an ${ownerName}` } }), [errors, ownerName]);
  const remember = (value: boolean) => setMarked(value);

  const mark = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setDone(null);
    const answer = await request(MarkInterest, { input: { practiceId: practice.id, ags: own.ags, note: note.trim() || null } });
    setBusy(false);
    if (errorWith(answer.errors, 'CONFLICT')) {
      remember(true);
      setDone(`${own.name} hat bereits Interesse an diesem Praxisbeispiel bekundet.`);
      return;
    }
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    remember(true);
    setNote('');
    setDone(`Interesse bekundet: ${ownerName} sieht jetzt, dass sich ${own.name} für dieses Praxisbeispiel interessiert.`);
    onChanged();
  };

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setDone(null);
    const answer = await request(RemoveInterest, { input: { practiceId: practice.id, ags: own.ags } });
    setBusy(false);
    if (errorWith(answer.errors, 'NOT_FOUND')) {
      remember(false);
      setDone(`${own.name} hatte kein Interesse bekundet.`);
      return;
    }
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    remember(false);
    setDone('Interesse zurückgezogen.');
    onChanged();
  };

  return (
    <form
      className="practice-actions__part"
      noValidate
      aria-labelledby="interesse-titel"
      onSubmit={(event) => {
        event.preventDefault();
        void (marked ? withdraw() : mark());
      }}
    >
      <h3 className="kern-heading-small" id="interesse-titel">
        Interesse
      </h3>
      <p className="kern-body">
        {marked
          ? `${own.name} hat Interesse an diesem Praxisbeispiel bekundet. ${ownerName} sieht das und kann sich bei Ihnen melden.`
          : `Zeigen Sie ${ownerName}, dass sich ${own.name} für dieses Praxisbeispiel interessiert. ${ownerName} sieht, wer interessiert ist, und kann sich bei Ihnen melden.`}
      </p>
      <ErrorSummary problems={problems} />
      <Errors errors={rest} />
      {done ? <Notice title={done} /> : null}
      {marked ? null : (
        <TextField
          id="interesse-nachricht"
          label={`Nachricht an ${ownerName}`}
          optional
          hint="Bis 1.000 Zeichen, zum Beispiel eine Frage oder wer bei Ihnen zuständig ist."
          value={note}
          onChange={setNote}
          multiline
          rows={3}
          error={problemFor(problems, 'input.note')}
        />
      )}
      <div className="kern-btn-wrapper">
        <button type="submit" className={`kern-btn ${marked ? 'kern-btn--secondary' : 'kern-btn--primary'}`} aria-disabled={busy || undefined}>
          <span className="kern-label">{marked ? 'Interesse zurückziehen' : 'Interesse bekunden'}</span>
        </button>
      </div>
    </form>
  );
}

/** The slug adaptPractice gives an adaptation without its own slug. */
const defaultAdaptationSlug = (source: string, ags: string) => `${source.slice(0, 120 - ags.length - 1).replace(/-+$/, '')}-${ags}`;

const ADAPT_FIELDS = {
  'input.changes': { id: 'uebernahme-aenderungen', label: 'Was ändern Sie für Ihre Kommune?' },
  'input.title': { id: 'uebernahme-titel', label: 'Titel Ihrer Fassung' },
};

function AdaptForm({ practice, ownerName, own }: { practice: Practice; ownerName: string; own: Own }) {
  const [, navigate] = useLocation();
  const [changes, setChanges] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [exists, setExists] = useState(false);
  const { problems, rest } = useMemo(() => fieldProblems(errors, ADAPT_FIELDS), [errors]);
  const existing = defaultAdaptationSlug(practice.slug, own.ags);

  const adapt = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setExists(false);
    const answer = await request(AdaptPractice, {
      input: { sourceId: practice.id, ags: own.ags, changes, title: title.trim() === '' ? null : title.trim() },
    });
    setBusy(false);
    if (errorWith(answer.errors, 'CONFLICT')) return setExists(true);
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    clearCache();
    navigate(`/praxis/${answer.data.adaptPractice.slug}/bearbeiten`, { state: { adapted: true } satisfies PracticeNavigationState });
  };

  return (
    <form
      className="practice-actions__part"
      noValidate
      aria-labelledby="uebernehmen-titel"
      onSubmit={(event) => {
        event.preventDefault();
        void adapt();
      }}
    >
      <h3 className="kern-heading-small" id="uebernehmen-titel">
        Übernehmen
      </h3>
      <p className="kern-body">
        Legen Sie eine eigene Fassung für {own.name} an. Sie entsteht als Entwurf, den nur Ihre Kommune sieht, bis Sie ihn veröffentlichen. Dass sie von {ownerName}{' '}
        stammt, bleibt vermerkt.
      </p>
      <ErrorSummary problems={problems} />
      <Errors errors={rest} />
      {exists ? (
        <Notice tone="info" title={`${own.name} hat dieses Praxisbeispiel schon übernommen.`}>
          <p className="kern-body">
            <Link href={`/praxis/${existing}/bearbeiten`}>Ihre Fassung bearbeiten</Link>
          </p>
        </Notice>
      ) : null}
      <TextField
        id={ADAPT_FIELDS['input.changes'].id}
        label={ADAPT_FIELDS['input.changes'].label}
        hint="3 bis 5.000 Zeichen, zum Beispiel „Empfang im Stadtmuseum statt im Freibad“. Sie können das später noch ändern."
        value={changes}
        onChange={setChanges}
        multiline
        rows={4}
        error={problemFor(problems, 'input.changes')}
      />
      <TextField
        id={ADAPT_FIELDS['input.title'].id}
        label={ADAPT_FIELDS['input.title'].label}
        optional
        hint={`Ohne Angabe: „${practice.title}“.`}
        value={title}
        onChange={setTitle}
        autoComplete="off"
        error={problemFor(problems, 'input.title')}
      />
      <div className="kern-btn-wrapper">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={busy || undefined}>
          <span className="kern-label">Für meine Kommune übernehmen</span>
        </button>
      </div>
    </form>
  );
}
