import { useState, type FormEvent } from 'react';
import { RegisterForEvent } from '../../../generated/operations.js';
import { request, type ApiError } from '../../api/client.js';
import type { Viewer } from '../../api/session.js';
import {
  ErrorSummary,
  FieldError,
  TextField,
  describedBy,
  fieldProblems,
  problemFor,
  type FieldPlace,
  type FieldProblem,
} from '../../ui/form.js';
import { describeErrors, Errors, type ErrorWording } from '../../ui/states.js';
import { FAILED } from './common.js';

// The registration form: checks in the browser first, then places the hub's field errors.

/** A failed registration's errors: what a CONFLICT or NOT_FOUND means here. */
const REGISTER_WORDING: ErrorWording = {
  CONFLICT:
    'Die Anmeldung ist nicht möglich: Die Kommune ist schon angemeldet, die Veranstaltung ist abgesagt oder der Anmeldeschluss ist vorbei.',
  NOT_FOUND: 'Diese Veranstaltung gibt es nicht mehr.',
};

type FieldName = 'ags' | 'participants' | 'names';

const FIELD_IDS: Record<FieldName, string> = {
  ags: 'anmeldung-kommune',
  participants: 'anmeldung-teilnehmende',
  names: 'anmeldung-namen',
};
const FIELD_LABELS: Record<FieldName, string> = {
  ags: 'Kommune',
  participants: 'Anzahl der Teilnehmenden',
  names: 'Namen der Teilnehmenden',
};
const PARTICIPANTS_MESSAGE = 'Bitte geben Sie eine ganze Zahl von 1 bis 50 an.';

const splitNames = (text: string) =>
  text
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);

/** A problem at one of the form's fields. */
const problemAt = (name: FieldName, message: string): FieldProblem => ({
  key: name,
  target: FIELD_IDS[name],
  label: FIELD_LABELS[name],
  message,
});

function validate(participants: string, names: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const n = Number(participants);
  const participantsOk = /^\d+$/.test(participants.trim()) && n >= 1 && n <= 50;
  if (!participantsOk) problems.push(problemAt('participants', PARTICIPANTS_MESSAGE));
  const bad = names.findIndex((name) => name.length < 2 || name.length > 200);
  if (bad >= 0) problems.push(problemAt('names', `Der ${bad + 1}. Name muss 2 bis 200 Zeichen lang sein.`));
  else if (participantsOk && names.length > n)
    problems.push(
      problemAt(
        'names',
        `Bitte nennen Sie höchstens ${n === 1 ? 'einen Namen' : `${n} Namen`}: so viele Personen, wie teilnehmen.`,
      ),
    );
  return problems;
}

/**
 * Where the hub's field errors (`input.participants`, `input.names[2]`, …) show, in the form's
 * own sentences; `withChoice`: whether the form has a choice of municipality to show `input.ags` at.
 */
const placeRegistration =
  (withChoice: boolean) =>
  (field: string, message: string): FieldPlace | null => {
    if (field === 'input.participants')
      return {
        key: 'participants',
        target: FIELD_IDS.participants,
        label: FIELD_LABELS.participants,
        message: PARTICIPANTS_MESSAGE,
      };
    if (field === 'input.ags')
      return {
        key: 'ags',
        target: withChoice ? FIELD_IDS.ags : null,
        label: FIELD_LABELS.ags,
        message: 'Bitte wählen Sie eine Ihrer Kommunen.',
      };
    if (field.startsWith('input.names')) {
      const index = /\[(\d+)\]/.exec(field);
      const text = index
        ? `Der ${Number(index[1]) + 1}. Name muss 2 bis 200 Zeichen lang sein.`
        : /more people/.test(message)
          ? 'Bitte nennen Sie nicht mehr Namen, als Personen teilnehmen.'
          : 'Bitte prüfen Sie die Namen.';
      return { key: 'names', target: FIELD_IDS.names, label: FIELD_LABELS.names, message: text };
    }
    return null;
  };

/** Registers one of the viewer's municipalities (a choice where there are several) with its participants. */
export function RegisterForm(props: {
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
      const answer = await request(RegisterForEvent, {
        input: {
          eventId: props.eventId,
          ags: selected,
          participants: Number(participants),
          ...(list.length ? { names: list } : {}),
        },
      });
      const result = answer.data?.registerForEvent;
      if (result && answer.errors.length === 0) {
        setParticipants('1');
        setNames('');
        setRegisteredWith({ snapshot: props.snapshot });
        props.onRegistered({
          name: result.municipality?.name ?? selectedName,
          status: result.status,
          participants: result.participants,
        });
        return;
      }
      const { problems: fromHub, rest } = fieldProblems(
        answer.errors.length ? answer.errors : [{ message: 'no data' }],
        placeRegistration(props.available.length > 1),
      );
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
