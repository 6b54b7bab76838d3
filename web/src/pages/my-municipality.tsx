import { Fragment, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import {
  CoordinatorOverview,
  DeclareParticipation,
  Municipalities,
  MyMunicipality,
  UpdateParticipationContact,
  WithdrawParticipation,
} from '../../generated/operations.js';
import type { CoordinatorOverviewQuery, MyMunicipalityQuery } from '../../generated/graphql.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { EVENT_STATUS, MODULE_KIND, PRACTICE_STATUS, REGISTRATION_STATUS, label } from '../labels.js';
import { todayInBerlin } from '../ui/dates.js';
import { ErrorSummary, TextField, fieldProblems, problemFor, type FieldProblem } from '../ui/form.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice, describeErrors } from '../ui/states.js';
import { errorsUnder } from './municipality.js';
import './municipality.css';

type Workspace = NonNullable<MyMunicipalityQuery['municipality']>;
type Participation = Workspace['participations'][number];
type Cooperation = Workspace['cooperations'][number];
type PracticeNode = NonNullable<MyMunicipalityQuery['practices']>['edges'][number]['node'];
type Overview = CoordinatorOverviewQuery;
type Choice = { ags: string; name: string; label?: string };

const TITLE = 'Meine Kommune';

/** "1 Kommune", "3 Kommunen": a German number with its noun. */
const count = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;
const HERE = '/meine-kommune';

export function MyMunicipalityPage() {
  const session = useSession();
  const chosen = new URLSearchParams(useSearch()).get('kommune');
  const [, navigate] = useLocation();
  // The chosen municipality stands in the address, so a view of one municipality is a link.
  const choose = (ags: string) => navigate(ags ? `${HERE}?kommune=${encodeURIComponent(ags)}` : HERE, { replace: true });

  if (session.loading) {
    return (
      <Page title={TITLE}>
        <Loading what="Angaben zur Anmeldung" />
      </Page>
    );
  }
  const viewer = session.viewer;
  if (!viewer) return <SignedOut />;
  if (viewer.role === 'COORDINATOR') return <CoordinatorPage chosen={chosen} choose={choose} />;
  return <EditorPage viewer={viewer} ownAgs={session.ownAgs} chosen={chosen} choose={choose} />;
}

function SignedOut() {
  return (
    <Page title={TITLE} lead="Hier verwalten die Redaktionen der Kommunen und die Koordination ihre Einträge im Welcome Hub.">
      <p className="kern-body" data-testid="signed-out">
        Bitte melden Sie sich an. Danach sehen Sie die Entwürfe Ihrer Kommune, welche Kommunen sich für Ihre Praxisbeispiele interessieren, die Anmeldungen Ihrer
        Kommune zu Veranstaltungen und ihre Teilnahmeerklärungen zu den Kooperationen. Die Koordination sieht hier den Überblick über alle Kommunen.
      </p>
      <p className="kern-body">Alles Übrige im Welcome Hub lesen Sie auch ohne Anmeldung.</p>
      <a className="kern-btn kern-btn--primary" href={signInUrl(HERE)}>
        <span className="kern-label">Zur Anmeldung</span>
      </a>
    </Page>
  );
}

/** A select of municipalities; choosing one shows its views below (nothing else changes). */
function ChooseMunicipality({ options, value, onChange, label: text, hint }: { options: Choice[]; value: string; onChange: (ags: string) => void; label: string; hint: string }) {
  return (
    <div className="kern-form-input choose-municipality">
      <label className="kern-label" htmlFor="kommune-wahl">
        {text}
      </label>
      <div className="kern-hint" id="kommune-wahl-hinweis">
        {hint}
      </div>
      <div className="kern-form-input__select-wrapper">
        <select id="kommune-wahl" className="kern-form-input__select" aria-describedby="kommune-wahl-hinweis" value={value} onChange={(event) => onChange(event.target.value)}>
          {value === '' ? <option value="">Bitte wählen</option> : null}
          {options.map((o) => (
            <option key={o.ags} value={o.ags}>
              {o.label ?? o.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function EditorPage({ viewer, ownAgs, chosen, choose }: { viewer: Viewer; ownAgs: string | null; chosen: string | null; choose: (ags: string) => void }) {
  const own = viewer.municipalities;
  if (own.length === 0) {
    return (
      <Page title={TITLE}>
        <Empty>Ihrem Konto ist noch keine Kommune zugeordnet. Bitte wenden Sie sich an die Koordination des Welcome Hub.</Empty>
      </Page>
    );
  }
  const current = own.find((m) => m.ags === chosen) ?? own.find((m) => m.ags === ownAgs) ?? own[0];
  return (
    <Page title={TITLE} lead={`Entwürfe, Interesse anderer Kommunen, Anmeldungen zu Veranstaltungen und die Teilnahme an Kooperationen für ${current.name}.`}>
      {own.length > 1 ? (
        <ChooseMunicipality
          label="Kommune"
          hint="Sie arbeiten für mehrere Kommunen. Die Angaben unten gelten für die gewählte."
          options={[...own].sort((a, b) => a.name.localeCompare(b.name, 'de'))}
          value={current.ags}
          onChange={choose}
        />
      ) : null}
      <p className="kern-body">
        Sie bearbeiten <strong>{current.name}</strong>. <Link href={`/kommunen/${current.ags}`}>Öffentliche Seite von {current.name}</Link>
      </p>
      <MunicipalityWorkspace key={current.ags} ags={current.ags} name={current.name} />
    </Page>
  );
}

/** What an editor (or a coordinator acting for it) manages for one municipality. */
function MunicipalityWorkspace({ ags, name: givenName, onChanged }: { ags: string; name: string; onChanged?: () => void }) {
  const answer = useQuery(MyMunicipality, { ags });
  const [notice, setNotice] = useState<string | null>(null);
  const { data, errors, refetch } = answer;

  if (!data) {
    if (answer.loading) return <Loading what={`Angaben zu ${givenName}`} />;
    if (isNotFound(errors)) return <Empty>Die Kommune mit dem Gemeindeschlüssel „{ags}“ wurde nicht gefunden.</Empty>;
    return <Errors errors={errors} onRetry={refetch} />;
  }

  const municipality = data.municipality;
  const name = municipality?.name ?? givenName;
  const practiceErrors = errorsUnder(errors, 'practices');
  const registrationErrors = errorsUnder(errors, 'municipality', 'registrations');
  const municipalityErrors = errorsUnder(errors, 'municipality').filter((e) => !registrationErrors.includes(e));
  const otherErrors = errors.filter((e) => !practiceErrors.includes(e) && !registrationErrors.includes(e) && !municipalityErrors.includes(e));
  if (!municipality && municipalityErrors.length === 0) {
    return <Empty>Die Kommune mit dem Gemeindeschlüssel „{ags}“ wurde nicht gefunden.</Empty>;
  }
  const practices = data.practices?.edges.map((e) => e.node) ?? null;

  const done = (message: string) => {
    clearCache();
    setNotice(message);
    refetch();
    onChanged?.();
  };

  return (
    <div aria-busy={answer.loading}>
      <Errors errors={otherErrors} onRetry={refetch} />
      <Drafts name={name} practices={practices} errors={practiceErrors} retry={refetch} />
      <Interests name={name} practices={practices} errors={practiceErrors} retry={refetch} />
      <Registrations name={name} municipality={municipality} errors={[...registrationErrors, ...(municipality ? [] : municipalityErrors)]} retry={refetch} />
      <Section title="Teilnahme an Kooperationen" id="teilnahme">
        <p className="kern-body">
          Mit einer Teilnahmeerklärung sagt {name} verbindlich zu, an einer Kooperation teilzunehmen. Die Ansprechperson sehen nur angemeldete Nutzerinnen und
          Nutzer des Welcome Hub.
        </p>
        {/* After a write the form that had the focus may be gone: the confirmation takes it. */}
        {notice ? <Notice title={notice} focusKey={notice} /> : null}
        <Errors errors={municipalityErrors} onRetry={refetch} />
        {municipality ? (
          municipality.cooperations.length === 0 ? (
            <Empty>{name} gehört keiner Kooperation an und ist zu keiner eingeladen.</Empty>
          ) : (
            <ul className="participations">
              {municipality.cooperations.map((c) => (
                <li key={c.slug}>
                  <ParticipationCard
                    ags={ags}
                    name={name}
                    cooperation={c}
                    participation={municipality.participations.find((p) => p.cooperation.slug === c.slug && p.active) ?? null}
                    onStart={() => setNotice(null)}
                    onDone={done}
                  />
                </li>
              ))}
            </ul>
          )
        ) : null}
      </Section>
    </div>
  );
}

function Drafts({ name, practices, errors, retry }: { name: string; practices: PracticeNode[] | null; errors: ApiError[]; retry: () => void }) {
  const drafts = (practices ?? []).filter((p) => p.draft);
  return (
    <Section title="Entwürfe" id="entwuerfe">
      <p className="kern-body">Entwürfe sehen nur die Redaktion von {name} und die Koordination, bis sie veröffentlicht werden.</p>
      <Errors errors={errors} onRetry={retry} />
      {practices && drafts.length === 0 ? (
        <Empty>{name} hat keine Entwürfe. Wenn Sie ein Praxisbeispiel einer anderen Kommune übernehmen, entsteht hier ein Entwurf.</Empty>
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
                  {p.status ? `${label(PRACTICE_STATUS, p.status)} · ` : ''}zuletzt geändert am {formatDate(p.updatedAt, true)}
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

function Interests({ name, practices, errors, retry }: { name: string; practices: PracticeNode[] | null; errors: ApiError[]; retry: () => void }) {
  const interests = (practices ?? [])
    .flatMap((p) => (p.interests ?? []).map((interest) => ({ practice: p, ...interest })))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Section title="Interesse anderer Kommunen" id="interesse">
      <Errors errors={errors} onRetry={retry} />
      {practices && interests.length === 0 ? <Empty>Noch hat keine Kommune Interesse an einem Praxisbeispiel von {name} bekundet.</Empty> : null}
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
                  <td className="kern-table__cell">{i.municipality ? <Link href={`/kommunen/${i.municipality.ags}`}>{i.municipality.name}</Link> : 'nicht mehr verfügbar'}</td>
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

function Registrations({ name, municipality, errors, retry }: { name: string; municipality: Workspace | null; errors: ApiError[]; retry: () => void }) {
  const registrations = municipality?.registrations ?? null;
  return (
    <Section title="Anmeldungen zu Veranstaltungen" id="anmeldungen">
      <Errors errors={errors} onRetry={retry} />
      {registrations && registrations.length === 0 ? (
        <Empty>
          {name} ist zu keiner Veranstaltung angemeldet. <Link href="/veranstaltungen">Veranstaltungen ansehen</Link>
        </Empty>
      ) : null}
      {registrations && registrations.length > 0 ? (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Anmeldungen von {name}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Veranstaltung
                </th>
                <th scope="col" className="kern-table__header">
                  Datum
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  Teilnehmende
                </th>
                <th scope="col" className="kern-table__header">
                  Stand der Anmeldung
                </th>
                <th scope="col" className="kern-table__header">
                  Angemeldet am
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {registrations.map((r) => (
                <tr className="kern-table__row" key={r.id}>
                  <th scope="row" className="kern-table__header">
                    <Link href={`/veranstaltungen/${r.event.slug}`}>{r.event.title}</Link>
                    {r.event.status === 'CANCELLED' ? ' (abgesagt)' : ''}
                  </th>
                  <td className="kern-table__cell">{r.event.date ? formatDate(r.event.date) : 'Datum nicht bekannt'}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {formatNumber(r.participants)}
                    {r.names && r.names.length > 0 ? <span className="kern-body--small"> ({r.names.join(', ')})</span> : null}
                  </td>
                  <td className="kern-table__cell">{label(REGISTRATION_STATUS, r.status)}</td>
                  <td className="kern-table__cell">{formatDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------
// Participation declarations: declare, change the contact person, withdraw.

function ParticipationCard(props: {
  ags: string;
  name: string;
  cooperation: Cooperation;
  participation: Participation | null;
  onStart: () => void;
  onDone: (message: string) => void;
}) {
  const { ags, name, cooperation, participation, onDone } = props;
  const [mode, setMode] = useState<'view' | 'contact' | 'withdraw'>('view');
  const headingId = `teilnahme-${cooperation.slug}-titel`;
  const contactButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<'contact' | 'withdraw' | null>(null);

  // Cancelling a form returns the focus to the button that opened it.
  useEffect(() => {
    if (mode !== 'view' || !returnTo.current) return;
    (returnTo.current === 'contact' ? contactButton : withdrawButton).current?.focus();
    returnTo.current = null;
  }, [mode]);
  const open = (next: 'contact' | 'withdraw') => {
    props.onStart();
    setMode(next);
  };
  const cancel = () => {
    returnTo.current = mode === 'view' ? null : mode;
    setMode('view');
  };
  const prefix = `teilnahme-${cooperation.slug}`;

  return (
    <article className="kern-card participation" aria-labelledby={headingId}>
      <div className="kern-card__container">
        <h3 className="kern-heading-small participation__title" id={headingId}>
          {cooperation.name}
        </h3>
        {participation ? (
          <>
            <p className="kern-body">
              <span className="kern-badge kern-badge--success">
                <span className="kern-label">Teilnahme aktiv</span>
              </span>{' '}
              Erklärt am {formatDate(participation.declaredOn)}.
            </p>
            {participation.contact ? (
              <p className="kern-body">
                Ansprechperson: {participation.contact.name} ({participation.contact.role}),{' '}
                <a href={`mailto:${participation.contact.email}`}>{participation.contact.email}</a>
              </p>
            ) : null}
            {mode === 'view' ? (
              <div className="form-actions">
                <button type="button" className="kern-btn kern-btn--secondary" ref={contactButton} onClick={() => open('contact')}>
                  <span className="kern-label">Ansprechperson ändern</span>
                </button>
                <button type="button" className="kern-btn kern-btn--secondary" ref={withdrawButton} onClick={() => open('withdraw')}>
                  <span className="kern-label">Teilnahme zurückziehen</span>
                </button>
              </div>
            ) : mode === 'contact' ? (
              <HubForm
                idPrefix={`${prefix}-kontakt`}
                title="Neue Ansprechperson"
                fields={[CONTACT_FIELDS]}
                initial={{ name: participation.contact?.name ?? '', role: participation.contact?.role ?? '', email: participation.contact?.email ?? '' }}
                submitLabel="Ansprechperson speichern"
                autoFocus
                onCancel={cancel}
                onSubmit={async (values) => {
                  const answer = await request(UpdateParticipationContact, {
                    input: { id: participation.id, contact: { name: values.name, role: values.role, email: values.email } },
                  });
                  if (!answer.data?.updateParticipationContact) return failure(answer.errors);
                  setMode('view');
                  onDone(`Die Ansprechperson für „${cooperation.name}“ ist gespeichert.`);
                  return [];
                }}
              />
            ) : (
              <HubForm
                idPrefix={`${prefix}-rueckzug`}
                title="Rückzug der Teilnahme"
                intro={`${name} nimmt danach nicht mehr an „${cooperation.name}“ teil. Eine neue Teilnahme können Sie jederzeit wieder erklären.`}
                fields={[{ key: 'withdrawnOn', label: 'Zurückgezogen am', type: 'date', hint: 'Heute oder ein früherer Tag, nicht vor der Erklärung.', max: todayInBerlin() }]}
                initial={{ withdrawnOn: todayInBerlin() }}
                submitLabel="Teilnahme verbindlich zurückziehen"
                autoFocus
                onCancel={cancel}
                onSubmit={async (values) => {
                  const answer = await request(WithdrawParticipation, { input: { id: participation.id, withdrawnOn: values.withdrawnOn || null } });
                  if (!answer.data?.withdrawParticipation) return failure(answer.errors);
                  setMode('view');
                  onDone(`Die Teilnahme von ${name} an „${cooperation.name}“ ist zurückgezogen.`);
                  return [];
                }}
              />
            )}
          </>
        ) : (
          <>
            <p className="kern-body">{name} hat die Teilnahme an dieser Kooperation noch nicht erklärt.</p>
            <HubForm
              idPrefix={`${prefix}-erklaerung`}
              title="Teilnahmeerklärung"
              fields={[
                { key: 'declaredOn', label: 'Datum der Erklärung', type: 'date', hint: 'Zum Beispiel der Tag des Ratsbeschlusses; nicht in der Zukunft.', max: todayInBerlin() },
                CONTACT_FIELDS,
              ]}
              initial={{ declaredOn: todayInBerlin(), name: '', role: '', email: '' }}
              snapshot={cooperation}
              submitLabel="Teilnahme erklären"
              onSubmit={async (values) => {
                props.onStart();
                const answer = await request(DeclareParticipation, {
                  input: { ags, cooperation: cooperation.slug, declaredOn: values.declaredOn, contact: { name: values.name, role: values.role, email: values.email } },
                });
                if (!answer.data?.declareParticipation) return failure(answer.errors);
                onDone(`Die Teilnahme von ${name} an „${cooperation.name}“ ist erklärt.`);
                return [];
              }}
            />
          </>
        )}
      </div>
    </article>
  );
}

/** The errors of a failed write; never empty, so a form never mistakes a failure for success. */
const failure = (errors: ApiError[]): ApiError[] => (errors.length > 0 ? errors : [{ message: 'no result' }]);

interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'email' | 'date';
  hint?: string;
  max?: string;
  autoComplete?: string;
}
interface FieldGroup {
  legend: string;
  hint?: string;
  fields: FieldSpec[];
}

const CONTACT_FIELDS: FieldGroup = {
  legend: 'Ansprechperson (Projektverantwortliche oder Projektverantwortlicher)',
  fields: [
    { key: 'name', label: 'Name', type: 'text', hint: 'Vor- und Nachname', autoComplete: 'off' },
    { key: 'role', label: 'Funktion oder Amt', type: 'text', hint: 'Zum Beispiel „Integrationsbeauftragte“', autoComplete: 'off' },
    { key: 'email', label: 'E-Mail-Adresse', type: 'email', autoComplete: 'off' },
  ],
};

/** The API's input fields (BAD_USER_INPUT `fields[].field`) and the form fields they belong to. */
const FIELD_OF: Record<string, string> = {
  'input.declaredOn': 'declaredOn',
  'input.withdrawnOn': 'withdrawnOn',
  'input.contact.name': 'name',
  'input.contact.role': 'role',
  'input.contact.email': 'email',
};

/**
 * A form with visible labels and hints; the hub's field errors (BAD_USER_INPUT) show at
 * their fields (aria-invalid, aria-describedby) and, as links to them, in an error summary
 * that takes the focus. Other errors (CONFLICT, FORBIDDEN, the network) show in the summary.
 */
function HubForm(props: {
  idPrefix: string;
  title: string;
  intro?: string;
  fields: (FieldSpec | FieldGroup)[];
  initial: Record<string, string>;
  submitLabel: string;
  /** The errors of the write; empty on success. */
  onSubmit: (values: Record<string, string>) => Promise<ApiError[]>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /**
   * The data the form is about (e.g. the cooperation): after a successful submit the form
   * stays locked until it changes, i.e. until the refetch has arrived, so that a second
   * submit cannot meet a CONFLICT and replace the confirmation.
   */
  snapshot?: unknown;
}) {
  const { idPrefix } = props;
  const [values, setValues] = useState(props.initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [doneWith, setDoneWith] = useState<{ snapshot: unknown } | null>(null);
  const locked = doneWith !== null && props.snapshot !== undefined && doneWith.snapshot === props.snapshot;
  const form = useRef<HTMLFormElement>(null);
  const idOf = (key: string) => `${idPrefix}-${key}`;
  const specs = props.fields.flatMap((f) => ('fields' in f ? f.fields : [f]));
  const titleId = `${idPrefix}-titel`;

  useEffect(() => {
    if (props.autoFocus) form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || locked) return;
    setBusy(true);
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    const errors = await props.onSubmit(trimmed);
    setBusy(false);
    const { problems: found, rest } = fieldProblems(errors, (field) => {
      const spec = specs.find((s) => s.key === FIELD_OF[field]);
      return spec ? { key: spec.key, target: idOf(spec.key), label: spec.label } : null;
    });
    setProblems(found);
    setGeneral(describeErrors(rest));
    if (errors.length === 0) setDoneWith({ snapshot: props.snapshot });
  };

  const renderField = (spec: FieldSpec) => (
    <TextField
      key={spec.key}
      id={idOf(spec.key)}
      name={spec.key}
      label={spec.label}
      hint={spec.hint}
      type={spec.type}
      max={spec.max}
      autoComplete={spec.autoComplete}
      value={values[spec.key] ?? ''}
      onChange={(value) => setValues((v) => ({ ...v, [spec.key]: value }))}
      error={problemFor(problems, spec.key)}
    />
  );

  return (
    <form ref={form} className="hub-form" noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h4 className="kern-heading-small hub-form__legend" id={titleId}>
        {props.title}
      </h4>
      {props.intro ? <p className="kern-body">{props.intro}</p> : null}
      <ErrorSummary
        problems={problems}
        messages={general}
        title={problems.some((p) => p.target !== null) ? 'Bitte prüfen Sie Ihre Angaben' : 'Das hat nicht geklappt'}
      />
      {props.fields.map((f) =>
        'fields' in f ? (
          <fieldset className="kern-fieldset" key={f.legend}>
            <legend className="kern-label">{f.legend}</legend>
            <div className="kern-fieldset__body">{f.fields.map(renderField)}</div>
          </fieldset>
        ) : (
          renderField(f)
        ),
      )}
      <div className="form-actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={busy || locked || undefined}>
          <span className="kern-label">{busy ? 'Wird gespeichert …' : props.submitLabel}</span>
        </button>
        {props.onCancel ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={props.onCancel}>
            <span className="kern-label">Abbrechen</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------
// Coordinators: overviews across municipalities, and the views of any one municipality.

const OVERVIEW_SECTIONS = [
  { field: 'cooperations', id: 'alle-teilnahmeerklaerungen', title: 'Teilnahmeerklärungen aller Kommunen' },
  { field: 'events', id: 'alle-veranstaltungen', title: 'Veranstaltungen und Anmeldungen' },
  { field: 'modules', id: 'alle-module', title: 'Module und ihre Nutzung' },
  { field: 'qualityAreas', id: 'quick-check-katalog', title: 'Quick-Check-Katalog' },
  { field: 'practices', id: 'alle-entwuerfe', title: 'Entwürfe aller Kommunen' },
] as const;

function CoordinatorPage({ chosen, choose }: { chosen: string | null; choose: (ags: string) => void }) {
  const overview = useQuery(CoordinatorOverview, {});
  const directory = useQuery(Municipalities, { first: 200 });
  const data = overview.data;
  const errorsOf = (field: string) => errorsUnder(overview.errors, field);
  const pageErrors = overview.errors.filter((e) => !OVERVIEW_SECTIONS.some((s) => errorsOf(s.field).includes(e)));
  const choices: Choice[] = (directory.data?.municipalities?.edges.map((e) => e.node) ?? [])
    .map((m) => ({ ags: m.ags, name: m.name, label: `${m.name} (${m.district.name})` }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags));
  const current = chosen ? (choices.find((c) => c.ags === chosen) ?? null) : null;

  return (
    <Page title={TITLE} lead="Überblick für die Koordination: Teilnahmeerklärungen, Veranstaltungen, Module, der Quick-Check-Katalog und die Entwürfe aller Kommunen.">
      <nav aria-label="Auf dieser Seite" className="kern-body">
        <ul className="kern-list">
          {OVERVIEW_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#fuer-eine-kommune">Für eine Kommune handeln</a>
          </li>
        </ul>
      </nav>
      {overview.loading && !data ? <Loading what="Übersichten" /> : null}
      <Errors errors={pageErrors} onRetry={overview.refetch} />
      {data ? (
        <>
          <OverviewParticipations data={data} errors={errorsOf('cooperations')} retry={overview.refetch} />
          <OverviewEvents data={data} errors={errorsOf('events')} retry={overview.refetch} />
          <OverviewModules data={data} errors={errorsOf('modules')} retry={overview.refetch} />
          <OverviewCatalogue data={data} errors={errorsOf('qualityAreas')} retry={overview.refetch} />
          <OverviewDrafts data={data} errors={errorsOf('practices')} retry={overview.refetch} />
        </>
      ) : null}
      <Section title="Für eine Kommune handeln" id="fuer-eine-kommune">
        <p className="kern-body">Wählen Sie eine Kommune, um wie ihre Redaktion Entwürfe, Interesse, Anmeldungen und Teilnahmeerklärungen zu sehen und zu ändern.</p>
        <Errors errors={directory.errors} onRetry={directory.refetch} />
        {directory.loading && !directory.data ? <Loading what="Kommunen" /> : null}
        {choices.length > 0 ? (
          <ChooseMunicipality
            label="Kommune"
            hint="Die Angaben erscheinen unter der Auswahl."
            options={choices}
            value={current?.ags ?? ''}
            onChange={choose}
          />
        ) : null}
        {chosen && directory.data && !current ? <Empty>Eine Kommune mit dem Gemeindeschlüssel „{chosen}“ wurde nicht gefunden.</Empty> : null}
        {current ? (
          <p className="kern-body">
            <Link href={`/kommunen/${current.ags}`}>Öffentliche Seite von {current.name}</Link>
          </p>
        ) : null}
      </Section>
      {current ? <MunicipalityWorkspace key={current.ags} ags={current.ags} name={current.name} onChanged={overview.refetch} /> : null}
    </Page>
  );
}

function Table({ caption, columns, children, captionHidden }: { caption: string; columns: string[]; children: ReactNode; captionHidden?: boolean }) {
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

function OverviewParticipations({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const cooperations = data.cooperations;
  return (
    <Section title="Teilnahmeerklärungen aller Kommunen" id="alle-teilnahmeerklaerungen">
      <Errors errors={errors} onRetry={retry} />
      {cooperations && cooperations.length === 0 ? <Empty>Im Welcome Hub gibt es keine Kooperation.</Empty> : null}
      {(cooperations ?? []).map((c) => (
        <Fragment key={c.slug}>
          <h3 className="kern-heading-small">{c.name}</h3>
          <p className="kern-body">
            {formatNumber(c.participations.length)} von {formatNumber(c.memberCount)} Mitgliedern und eingeladenen Kommunen {c.participations.length === 1 ? 'hat' : 'haben'} die
            Teilnahme erklärt.
          </p>
          {c.participations.length === 0 ? (
            <Empty>Noch keine Teilnahmeerklärung.</Empty>
          ) : (
            <Table caption={`Teilnahmeerklärungen: ${c.name}`} captionHidden columns={['Kommune', 'Erklärt am', 'Ansprechperson']}>
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

function OverviewEvents({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const events = data.events?.edges.map((e) => e.node) ?? null;
  return (
    <Section title="Veranstaltungen und Anmeldungen" id="alle-veranstaltungen">
      <Errors errors={errors} onRetry={retry} />
      {events && events.length === 0 ? <Empty>Im Welcome Hub gibt es keine Veranstaltungen.</Empty> : null}
      {events && events.length > 0 ? (
        <>
          {data.events && data.events.totalCount > events.length ? (
            <p className="kern-body">
              Die ersten {formatNumber(events.length)} von {formatNumber(data.events.totalCount)} Veranstaltungen. <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
            </p>
          ) : null}
          <Table caption="Alle Veranstaltungen nach Datum" columns={['Veranstaltung', 'Datum', 'Ausgerichtet von', 'Stand', 'Anmeldungen', 'Freie Plätze']}>
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
                  <td className="kern-table__cell">{e.capacity == null ? 'ohne Begrenzung' : `${formatNumber(e.seatsLeft ?? 0)} von ${formatNumber(e.capacity)}`}</td>
                </tr>
              );
            })}
          </Table>
        </>
      ) : null}
    </Section>
  );
}

function OverviewModules({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const modules = data.modules?.edges.map((e) => e.node) ?? null;
  return (
    <Section title="Module und ihre Nutzung" id="alle-module">
      <Errors errors={errors} onRetry={retry} />
      {modules && modules.length === 0 ? <Empty>Im Welcome Hub gibt es keine Module.</Empty> : null}
      {modules && modules.length > 0 ? (
        <Table caption="Module mit der Zahl der Kommunen, die sie nutzen" columns={['Modul', 'Art', 'Im Einsatz bei', 'Übernahmen insgesamt']}>
          {modules.map((m) => (
            <tr className="kern-table__row" key={m.slug}>
              <th scope="row" className="kern-table__header">
                <Link href={`/module/${m.slug}`}>{m.title}</Link>
              </th>
              <td className="kern-table__cell">{label(MODULE_KIND, m.kind)}</td>
              <td className="kern-table__cell">
                {count(m.inUse, 'Kommune', 'Kommunen')}
              </td>
              <td className="kern-table__cell">{formatNumber(m.adoptionCount)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}

function OverviewCatalogue({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const areas = data.qualityAreas;
  return (
    <Section title="Quick-Check-Katalog" id="quick-check-katalog">
      <Errors errors={errors} onRetry={retry} />
      {areas && areas.length === 0 ? <Empty>Der Katalog hat noch keine Qualitätsbereiche.</Empty> : null}
      {areas && areas.length > 0 ? (
        <>
          <p className="kern-body">
            {count(areas.length, 'Qualitätsbereich', 'Qualitätsbereiche')} mit {count(areas.reduce((n, a) => n + a.criteria.length, 0), 'Kriterium', 'Kriterien')}.{' '}
            <Link href="/quick-check">Zum Quick-Check</Link>
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

function OverviewDrafts({ data, errors, retry }: { data: Overview; errors: ApiError[]; retry: () => void }) {
  const drafts = data.practices ? data.practices.edges.map((e) => e.node).filter((p) => p.draft) : null;
  return (
    <Section title="Entwürfe aller Kommunen" id="alle-entwuerfe">
      <Errors errors={errors} onRetry={retry} />
      {drafts && drafts.length === 0 ? <Empty>Keine Kommune und keine Kooperation hat gerade einen Entwurf.</Empty> : null}
      {drafts && drafts.length > 0 ? (
        <Table caption="Entwürfe, die noch nicht veröffentlicht sind" columns={['Praxisbeispiel', 'Von', 'Zuletzt geändert']}>
          {drafts.map((p) => (
            <tr className="kern-table__row" key={p.slug}>
              <th scope="row" className="kern-table__header">
                <Link href={`/praxis/${p.slug}`}>{p.title}</Link>
              </th>
              <td className="kern-table__cell">
                {p.municipality ? <Link href={`/kommunen/${p.municipality.ags}`}>{p.municipality.name}</Link> : (p.cooperation?.name ?? 'nicht bekannt')}
              </td>
              <td className="kern-table__cell">{formatDate(p.updatedAt, true)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}
