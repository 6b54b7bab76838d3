import { useState } from 'react';
import type { ApiError } from '../../api/client.js';
import { signInUrl, useSession } from '../../api/session.js';
import { formatDate, formatNumber } from '../../format.js';
import { Section } from '../../ui/page.js';
import { Errors, Loading, Notice } from '../../ui/states.js';
import { deadlinePassed } from '../events.js';
import { type Ev, municipalityName, persons, type Reg, type Registrations } from './common.js';
import { RegisterForm } from './register-form.js';
import { RegistrationTable } from './registration-table.js';

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

/** Position on the waiting list (1 = next to move up), in order of arrival. */
function waitingPositions(regs: Reg[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (const r of regs) if (r.status === 'WAITLISTED') positions.set(r.id, positions.size + 1);
  return positions;
}

/**
 * The two registration sections: registering (or why not), then the registered
 * municipalities. Confirmations show in the section where the action happened.
 */
export function RegistrationArea(props: {
  slug: string;
  ev: Ev;
  live: Registrations | null;
  loading: boolean;
  errors: ApiError[];
  retry: () => void;
  refresh: () => void;
}) {
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
        ? {
            tone: 'success',
            where: 'form',
            title: `${result.name} ist angemeldet und hat ${result.participants === 1 ? 'einen Platz' : `${formatNumber(result.participants)} Plätze`}.`,
          }
        : {
            tone: 'info',
            where: 'form',
            title: `${result.name} steht auf der Warteliste.`,
            detail:
              'Es sind nicht genug Plätze frei. Sobald Plätze frei werden, rückt die Anmeldung in der Reihenfolge des Eingangs automatisch nach.',
          },
    );
    props.refresh();
  };

  const conflict = (sentences: string[]) => {
    setNotice({
      tone: 'warning',
      where: 'form',
      title: sentences[0] ?? 'Die Anmeldung ist nicht möglich.',
      detail: sentences.slice(1).join(' ') || undefined,
    });
    props.refresh();
  };

  const cancelled = (reg: Reg, movedUp: Reg[]) => {
    setNotice({
      tone: 'success',
      where: 'list',
      title: `Anmeldung storniert: ${municipalityName(reg)} ist abgemeldet.`,
      detail:
        movedUp.length > 0
          ? `Von der Warteliste nachgerückt: ${movedUp.map((r) => `${municipalityName(r)} (${persons(r.participants)})`).join(', ')}.`
          : undefined,
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
          <p className="kern-body">
            Anmelden kann nur die Redaktion einer Kommune. Ihr Konto ist keiner Kommune zugeordnet.
          </p>
        ) : available.length === 0 ? (
          <p className="kern-body">
            {viewer.municipalities.length === 1
              ? 'Ihre Kommune ist schon angemeldet.'
              : 'Alle Ihre Kommunen sind schon angemeldet.'}
          </p>
        ) : live ? (
          <RegisterForm
            eventId={live.id}
            snapshot={live}
            available={available}
            full={seatsLeft !== null && seatsLeft <= 0}
            onRegistered={registered}
            onConflict={conflict}
          />
        ) : null}
      </Section>
      <Section title="Angemeldete Kommunen" id="anmeldungen">
        {notice?.where === 'list' ? <ActionNotice notice={notice} /> : null}
        <Errors errors={props.errors} onRetry={props.retry} />
        {props.loading ? (
          <Loading what="Anmeldungen" />
        ) : live ? (
          <RegistrationTable
            slug={props.slug}
            title={ev.title}
            regs={regs}
            positions={positions}
            mine={mine}
            canCancel={canCancel}
            onCancelled={cancelled}
            onFailed={props.refresh}
          />
        ) : null}
      </Section>
    </>
  );
}
