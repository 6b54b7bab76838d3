import { useEffect, useRef, useState } from 'react';
import { CancelRegistration, EventRegistrations } from '../../../generated/operations.js';
import { request, type ApiError } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { REGISTRATION_STATUS, label } from '../../labels.js';
import { Empty, Errors, type ErrorWording } from '../../ui/states.js';
import { FAILED, municipalityName, type Reg } from './common.js';

// The registrations table, with cancellation

/** A failed cancellation's errors: what a CONFLICT or NOT_FOUND means here. */
const CANCEL_WORDING: ErrorWording = {
  CONFLICT: 'Diese Anmeldung war schon storniert.',
  NOT_FOUND: 'Diese Anmeldung gibt es nicht mehr.',
};

/**
 * The registrations in order of arrival; who may cancel one confirms it in place (the focus
 * moves to the confirmation and back), and a cancellation names who moved up from the waiting list.
 */
export function RegistrationTable(props: {
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
      const movedUp = (after.data?.event?.registrations ?? []).filter(
        (r) => waitingBefore.has(r.id) && r.status === 'REGISTERED',
      );
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
            Anmeldungen für „{props.title}“ in der Reihenfolge des Eingangs: {formatNumber(registeredCount)} mit Platz,{' '}
            {formatNumber(waitingCount)} auf der Warteliste
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
                    {r.status === 'WAITLISTED'
                      ? `${label(REGISTRATION_STATUS, r.status)} (an ${props.positions.get(r.id)}. Stelle)`
                      : label(REGISTRATION_STATUS, r.status)}
                  </td>
                  <td className="kern-table__cell">{formatDate(r.createdAt, true)}</td>
                  {withNames ? (
                    <td className="kern-table__cell">{r.names && r.names.length > 0 ? r.names.join(', ') : '–'}</td>
                  ) : null}
                  {withActions ? (
                    <td className="kern-table__cell registrations-table__action">
                      {!props.canCancel(r) ? null : confirming === r.id ? (
                        <fieldset aria-labelledby={`storno-${r.id}`} className="kern-fieldset confirm">
                          <p className="kern-body" id={`storno-${r.id}`}>
                            Anmeldung von {name} wirklich stornieren?
                            {r.status === 'REGISTERED' ? ' Die Plätze gehen an die Warteliste.' : ''}
                          </p>
                          <button
                            type="button"
                            className="kern-btn kern-btn--primary"
                            ref={confirmRef}
                            onClick={() => cancel(r)}
                            aria-disabled={busy === r.id || undefined}
                          >
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
                        </fieldset>
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
          {cancelledOthers === 1
            ? 'Eine weitere Anmeldung wurde storniert.'
            : `${formatNumber(cancelledOthers)} weitere Anmeldungen wurden storniert.`}
        </p>
      ) : null}
    </>
  );
}
