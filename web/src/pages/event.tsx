import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { CancelRegistration, EventPage as EventPageQuery, EventRegistrations, RegisterForEvent } from '../../generated/operations.js';
import type { EventPageQuery as EventPageData, EventRegistrationsQuery } from '../../generated/graphql.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { EVENT_KIND, EVENT_STATUS, REGISTRATION_STATUS, label } from '../labels.js';
import { isDateOnly } from '../ui/dates.js';
import { Fact, Facts } from '../ui/facts.js';
import { ErrorSummary, FieldError, TextField, describedBy, fieldProblems, problemFor, type FieldPlace, type FieldProblem } from '../ui/form.js';
import { Licence } from '../ui/licence.js';
import { Page, Section } from '../ui/page.js';
import { describeErrors, Empty, Errors, isNotFound, Loading, Notice, type ErrorWording } from '../ui/states.js';
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
  const notFound = isNotFound(event.errors) || (event.data !== null && event.data.event === null && event.errors.length === 0);
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
        <EventFacts ev={ev} live={live} />
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

function EventFacts({ ev, live }: { ev: Ev; live: Registrations | null }) {
  const when = formatWhen(ev);
  const capacity = live?.capacity ?? ev.capacity;
  const seatsLeft = live ? live.seatsLeft : ev.seatsLeft;
  const deadline = live?.registrationDeadline ?? ev.registrationDeadline;
  const status = live?.status ?? ev.status;
  const location = ev.venue?.location;
  return (
    <Facts className="event-facts">
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
      <Fact term="Lizenz der Beschreibung">
        <Licence code={ev.licence} />
      </Fact>
    </Facts>
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
function ActionNotice({ notice }: { notice: NoticeState }) {
  return (
    <Notice tone={notice.tone} title={notice.title} focusKey={notice}>
      {notice.detail ? <p className="kern-body">{notice.detail}</p> : null}
    </Notice>
  );
}

/** A failed action's errors: what a CONFLICT or NOT_FOUND means for registering and for cancelling. */
const REGISTER_WORDING: ErrorWording = {
  CONFLICT: 'Die Anmeldung ist nicht möglich: Die Kommune ist schon angemeldet, die Veranstaltung ist abgesagt oder der Anmeldeschluss ist vorbei.',
  NOT_FOUND: 'Diese Veranstaltung gibt es nicht mehr.',
};
const CANCEL_WORDING: ErrorWording = {
  CONFLICT: 'Diese Anmeldung war schon storniert.',
  NOT_FOUND: 'Diese Anmeldung gibt es nicht mehr.',
};
const FAILED = 'Das hat nicht geklappt';

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
        {notice?.where === 'form' ? <ActionNotice notice={notice} /> : null}
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
          <RegisterForm eventId={live.id} snapshot={live} available={available} full={seatsLeft !== null && seatsLeft <= 0} onRegistered={registered} onConflict={conflict} />
        ) : null}
      </Section>
      <Section title="Angemeldete Kommunen" id="anmeldungen">
        {notice?.where === 'list' ? <ActionNotice notice={notice} /> : null}
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

const FIELD_IDS: Record<FieldName, string> = { ags: 'anmeldung-kommune', participants: 'anmeldung-teilnehmende', names: 'anmeldung-namen' };
const FIELD_LABELS: Record<FieldName, string> = { ags: 'Kommune', participants: 'Anzahl der Teilnehmenden', names: 'Namen der Teilnehmenden' };
const PARTICIPANTS_MESSAGE = 'Bitte geben Sie eine ganze Zahl von 1 bis 50 an.';

const splitNames = (text: string) =>
  text
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);

/** A problem at one of the form's fields. */
const problemAt = (name: FieldName, message: string): FieldProblem => ({ key: name, target: FIELD_IDS[name], label: FIELD_LABELS[name], message });

function validate(participants: string, names: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const n = Number(participants);
  const participantsOk = /^\d+$/.test(participants.trim()) && n >= 1 && n <= 50;
  if (!participantsOk) problems.push(problemAt('participants', PARTICIPANTS_MESSAGE));
  const bad = names.findIndex((name) => name.length < 2 || name.length > 200);
  if (bad >= 0) problems.push(problemAt('names', `Der ${bad + 1}. Name muss 2 bis 200 Zeichen lang sein.`));
  else if (participantsOk && names.length > n) problems.push(problemAt('names', `Bitte nennen Sie höchstens ${n === 1 ? 'einen Namen' : `${n} Namen`}: so viele Personen, wie teilnehmen.`));
  return problems;
}

/**
 * Where the hub's field errors (`input.participants`, `input.names[2]`, …) show, in the form's
 * own sentences; `withChoice`: whether the form has a choice of municipality to show `input.ags` at.
 */
const placeRegistration =
  (withChoice: boolean) =>
  (field: string, message: string): FieldPlace | null => {
    if (field === 'input.participants') return { key: 'participants', target: FIELD_IDS.participants, label: FIELD_LABELS.participants, message: PARTICIPANTS_MESSAGE };
    if (field === 'input.ags') return { key: 'ags', target: withChoice ? FIELD_IDS.ags : null, label: FIELD_LABELS.ags, message: 'Bitte wählen Sie eine Ihrer Kommunen.' };
    if (field.startsWith('input.names')) {
      const index = /\[(\d+)\]/.exec(field);
      const text = index ? `Der ${Number(index[1]) + 1}. Name muss 2 bis 200 Zeichen lang sein.` : /more people/.test(message) ? 'Bitte nennen Sie nicht mehr Namen, als Personen teilnehmen.' : 'Bitte prüfen Sie die Namen.';
      return { key: 'names', target: FIELD_IDS.names, label: FIELD_LABELS.names, message: text };
    }
    return null;
  };

function RegisterForm(props: {
  eventId: string;
  /** The registrations the page shows: after a registration, the form stays locked until they are fetched anew. */
  snapshot: unknown;
  available: Viewer['municipalities'];
  full: boolean;
  onRegistered: (result: { name: string; status: string; participants: number }) => void;
  onConflict: (sentences: string[]) => void;
}) {
  const [ags, setAgs] = useState(props.available[0]?.ags ?? '');
  const [participants, setParticipants] = useState('1');
  const [names, setNames] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  // Registered: a second submit before the refetch would meet a CONFLICT and replace the confirmation.
  const [registeredWith, setRegisteredWith] = useState<{ snapshot: unknown } | null>(null);
  const locked = registeredWith !== null && registeredWith.snapshot === props.snapshot;
  const selected = props.available.some((m) => m.ags === ags) ? ags : (props.available[0]?.ags ?? '');
  const selectedName = props.available.find((m) => m.ags === selected)?.name ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || locked) return;
    setErrors([]);
    const list = splitNames(names);
    const local = validate(participants, list);
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    try {
      const answer = await request(RegisterForEvent, { input: { eventId: props.eventId, ags: selected, participants: Number(participants), ...(list.length ? { names: list } : {}) } });
      const result = answer.data?.registerForEvent;
      if (result && answer.errors.length === 0) {
        setParticipants('1');
        setNames('');
        setRegisteredWith({ snapshot: props.snapshot });
        props.onRegistered({ name: result.municipality?.name ?? selectedName, status: result.status, participants: result.participants });
        return;
      }
      const { problems: fromHub, rest } = fieldProblems(answer.errors.length ? answer.errors : [{ message: 'no data' }], placeRegistration(props.available.length > 1));
      setProblems(fromHub);
      if (rest.some((e) => e.extensions?.code === 'CONFLICT')) {
        // Shown above the form: after the refresh the form may be gone (the municipality is registered).
        props.onConflict(describeErrors(rest, REGISTER_WORDING));
      } else setErrors(rest);
    } finally {
      setBusy(false);
    }
  };

  const problem = (name: FieldName) => problemFor(problems, name);

  return (
    <form className="register-form" noValidate onSubmit={submit} aria-labelledby="anmeldung-formular-titel">
      <h3 className="kern-heading-small" id="anmeldung-formular-titel">
        Kommune anmelden
      </h3>
      <ErrorSummary problems={problems} />
      <Errors errors={errors} wording={REGISTER_WORDING} title={FAILED} tone="danger" />
      {props.full ? (
        <p className="kern-body register-form__full">
          <strong>Ausgebucht:</strong> Ihre Anmeldung kommt auf die Warteliste.
        </p>
      ) : null}
      {props.available.length > 1 ? (
        <div className={`kern-form-input${problem('ags') ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={FIELD_IDS.ags}>
            {FIELD_LABELS.ags}
          </label>
          <FieldError id={`${FIELD_IDS.ags}-fehler`} message={problem('ags')} />
          <div className="kern-form-input__select-wrapper">
            <select
              id={FIELD_IDS.ags}
              className={`kern-form-input__select${problem('ags') ? ' kern-form-input__select--error' : ''}`}
              value={selected}
              onChange={(event) => setAgs(event.target.value)}
              aria-invalid={problem('ags') ? true : undefined}
              aria-describedby={describedBy(problem('ags') && `${FIELD_IDS.ags}-fehler`)}
            >
              {props.available.map((m) => (
                <option key={m.ags} value={m.ags}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : (
        <p className="kern-body">
          Sie melden <strong>{selectedName}</strong> an.
        </p>
      )}
      <TextField
        id={FIELD_IDS.participants}
        label={FIELD_LABELS.participants}
        hint="1 bis 50 Personen."
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        step={1}
        required
        inputClassName="kern-form-input__input--width-4"
        value={participants}
        onChange={setParticipants}
        error={problem('participants')}
      />
      <TextField
        id={FIELD_IDS.names}
        label={FIELD_LABELS.names}
        optional
        hint="Eine Person je Zeile. Die Namen sehen nur der Veranstalter und Ihre Kommune."
        multiline
        rows={3}
        value={names}
        onChange={setNames}
        error={problem('names')}
      />
      <div className="register-form__actions">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={busy || locked || undefined}>
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
  const [errors, setErrors] = useState<ApiError[]>([]);
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
    setErrors([]);
    const waitingBefore = new Set(props.regs.filter((r) => r.status === 'WAITLISTED').map((r) => r.id));
    try {
      const answer = await request(CancelRegistration, { id: reg.id });
      if (answer.errors.length > 0 || !answer.data) {
        setErrors(answer.errors.length ? answer.errors : [{ message: 'no data' }]);
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
      <Errors errors={errors} wording={CANCEL_WORDING} title={FAILED} tone="danger" />
      <div className="kern-table-responsive">
        <table className="kern-table registrations-table">
          <caption className="kern-title">
            Anmeldungen für „{props.title}“ in der Reihenfolge des Eingangs: {formatNumber(registeredCount)} mit Platz, {formatNumber(waitingCount)} auf der Warteliste
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

/** The event as an iCalendar file (the same UID as in the hub's feeds, so calendars do not show it twice); null without a day. */
export function eventIcs(ev: Ev, pageUrl: string): string | null {
  const start = ev.startsAt ?? ev.date;
  if (!start) return null;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Welcome Hub//Veranstaltungen//DE', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT', `UID:${ev.id}@welcome-hub`, `DTSTAMP:${icsUtc(new Date())}`];
  if (isDateOnly(start)) {
    const end = ev.endsAt && isDateOnly(ev.endsAt) && ev.endsAt > start ? ev.endsAt : start;
    lines.push(`DTSTART;VALUE=DATE:${icsDay(start)}`, `DTEND;VALUE=DATE:${icsNextDay(end)}`);
  } else {
    lines.push(`DTSTART:${icsUtc(start)}`);
    if (ev.endsAt && !isDateOnly(ev.endsAt)) lines.push(`DTEND:${icsUtc(ev.endsAt)}`);
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
