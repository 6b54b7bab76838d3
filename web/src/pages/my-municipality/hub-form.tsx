import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client.js';
import { ErrorSummary, TextField, fieldProblems, problemFor, type FieldProblem } from '../../ui/form.js';
import { describeErrors } from '../../ui/states.js';

/** A field of a HubForm: its key is the value's name and, with the prefix, the input's id. */
export interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'email' | 'date';
  hint?: string;
  max?: string;
  autoComplete?: string;
}
/** Fields that belong together, as a fieldset with a legend (e.g. the contact person). */
export interface FieldGroup {
  legend: string;
  hint?: string;
  fields: FieldSpec[];
}

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
export function HubForm(props: {
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
  const { idPrefix, autoFocus } = props;
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

  // Once, when the form opens: autoFocus is fixed for a form's life, so the effect never runs again.
  useEffect(() => {
    if (autoFocus) form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [autoFocus]);

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
