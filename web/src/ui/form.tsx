import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
import { formatNumber } from '../format.js';
import { germanFieldMessage } from './field-messages.js';
import './form.css';

// Forms: the hub's field errors placed at the form's fields (in German: field-messages.ts),
// labelled fields with hints and errors, and the error summary that names and links them.

// ---------------------------------------------------------------------------------------
// Field problems: the form's own checks and the hub's BAD_USER_INPUT `extensions.fields`

/** A problem with one form field, in German, as the error summary lists it and the field shows it. */
export interface FieldProblem {
  /** The field in the form's own terms (e.g. "status", "link-0-url", or the API's "input.title"); one problem per key. */
  key: string;
  /** Id of the element that takes the focus from the summary; null when no field on the form shows it (listed without a link). */
  target: string | null;
  /** The field's label, as the summary names it; null when there is none. */
  label: string | null;
  message: string;
}

/** Where an API field (`input.title`, `input.links[2].url`) shows on a form; `message` replaces the general German sentence. */
export interface FieldPlace {
  key?: string;
  target: string | null;
  label: string | null;
  message?: string;
}

/**
 * How a form places the API's fields: a map from the API's field path to the input's id and
 * label, or a function (for indexed paths) returning the place, or null when no field shows it.
 */
export type FieldPlacement =
  | Record<string, { id: string; label: string }>
  | ((field: string, message: string) => FieldPlace | null);

/**
 * The errors of an answer, split: `problems`, the BAD_USER_INPUT field errors in German at
 * the form's fields (fields the form does not show are listed without a link), and `rest`,
 * every other error — including a BAD_USER_INPUT without `fields` — for `Errors`.
 */
export function fieldProblems(
  errors: ApiError[],
  placement: FieldPlacement,
): { problems: FieldProblem[]; rest: ApiError[] } {
  const problems: FieldProblem[] = [];
  const rest: ApiError[] = [];
  for (const error of errors) {
    const fields = error.extensions?.code === 'BAD_USER_INPUT' ? (error.extensions.fields ?? []) : [];
    if (fields.length === 0) {
      rest.push(error);
      continue;
    }
    for (const { field, message } of fields) {
      const mapped = typeof placement === 'function' ? placement(field, message) : placement[field];
      const place: FieldPlace | null =
        mapped && 'id' in mapped ? { target: mapped.id, label: mapped.label } : (mapped ?? null);
      const problem: FieldProblem = {
        key: place?.key ?? field,
        target: place?.target ?? null,
        label: place?.label ?? null,
        message: place?.message ?? germanFieldMessage(message),
      };
      if (!problems.some((p) => p.key === problem.key)) problems.push(problem);
    }
  }
  return { problems, rest };
}

/** The message of the field with this key, if any. */
export const problemFor = (problems: FieldProblem[], key: string): string | undefined =>
  problems.find((p) => p.key === key)?.message;

/** "Bitte prüfen Sie eine Angabe", "Bitte prüfen Sie 5 Angaben": an error summary's title that counts. */
export const problemCountTitle = (count: number): string =>
  count === 1 ? 'Bitte prüfen Sie eine Angabe' : `Bitte prüfen Sie ${formatNumber(count)} Angaben`;

// ---------------------------------------------------------------------------------------
// The error summary

const NONE: string[] = [];

/**
 * The error summary above a form: role="alert", each field problem a link that moves the
 * focus to its field, then `messages` (other errors, in German) as text. It takes the focus
 * when it appears and after every attempt that produces problems: pass `problems` and
 * `messages` from state (or memoized on the answer), so that they change with each attempt only.
 */
export function ErrorSummary({
  problems,
  messages = NONE,
  title = 'Bitte prüfen Sie Ihre Eingaben',
}: {
  problems: FieldProblem[];
  messages?: string[];
  title?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = problems.length > 0 || messages.length > 0;
  // problems and messages are triggers: each attempt with problems brings new arrays, and the
  // focus returns to the summary, even when the problems are the same as before.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new problems/messages re-focus the summary
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown, problems, messages]);
  if (!shown) return null;
  return (
    <div
      className="kern-alert kern-alert--danger error-summary"
      role="alert"
      tabIndex={-1}
      ref={box}
      aria-labelledby={titleId}
    >
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title" id={titleId}>
          {title}
        </span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {problems.map((p) => (
            <li key={`${p.key}-${p.message}`}>
              {p.target ? (
                <a
                  href={`#${p.target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const element = document.getElementById(p.target!);
                    element?.scrollIntoView({ block: 'center' });
                    element?.focus();
                  }}
                >
                  {p.label}: {p.message}
                </a>
              ) : p.label ? (
                `${p.label}: ${p.message}`
              ) : (
                p.message
              )}
            </li>
          ))}
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// Fields

/** Ids joined for aria-describedby; undefined when none. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;

/** The message at a field; its id (`<field id>-fehler`) goes into the field's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span className="kern-body">
        <span className="visually-hidden">Fehler: </span>
        {message}
      </span>
    </p>
  );
}

/** " (optional)" after a label, legend or heading, in KERN's style for optional fields. */
export function OptionalMark() {
  return (
    <>
      {' '}
      <span className="kern-label__optional">(optional)</span>
    </>
  );
}

/**
 * A labelled field (one line or a textarea): the hint (`<id>-hinweis`) and the error
 * (`<id>-fehler`) are tied to it with aria-describedby; an error sets aria-invalid and
 * KERN's error style. `labelSuffix` adds words to the label, e.g. visually hidden context.
 */
export function TextField(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  labelSuffix?: ReactNode;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'date' | 'url' | 'number';
  name?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url' | 'email';
  min?: number | string;
  max?: number | string;
  step?: number;
  maxLength?: number;
  required?: boolean;
  /** Extra classes of the wrapper and of the input. */
  className?: string;
  inputClassName?: string;
}) {
  const hintId = props.hint ? `${props.id}-hinweis` : null;
  const errorId = props.error ? `${props.id}-fehler` : null;
  const inputClass = [
    'kern-form-input__input',
    props.error ? 'kern-form-input__input--error' : null,
    props.multiline ? 'form-textarea' : null,
    props.inputClassName,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id: props.id,
    name: props.name ?? props.id,
    value: props.value,
    maxLength: props.maxLength,
    required: props.required,
    'aria-describedby': describedBy(hintId, errorId),
    'aria-invalid': props.error ? true : undefined,
    className: inputClass,
  } as const;
  return (
    <div
      className={['kern-form-input', props.error ? 'kern-form-input--error' : null, props.className]
        .filter(Boolean)
        .join(' ')}
    >
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
        {props.optional ? <OptionalMark /> : null}
        {props.labelSuffix}
      </label>
      {props.hint ? (
        <div className="kern-hint" id={hintId!}>
          {props.hint}
        </div>
      ) : null}
      <FieldError id={`${props.id}-fehler`} message={props.error} />
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 5} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          min={props.min}
          max={props.max}
          step={props.step}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </div>
  );
}
