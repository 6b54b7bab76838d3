import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { CancelRegistration, EventPage as EventPageQuery, EventRegistrations, RegisterForEvent } from '../../generated/operations.js';
import type { EventPageQuery as EventPageData, EventRegistrationsQuery } from '../../generated/graphql.js';
import { clearCache, errorWith, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { EVENT_KIND, EVENT_STATUS, REGISTRATION_STATUS, label } from '../labels.js';
import { Page, Section } from '../ui/page.js';
import { describeError, Empty, Errors, Loading } from '../ui/states.js';
import { Badge, CalendarHelp, deadlinePassed, FeedLink, feedUrl, formatWhen, seatsText } from './events.js';
import './events.css';

type Ev = NonNullable<EventPageData['event']>;
type Registrations = NonNullable<EventRegistrationsQuery['event']>;
type Reg = Registrations['registrations'][number];


const persons = (n: number) => (n === 1 ? '1 Person' : `${formatNumber(n)} Personen`);
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export function EventPage({ slug }: { slug: string }) {
  const session = useSession();
  const event = useQuery(EventPageQuery, { slug });
  // Signed in: read the registrations fresh (POST); signed out: the cacheable GET.
  const registrations = useQuery(EventRegistrations, { slug }, { skip: session.loading });

  if (event.loading && !event.data) {
    return (
      <Page title="Veranstaltung">
        <Loading what="Angaben zur Veranstaltung" />
      </Page>
    );
  }
  const notFound = errorWith(event.errors, 'NOT_FOUND') || errorWith(event.errors, 'BAD_USER_INPUT') || (event.data !== null && event.data.event === null && event.errors.length === 0);
  if (notFound) {
    return (
      <Page title="Veranstaltung nicht gefunden">
        <p className="kern-body">
          Eine Veranstaltung mit der Adresse „{slug}“ gibt es im Welcome Hub nicht (mehr). <Link href="/veranstaltungen">Alle Veranstaltungen ansehen</Link>
        </p>
      </Page>
    );
  }
  const ev = event.data?.event;
  if (!ev) {
    return (
      <Page title="Veranstaltung">
        <Errors errors={event.errors.length ? event.errors : [{ message: 'no data' }]} onRetry={event.refetch} />
        <p className="kern-body">
          <Link href="/veranstaltungen">Zur Übersicht der Veranstaltungen</Link>
        </p>
      </Page>
    );
  }

  const live = registrations.data?.event ?? null;
  const refresh = () => {
    clearCache();
    event.refetch();
    registrations.refetch();
  };
  const showRegistration = ev.status === 'PLANNED' || (live?.registrations.length ?? 0) > 0;
  return (
    <Page title={ev.title} lead={lead(ev)}>
      <Errors errors={event.errors} onRetry={event.refetch} />
      {ev.status === 'CANCELLED' ? (
        <div className="kern-alert kern-alert--warning event-cancelled">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title">Diese Veranstaltung ist abgesagt.</span>
          </div>
        </div>
      ) : null}
      <Section title="Auf einen Blick" id="ueberblick">
        <Facts ev={ev} live={live} />
      </Section>
      {ev.description ? (
        <Section title="Beschreibung" id="beschreibung">
          <p className="kern-body event-text">{ev.description}</p>
        </Section>
      ) : null}
      {ev.agenda ? (
        <Section title="Programm" id="programm">
          <p className="kern-body event-text">{ev.agenda}</p>
        </Section>
      ) : null}
      {ev.outcomes ? (
        <Section title="Ergebnisse" id="ergebnisse">
          <p className="kern-body event-text">{ev.outcomes}</p>
        </Section>
      ) : null}
      {showRegistration ? (
        <RegistrationArea slug={slug} ev={ev} live={live} loading={registrations.loading && !registrations.data} errors={registrations.errors} retry={registrations.refetch} refresh={refresh} />
      ) : null}
      <Section title="Im Kalender" id="kalender">
        <CalendarLinks ev={ev} viewer={session.viewer} />
      </Section>
      {ev.source ? <p className="kern-body kern-body--small event-source">Quelle: {ev.source}</p> : null}
      <p className="kern-body">
        <Link href="/veranstaltungen">Alle Veranstaltungen</Link>
      </p>
    </Page>
  );
}

function lead(ev: Ev): string {
  const when = formatWhen(ev);
  const kind = ev.seriesNumber != null && ev.series ? `${label(EVENT_KIND, ev.kind)} · ${ev.seriesNumber}. ${ev.series.name}` : label(EVENT_KIND, ev.kind);
  return when ? `${kind} · ${when}` : kind;
}

// ---------------------------------------------------------------------------------------
// Facts

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Facts({ ev, live }: { ev: Ev; live: Registrations | null }) {
  const when = formatWhen(ev);
  const capacity = live?.capacity ?? ev.capacity;
  const seatsLeft = live ? live.seatsLeft : ev.seatsLeft;
  const deadline = live?.registrationDeadline ?? ev.registrationDeadline;
  const status = live?.status ?? ev.status;
  const location = ev.venue?.location;
  return (
    <dl className="kern-description-list event-facts">
      <Fact term="Art">{label(EVENT_KIND, ev.kind)}</Fact>
      <Fact term="Stand">
        <Badge tone={status === 'CANCELLED' ? 'danger' : status === 'HELD' ? 'info' : 'success'}>{label(EVENT_STATUS, status)}</Badge>
      </Fact>
      <Fact term="Termin">{when ?? 'in den Quellen nicht angegeben'}</Fact>
      {ev.venue ? (
        <Fact term="Ort">
          {ev.venue.name}
          {ev.venue.address ? (
            <>
              <br />
              {ev.venue.address}
            </>
          ) : null}
          {location ? (
            <>
              <br />
              <a href={`https://www.openstreetmap.org/?mlat=${location.lat}&mlon=${location.lon}#map=17/${location.lat}/${location.lon}`}>Ort auf OpenStreetMap zeigen</a>
            </>
          ) : null}
        </Fact>
      ) : null}
      {ev.onlineUrl && isWebUrl(ev.onlineUrl) ? (
        <Fact term="Online">
          <a href={ev.onlineUrl}>Online teilnehmen</a>
        </Fact>
      ) : null}
      {ev.host ? (
        <Fact term="Gastgeber">
          <Link href={`/kommunen/${ev.host.ags}`}>{ev.host.name}</Link>
        </Fact>
      ) : null}
      {ev.organizer || ev.organizerName ? <Fact term="Veranstalter">{ev.organizer?.name ?? ev.organizerName}</Fact> : null}
      {ev.series ? (
        <Fact term="Reihe">
          <Link href={`/veranstaltungen/reihen/${ev.series.slug}`}>{ev.series.name}</Link>
          {ev.seriesNumber != null ? ` (${ev.seriesNumber}. Termin der Reihe)` : ''}
        </Fact>
      ) : null}
      {status === 'PLANNED' || capacity != null ? (
        <Fact term="Plätze">{capacity == null ? 'nicht begrenzt' : `${formatNumber(capacity)} insgesamt, ${seatsText(seatsLeft)}`}</Fact>
      ) : null}
      {deadline ? (
        <Fact term="Anmeldeschluss">
          {formatDate(deadline, true)}
          {deadlinePassed(deadline) ? ' (vorbei)' : ''}
        </Fact>
      ) : null}
      {ev.participantsCount != null ? <Fact term="Teilnehmende">{formatNumber(ev.participantsCount)}</Fact> : null}
      {ev.participationNote ? <Fact term="Teilnahme">{ev.participationNote}</Fact> : null}
    </dl>
  );
}

// ---------------------------------------------------------------------------------------
// Registration: the form, the own registrations, the list with cancellation

interface NoticeState {
  tone: 'success' | 'info' | 'warning';
  title: string;
  detail?: string;
  where: 'form' | 'list';
}

/** A confirmation after an action; takes the focus so keyboard and screen reader users hear it. */
function Notice({ notice }: { notice: NoticeState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [notice]);
  return (
    <div className={`kern-alert kern-alert--${notice.tone} notice`} role={notice.tone === 'warning' ? 'alert' : 'status'} tabIndex={-1} ref={ref}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${notice.tone}`} aria-hidden="true" />
        <span className="kern-title">{notice.title}</span>
      </div>
      {notice.detail ? (
        <div className="kern-alert__body">
          <p className="kern-body">{notice.detail}</p>
        </div>
      ) : null}
    </div>
  );
}

/** An alert with German sentences for a failed action. */
function Problem({ sentences }: { sentences: string[] }) {
  if (sentences.length === 0) return null;
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">Das hat nicht geklappt</span>
      </div>
      <div className="kern-alert__body">
        {sentences.map((s) => (
          <p className="kern-body" key={s}>
            {s}
          </p>
        ))}
      </div>
    </div>
  );
}

const municipalityName = (reg: Reg) => reg.municipality?.name ?? 'Eine Kommune';

/** Position on the waiting list (1 = next to move up), in order of arrival. */
function waitingPositions(regs: Reg[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (const r of regs) if (r.status === 'WAITLISTED') positions.set(r.id, positions.size + 1);
  return positions;
}

function RegistrationArea(props: { slug: string; ev: Ev; live: Registrations | null; loading: boolean; errors: ApiError[]; retry: () => void; refresh: () => void }) {
  const { ev, live } = props;
  const session = useSession();
  const viewer = session.viewer;
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const regs = live?.registrations ?? [];
  const positions = waitingPositions(regs);
  const mine = new Set(viewer?.municipalities.map((m) => m.ags) ?? []);
  const ownLive = regs.filter((r) => r.municipality && mine.has(r.municipality.ags) && r.status !== 'CANCELLED');
  const taken = new Set(ownLive.map((r) => r.municipality!.ags));
  const available = viewer?.municipalities.filter((m) => !taken.has(m.ags)) ?? [];

  const status = live?.status ?? ev.status;
  const deadline = live?.registrationDeadline ?? ev.registrationDeadline;
  const capacity = live?.capacity ?? ev.capacity;
  const seatsLeft = live ? live.seatsLeft : ev.seatsLeft;
  const closed =
    status === 'CANCELLED'
      ? 'Die Veranstaltung ist abgesagt; Anmeldungen sind nicht mehr möglich.'
      : status === 'HELD'
        ? 'Die Veranstaltung hat stattgefunden; Anmeldungen sind nicht mehr möglich.'
        : deadlinePassed(deadline)
          ? `Der Anmeldeschluss ist vorbei (${formatDate(deadline!, true)}); Anmeldungen sind nicht mehr möglich.`
          : null;

  const canCancel = (reg: Reg): boolean => {
    if (!viewer || reg.status === 'CANCELLED') return false;
    if (viewer.role === 'COORDINATOR') return true;
    if (reg.municipality && mine.has(reg.municipality.ags)) return true;
    // A municipality's own event: its editors organize it.
    return ev.organizer === null && ev.host !== null && mine.has(ev.host.ags);
  };

  const registered = (result: { name: string; status: string; participants: number }) => {
    setNotice(
      result.status === 'REGISTERED'
        ? { tone: 'success', where: 'form', title: `${result.name} ist angemeldet und hat ${result.participants === 1 ? 'einen Platz' : `${formatNumber(result.participants)} Plätze`}.` }
        : {
            tone: 'info',
            where: 'form',
            title: `${result.name} steht auf der Warteliste.`,
            detail: 'Es sind nicht genug Plätze frei. Sobald Plätze frei werden, rückt die Anmeldung in der Reihenfolge des Eingangs automatisch nach.',
          },
    );
    props.refresh();
  };

  const conflict = (sentences: string[]) => {
    setNotice({ tone: 'warning', where: 'form', title: sentences[0] ?? 'Die Anmeldung ist nicht möglich.', detail: sentences.slice(1).join(' ') || undefined });
    props.refresh();
  };

  const cancelled = (reg: Reg, movedUp: Reg[]) => {
    setNotice({
      tone: 'success',
      where: 'list',
      title: `Anmeldung storniert: ${municipalityName(reg)} ist abgemeldet.`,
      detail: movedUp.length > 0 ? `Von der Warteliste nachgerückt: ${movedUp.map((r) => `${municipalityName(r)} (${persons(r.participants)})`).join(', ')}.` : undefined,
    });
    props.refresh();
  };

  return (
    <>
      <Section title="Teilnahme und Anmeldung" id="anmeldung">
        <p className="kern-body">
          {capacity == null
            ? 'Die Zahl der Plätze ist nicht begrenzt.'
            : seatsLeft !== null && seatsLeft <= 0
              ? `Alle ${formatNumber(capacity)} Plätze sind vergeben. Neue Anmeldungen kommen auf die Warteliste und rücken in der Reihenfolge des Eingangs nach, sobald Plätze frei werden.`
              : `Von ${formatNumber(capacity)} Plätzen ${seatsLeft === 1 ? 'ist noch einer' : `sind noch ${formatNumber(seatsLeft ?? capacity)}`} frei. Ohne freie Plätze kommt eine Anmeldung auf die Warteliste.`}
          {deadline && !deadlinePassed(deadline) ? ` Anmeldeschluss: ${formatDate(deadline, true)}.` : ''}
        </p>
        {notice?.where === 'form' ? <Notice notice={notice} /> : null}
        {ownLive.length > 0 ? (
          <>
            <h3 className="kern-heading-small">Ihre Anmeldungen</h3>
            <ul className="kern-list own-registrations">
              {ownLive.map((r) => (
                <li key={r.id} className="kern-body">
                  {r.status === 'REGISTERED'
                    ? `${municipalityName(r)} ist angemeldet (${persons(r.participants)}).`
                    : `${municipalityName(r)} steht auf der Warteliste (an ${positions.get(r.id)}. Stelle, ${persons(r.participants)}).`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {closed ? (
          <p className="kern-body registration-closed">{closed}</p>
        ) : session.loading ? null : !viewer ? (
          <p className="kern-body">
            Kommunen melden sich mit dem Konto ihrer Redaktion an.{' '}
            <a className="kern-btn kern-btn--primary sign-in-link" href={signInUrl(`/veranstaltungen/${props.slug}`)}>
              <span className="kern-label">Anmelden, um Ihre Kommune anzumelden</span>
            </a>
          </p>
        ) : viewer.municipalities.length === 0 ? (
          <p className="kern-body">Anmelden kann nur die Redaktion einer Kommune. Ihr Konto ist keiner Kommune zugeordnet.</p>
        ) : available.length === 0 ? (
          <p className="kern-body">{viewer.municipalities.length === 1 ? 'Ihre Kommune ist schon angemeldet.' : 'Alle Ihre Kommunen sind schon angemeldet.'}</p>
        ) : live ? (
          <RegisterForm eventId={live.id} available={available} full={seatsLeft !== null && seatsLeft <= 0} onRegistered={registered} onConflict={conflict} />
        ) : null}
      </Section>
      <Section title="Angemeldete Kommunen" id="anmeldungen">
        {notice?.where === 'list' ? <Notice notice={notice} /> : null}
        <Errors errors={props.errors} onRetry={props.retry} />
        {props.loading ? (
          <Loading what="Anmeldungen" />
        ) : live ? (
          <RegistrationTable slug={props.slug} title={ev.title} regs={regs} positions={positions} mine={mine} canCancel={canCancel} onCancelled={cancelled} onFailed={props.refresh} />
        ) : null}
      </Section>
    </>
  );
}

// ---------------------------------------------------------------------------------------
// The registration form

type FieldName = 'ags' | 'participants' | 'names';
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_IDS: Record<FieldName, string> = { ags: 'anmeldung-kommune', participants: 'anmeldung-teilnehmende', names: 'anmeldung-namen' };
const FIELD_LABELS: Record<FieldName, string> = { ags: 'Kommune', participants: 'Anzahl der Teilnehmenden', names: 'Namen der Teilnehmenden' };

const splitNames = (text: string) =>
  text
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);

function validate(participants: string, names: string[]): FieldErrors {
  const errors: FieldErrors = {};
  const n = Number(participants);
  if (!/^\d+$/.test(participants.trim()) || n < 1 || n > 50) errors.participants = 'Bitte geben Sie eine ganze Zahl von 1 bis 50 an.';
  const bad = names.findIndex((name) => name.length < 2 || name.length > 200);
  if (bad >= 0) errors.names = `Der ${bad + 1}. Name muss 2 bis 200 Zeichen lang sein.`;
  else if (!errors.participants && names.length > n) errors.names = `Bitte nennen Sie höchstens ${n === 1 ? 'einen Namen' : `${n} Namen`}: so viele Personen, wie teilnehmen.`;
  return errors;
}

/** The hub's field errors (`input.participants`, `input.names[2]`, …) as German sentences at the fields. */
function fieldErrorsFrom(errors: ApiError[]): { fields: FieldErrors; rest: ApiError[] } {
  const fields: FieldErrors = {};
  const rest: ApiError[] = [];
  for (const error of errors) {
    const list = error.extensions?.code === 'BAD_USER_INPUT' ? (error.extensions.fields ?? []) : [];
    if (list.length === 0) {
      rest.push(error);
      continue;
    }
    for (const { field, message } of list) {
      if (field === 'input.participants') fields.participants = 'Bitte geben Sie eine ganze Zahl von 1 bis 50 an.';
      else if (field === 'input.ags') fields.ags = 'Bitte wählen Sie eine Ihrer Kommunen.';
      else if (field.startsWith('input.names')) {
        const index = /\[(\d+)\]/.exec(field);
        fields.names = index ? `Der ${Number(index[1]) + 1}. Name muss 2 bis 200 Zeichen lang sein.` : /more people/.test(message) ? 'Bitte nennen Sie nicht mehr Namen, als Personen teilnehmen.' : 'Bitte prüfen Sie die Namen.';
      } else rest.push({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  }
  return { fields, rest };
}

function registerProblem(errors: ApiError[]): string[] {
  return [
    ...new Set(
      errors.map((e) =>
        e.extensions?.code === 'CONFLICT'
          ? 'Die Anmeldung ist nicht möglich: Die Kommune ist schon angemeldet, die Veranstaltung ist abgesagt oder der Anmeldeschluss ist vorbei.'
          : e.extensions?.code === 'NOT_FOUND'
            ? 'Diese Veranstaltung gibt es nicht mehr.'
            : describeError(e),
      ),
    ),
  ];
}

function RegisterForm(props: {
  eventId: string;
  available: Viewer['municipalities'];
  full: boolean;
  onRegistered: (result: { name: string; status: string; participants: number }) => void;
  onConflict: (sentences: string[]) => void;
}) {
  const [ags, setAgs] = useState(props.available[0]?.ags ?? '');
  const [participants, setParticipants] = useState('1');
  const [names, setNames] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const selected = props.available.some((m) => m.ags === ags) ? ags : (props.available[0]?.ags ?? '');
  const selectedName = props.available.find((m) => m.ags === selected)?.name ?? '';

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem([]);
    const list = splitNames(names);
    const local = validate(participants, list);
    setFieldErrors(local);
    if (Object.keys(local).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      const answer = await request(RegisterForEvent, { input: { eventId: props.eventId, ags: selected, participants: Number(participants), ...(list.length ? { names: list } : {}) } });
      const result = answer.data?.registerForEvent;
      if (result && answer.errors.length === 0) {
        setParticipants('1');
        setNames('');
        setFieldErrors({});
        props.onRegistered({ name: result.municipality?.name ?? selectedName, status: result.status, participants: result.participants });
        return;
      }
      const { fields, rest } = fieldErrorsFrom(answer.errors.length ? answer.errors : [{ message: 'no data' }]);
      const sentences = registerProblem(rest);
      // Without a choice of municipality there is no field to show the error at.
      if (fields.ags && props.available.length <= 1) {
        sentences.push(fields.ags);
        delete fields.ags;
      }
      setFieldErrors(fields);
      if (Object.keys(fields).length > 0) setAttempt((a) => a + 1);
      if (rest.some((e) => e.extensions?.code === 'CONFLICT')) {
        // Shown above the form: after the refresh the form may be gone (the municipality is registered).
        props.onConflict(sentences);
      } else setProblem(sentences);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (Object.keys(fieldErrors) as FieldName[]).filter((f) => fieldErrors[f]);
  const describedBy = (name: FieldName, hint: boolean) => [hint ? `${FIELD_IDS[name]}-hinweis` : null, fieldErrors[name] ? `${FIELD_IDS[name]}-fehler` : null].filter(Boolean).join(' ') || undefined;
  const fieldClass = (name: FieldName) => `kern-form-input${fieldErrors[name] ? ' kern-form-input--error' : ''}`;
  const inputClass = (name: FieldName, base = 'kern-form-input__input') => `${base}${fieldErrors[name] ? ` ${base}--error` : ''}`;
  const errorText = (name: FieldName) =>
    fieldErrors[name] ? (
      <p className="kern-error" id={`${FIELD_IDS[name]}-fehler`}>
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-body">{fieldErrors[name]}</span>
      </p>
    ) : null;

  return (
    <form className="register-form" noValidate onSubmit={submit} aria-labelledby="anmeldung-formular-titel">
      <h3 className="kern-heading-small" id="anmeldung-formular-titel">
        Kommune anmelden
      </h3>
      {invalid.length > 0 ? (
        <div className="kern-alert kern-alert--danger error-summary" role="alert" tabIndex={-1} ref={summary}>
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">Bitte prüfen Sie Ihre Eingaben</span>
          </div>
          <div className="kern-alert__body">
            <ul className="kern-list">
              {invalid.map((name) => (
                <li key={name}>
                  <a
                    href={`#${FIELD_IDS[name]}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(FIELD_IDS[name])?.focus();
                    }}
                  >
                    {FIELD_LABELS[name]}: {fieldErrors[name]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <Problem sentences={problem} />
      {props.full ? (
        <p className="kern-body register-form__full">
          <strong>Ausgebucht:</strong> Ihre Anmeldung kommt auf die Warteliste.
        </p>
      ) : null}
      {props.available.length > 1 ? (
        <div className={fieldClass('ags')}>
          <label className="kern-label" htmlFor={FIELD_IDS.ags}>
            {FIELD_LABELS.ags}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={FIELD_IDS.ags}
              className={inputClass('ags', 'kern-form-input__select')}
              value={selected}
              onChange={(event) => setAgs(event.target.value)}
              aria-invalid={fieldErrors.ags ? true : undefined}
              aria-describedby={describedBy('ags', false)}
            >
              {props.available.map((m) => (
                <option key={m.ags} value={m.ags}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {errorText('ags')}
        </div>
      ) : (
        <p className="kern-body">
          Sie melden <strong>{selectedName}</strong> an.
        </p>
      )}
      <div className={fieldClass('participants')}>
        <label className="kern-label" htmlFor={FIELD_IDS.participants}>
          {FIELD_LABELS.participants}
        </label>
        <div className="kern-hint" id={`${FIELD_IDS.participants}-hinweis`}>
          1 bis 50 Personen.
        </div>
        <input
          id={FIELD_IDS.participants}
          className={`${inputClass('participants')} kern-form-input__input--width-4`}
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          step={1}
          required
          value={participants}
          onChange={(event) => setParticipants(event.target.value)}
          aria-invalid={fieldErrors.participants ? true : undefined}
          aria-describedby={describedBy('participants', true)}
        />
        {errorText('participants')}
      </div>
      <div className={fieldClass('names')}>
        <label className="kern-label" htmlFor={FIELD_IDS.names}>
          {FIELD_LABELS.names} <span className="kern-label__optional">(freiwillig)</span>
        </label>
        <div className="kern-hint" id={`${FIELD_IDS.names}-hinweis`}>
          Eine Person je Zeile. Die Namen sehen nur der Veranstalter und Ihre Kommune.
        </div>
        <textarea
          id={FIELD_IDS.names}
          className={inputClass('names')}
          rows={3}
          value={names}
          onChange={(event) => setNames(event.target.value)}
          aria-invalid={fieldErrors.names ? true : undefined}
          aria-describedby={describedBy('names', true)}
        />
        {errorText('names')}
      </div>
      <div className="register-form__actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={busy || undefined}>
          <span className="kern-label">Kommune anmelden</span>
        </button>
        <span role="status" className="kern-body register-form__busy">
          {busy ? 'Die Anmeldung wird gesendet …' : ''}
        </span>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------
// The registrations table, with cancellation

function RegistrationTable(props: {
  slug: string;
  title: string;
  regs: Reg[];
  positions: Map<string, number>;
  mine: Set<string>;
  canCancel: (reg: Reg) => boolean;
  onCancelled: (reg: Reg, movedUp: Reg[]) => void;
  onFailed: () => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelButtons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const own = (r: Reg) => Boolean(r.municipality && props.mine.has(r.municipality.ags));
  // Live registrations, and the own cancelled ones (so a cancellation stays visible).
  const shown = props.regs.filter((r) => r.status !== 'CANCELLED' || own(r));
  const cancelledOthers = props.regs.filter((r) => r.status === 'CANCELLED' && !own(r)).length;
  const withNames = shown.some((r) => r.names && r.names.length > 0);
  const withActions = shown.some(props.canCancel);
  const registeredCount = shown.filter((r) => r.status === 'REGISTERED').length;
  const waitingCount = shown.filter((r) => r.status === 'WAITLISTED').length;

  const keep = (reg: Reg) => {
    setConfirming(null);
    // Back to the button the question came from.
    setTimeout(() => cancelButtons.current.get(reg.id)?.focus(), 0);
  };

  const cancel = async (reg: Reg) => {
    if (busy) return;
    setBusy(reg.id);
    setProblem([]);
    const waitingBefore = new Set(props.regs.filter((r) => r.status === 'WAITLISTED').map((r) => r.id));
    try {
      const answer = await request(CancelRegistration, { id: reg.id });
      if (answer.errors.length > 0 || !answer.data) {
        setProblem(
          [...new Set((answer.errors.length ? answer.errors : [{ message: 'no data' } as ApiError]).map((e) =>
            e.extensions?.code === 'CONFLICT' ? 'Diese Anmeldung war schon storniert.' : e.extensions?.code === 'NOT_FOUND' ? 'Diese Anmeldung gibt es nicht mehr.' : describeError(e),
          ))],
        );
        setConfirming(null);
        props.onFailed();
        return;
      }
      // Who moved up: waiting before, registered now.
      const after = await request(EventRegistrations, { slug: props.slug });
      const movedUp = (after.data?.event?.registrations ?? []).filter((r) => waitingBefore.has(r.id) && r.status === 'REGISTERED');
      setConfirming(null);
      props.onCancelled(reg, movedUp);
    } finally {
      setBusy(null);
    }
  };

  if (props.regs.length === 0) return <Empty>Noch keine Anmeldungen.</Empty>;
  return (
    <>
      <Problem sentences={problem} />
      <div className="kern-table-responsive">
        <table className="kern-table registrations-table">
          <caption className="kern-title">
            Anmeldungen für „{props.title}“ in der Reihenfolge des Eingangs: {registeredCount} mit Platz, {waitingCount} auf der Warteliste
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Kommune
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Personen
              </th>
              <th scope="col" className="kern-table__header">
                Stand
              </th>
              <th scope="col" className="kern-table__header">
                Eingegangen
              </th>
              {withNames ? (
                <th scope="col" className="kern-table__header">
                  Namen
                </th>
              ) : null}
              {withActions ? (
                <th scope="col" className="kern-table__header">
                  Aktion
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {shown.map((r) => {
              const name = municipalityName(r);
              return (
                <tr className="kern-table__row" key={r.id}>
                  <th scope="row" className="kern-table__header">
                    {name}
                    {own(r) ? ' (Ihre Kommune)' : ''}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(r.participants)}</td>
                  <td className="kern-table__cell">
                    {r.status === 'WAITLISTED' ? `${label(REGISTRATION_STATUS, r.status)} (an ${props.positions.get(r.id)}. Stelle)` : label(REGISTRATION_STATUS, r.status)}
                  </td>
                  <td className="kern-table__cell">{formatDate(r.createdAt, true)}</td>
                  {withNames ? <td className="kern-table__cell">{r.names && r.names.length > 0 ? r.names.join(', ') : '–'}</td> : null}
                  {withActions ? (
                    <td className="kern-table__cell registrations-table__action">
                      {!props.canCancel(r) ? null : confirming === r.id ? (
                        <div role="group" aria-labelledby={`storno-${r.id}`} className="confirm">
                          <p className="kern-body" id={`storno-${r.id}`}>
                            Anmeldung von {name} wirklich stornieren?
                            {r.status === 'REGISTERED' ? ' Die Plätze gehen an die Warteliste.' : ''}
                          </p>
                          <button type="button" className="kern-btn kern-btn--primary" ref={confirmRef} onClick={() => cancel(r)} aria-disabled={busy === r.id || undefined}>
                            <span className="kern-label">
                              Ja, stornieren<span className="visually-hidden"> ({name})</span>
                            </span>
                          </button>
                          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => keep(r)}>
                            <span className="kern-label">Nein, behalten</span>
                          </button>
                          <span role="status" className="kern-body">
                            {busy === r.id ? 'Wird storniert …' : ''}
                          </span>
                        </div>
                      ) : (
                        <button
                          type="button"
                          className="kern-btn kern-btn--secondary"
                          ref={(element) => {
                            if (element) cancelButtons.current.set(r.id, element);
                            else cancelButtons.current.delete(r.id);
                          }}
                          onClick={() => setConfirming(r.id)}
                        >
                          <span className="kern-label">
                            Anmeldung stornieren<span className="visually-hidden"> ({name})</span>
                          </span>
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cancelledOthers > 0 ? (
        <p className="kern-body kern-body--small">
          {cancelledOthers === 1 ? 'Eine weitere Anmeldung wurde storniert.' : `${formatNumber(cancelledOthers)} weitere Anmeldungen wurden storniert.`}
        </p>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------
// Calendar: the event as a file, the feeds to subscribe to

// RFC 5545 text: escaped, folded at 75 octets, CRLF line ends (as the hub's feeds).
const icsText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const encoder = new TextEncoder();
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
const icsUtc = (value: string | Date) => new Date(value).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsDay = (day: string) => day.replace(/-/g, '');
const icsNextDay = (day: string) => icsDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
const dateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The event as an iCalendar file (the same UID as in the hub's feeds, so calendars do not show it twice); null without a day. */
export function eventIcs(ev: Ev, pageUrl: string): string | null {
  const start = ev.startsAt ?? ev.date;
  if (!start) return null;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Welcome Hub//Veranstaltungen//DE', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT', `UID:${ev.id}@welcome-hub`, `DTSTAMP:${icsUtc(new Date())}`];
  if (dateOnly(start)) {
    const end = ev.endsAt && dateOnly(ev.endsAt) && ev.endsAt > start ? ev.endsAt : start;
    lines.push(`DTSTART;VALUE=DATE:${icsDay(start)}`, `DTEND;VALUE=DATE:${icsNextDay(end)}`);
  } else {
    lines.push(`DTSTART:${icsUtc(start)}`);
    if (ev.endsAt && !dateOnly(ev.endsAt)) lines.push(`DTEND:${icsUtc(ev.endsAt)}`);
  }
  lines.push(`SUMMARY:${icsText(ev.title)}`, `CATEGORIES:${icsText(label(EVENT_KIND, ev.kind))}`);
  const location = [ev.venue?.name, ev.venue?.address].filter(Boolean).join(', ');
  if (location) lines.push(`LOCATION:${icsText(location)}`);
  lines.push(`DESCRIPTION:${icsText([ev.description, `Im Welcome Hub: ${pageUrl}`].filter(Boolean).join('\n\n'))}`, `URL:${pageUrl}`);
  lines.push(`STATUS:${ev.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function CalendarLinks({ ev, viewer }: { ev: Ev; viewer: Viewer | null }) {
  const pageUrl = feedUrl(`/veranstaltungen/${ev.slug}`);
  const ics = eventIcs(ev, pageUrl);
  const own = (viewer?.municipalities ?? []).filter((m) => m.ags !== ev.host?.ags);
  return (
    <>
      {ics ? (
        <p className="kern-body">
          <a href={`data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`} download={`${ev.slug}.ics`} className="ics-download">
            Termin in den eigenen Kalender übernehmen (.ics-Datei)
          </a>
          <br />
          <span className="kern-body--small">Die Datei trägt diesen einen Termin ein; spätere Änderungen erreichen Sie über ein Abonnement.</span>
        </p>
      ) : (
        <p className="kern-body">Ohne bekanntes Datum lässt sich diese Veranstaltung nicht in einen Kalender übernehmen.</p>
      )}
      <h3 className="kern-heading-small">Kalender abonnieren</h3>
      <CalendarHelp />
      <ul className="kern-list feeds">
        {ev.series ? (
          <FeedLink url={feedUrl('/calendar/events.ics', { series: ev.series.slug })} detail="Alle Termine der Reihe, auch künftige.">
            Reihe „{ev.series.name}“ abonnieren
          </FeedLink>
        ) : null}
        {ev.organizer ? (
          <FeedLink url={feedUrl('/calendar/events.ics', { organizer: ev.organizer.slug })}>Veranstaltungen von „{ev.organizer.name}“ abonnieren</FeedLink>
        ) : null}
        {ev.host ? (
          <FeedLink url={feedUrl(`/calendar/municipalities/${ev.host.ags}.ics`)} detail={`Was ${ev.host.name} ausrichtet und wofür ${ev.host.name} angemeldet ist.`}>
            Veranstaltungen von {ev.host.name} abonnieren
          </FeedLink>
        ) : null}
        {own.map((m) => (
          <FeedLink key={m.ags} url={feedUrl(`/calendar/municipalities/${m.ags}.ics`)} detail={`Mit allen Veranstaltungen, für die ${m.name} angemeldet ist.`}>
            Veranstaltungen Ihrer Kommune {m.name} abonnieren
          </FeedLink>
        ))}
        <FeedLink url={feedUrl('/calendar/events.ics')}>Alle Veranstaltungen des Welcome Hub abonnieren</FeedLink>
      </ul>
    </>
  );
}
