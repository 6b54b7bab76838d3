import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { PracticeEdit, SetAdaptedFrom, UpdatePractice } from '../../generated/operations.js';
import type { PracticeEditQuery } from '../../generated/graphql.js';
import { clearCache, errorWith, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { Page } from '../ui/page.js';
import { Errors, Loading, Success } from '../ui/states.js';
import './practice.css';

// ---------------------------------------------------------------------------------------
// Form helpers shared by the practice pages: labelled fields with hints, server field
// errors next to their field (German), and an error summary that names and links them.
// ---------------------------------------------------------------------------------------

/** A German sentence for one of the hub's (English) field messages. */
export function germanFieldMessage(message: string): string {
  let match: RegExpExecArray | null;
  if (/must not be empty/.test(message)) return 'Bitte füllen Sie dieses Feld aus.';
  if ((match = /at least (\d+) characters/.exec(message))) return `Bitte geben Sie mindestens ${formatNumber(Number(match[1]))} Zeichen ein.`;
  if ((match = /at most (\d+) characters/.exec(message))) return `Bitte geben Sie höchstens ${formatNumber(Number(match[1]))} Zeichen ein.`;
  if ((match = /at most (\d+) entries/.exec(message))) return `Höchstens ${formatNumber(Number(match[1]))} Einträge sind möglich.`;
  if (/NUL character/.test(message)) return 'Der Text enthält ein unzulässiges Steuerzeichen.';
  if (/own practice as interesting/.test(message)) return 'Ihre Kommune kann kein Interesse an ihrem eigenen Praxisbeispiel bekunden.';
  if (/cycle/.test(message)) return 'Das ergäbe einen Kreis: Die Vorlage stammt selbst schon von diesem Praxisbeispiel ab.';
  if (/8-digit AGS/.test(message)) return 'Das ist kein gültiger Gemeindeschlüssel (8 Ziffern).';
  if (/lower-case letters/.test(message)) return 'Erlaubt sind Kleinbuchstaben, Ziffern und einzelne Bindestriche.';
  if (/http or https URL/.test(message)) return 'Bitte geben Sie eine Internetadresse ein, die mit https:// beginnt.';
  if (/id \(UUID\)/.test(message)) return 'Dieser Eintrag ist nicht (mehr) gültig. Bitte laden Sie die Seite neu.';
  return 'Bitte prüfen Sie diese Angabe.';
}

/** One server field problem, placed: the field's input id (null when no field on the form shows it). */
export interface FieldProblem {
  field: string;
  inputId: string | null;
  label: string | null;
  message: string;
}

/**
 * The BAD_USER_INPUT problems of `errors`, in German, matched to the form's fields:
 * `fields` maps a server field path (e.g. "input.title") to its input id and label.
 */
export function fieldProblems(errors: ApiError[], fields: Record<string, { id: string; label: string }>): FieldProblem[] {
  const bad = errorWith(errors, 'BAD_USER_INPUT');
  return (bad?.extensions?.fields ?? []).map((problem) => {
    const target = fields[problem.field];
    return { field: problem.field, inputId: target?.id ?? null, label: target?.label ?? null, message: germanFieldMessage(problem.message) };
  });
}

/** The message of the field with this input id, if any. */
export const problemFor = (problems: FieldProblem[], inputId: string): string | null => problems.find((p) => p.inputId === inputId)?.message ?? null;

/**
 * The error summary above a form: role="alert", each field problem a link that moves the
 * focus to its field. Takes the focus itself when it appears, so keyboard users start there.
 */
export function ErrorSummary({ problems }: { problems: FieldProblem[] }) {
  const box = useRef<HTMLDivElement>(null);
  const signature = problems.map((p) => `${p.field}:${p.message}`).join('|');
  useEffect(() => {
    if (signature) box.current?.focus();
  }, [signature]);
  if (problems.length === 0) return null;
  return (
    <div className="kern-alert kern-alert--danger error-summary" role="alert" tabIndex={-1} ref={box}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">Bitte prüfen Sie Ihre Eingaben</span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {problems.map((problem) => (
            <li key={`${problem.field}-${problem.message}`}>
              {problem.inputId ? (
                <a
                  href={`#${problem.inputId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(problem.inputId!)?.focus();
                  }}
                >
                  {problem.label}: {problem.message}
                </a>
              ) : (
                problem.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * A labelled text field (one line or a textarea): the hint and an error message are tied
 * to it with aria-describedby; an error sets aria-invalid and KERN's error style.
 */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? true : undefined,
    className: `kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}`,
  } as const;
  return (
    <div className={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
        {props.optional ? <span className="kern-label__optional"> – optional</span> : null}
      </label>
      {props.hint ? (
        <div className="kern-hint" id={hintId!}>
          {props.hint}
        </div>
      ) : null}
      {props.multiline ? (
        <textarea {...common} className={`${common.className} practice-textarea`} rows={props.rows ?? 5} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete={props.autoComplete ?? 'off'} onChange={(event) => props.onChange(event.target.value)} />
      )}
      {props.error ? (
        <p className="kern-error" id={errorId!}>
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{props.error}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Whether the viewer may change a practice of this owner: its municipality's editors and coordinators. */
export function mayEdit(viewer: Viewer | null, ownerAgs: string | null | undefined): boolean {
  if (!viewer) return false;
  if (viewer.role === 'COORDINATOR') return true;
  return Boolean(ownerAgs && viewer.municipalities.some((m) => m.ags === ownerAgs));
}

/** What a navigation to a practice page may carry in history.state. */
export interface PracticeNavigationState {
  published?: boolean;
  adapted?: boolean;
}

export const navigationState = (): PracticeNavigationState => {
  const state = typeof window === 'undefined' ? null : (window.history.state as unknown);
  return state && typeof state === 'object' ? (state as PracticeNavigationState) : {};
};

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

type Editable = NonNullable<PracticeEditQuery['practice']>;

const FIELDS = {
  'input.title': { id: 'praxis-titel', label: 'Titel' },
  'input.summary': { id: 'praxis-kurzbeschreibung', label: 'Kurzbeschreibung' },
  'input.description': { id: 'praxis-beschreibung', label: 'Beschreibung' },
  'input.changes': { id: 'praxis-aenderungen', label: 'Was gegenüber dem Original geändert wurde' },
};

export function PracticeEditPage({ slug }: { slug: string }) {
  const session = useSession();
  const [location] = useLocation();
  const edit = useQuery(PracticeEdit, { slug });
  const practice = edit.data?.practice ?? null;

  if (session.loading) {
    return (
      <Page title="Praxisbeispiel bearbeiten">
        <Loading what="Angaben zur Anmeldung" />
      </Page>
    );
  }
  if (!session.viewer) {
    return (
      <Page title="Praxisbeispiel bearbeiten">
        <p className="kern-body">Praxisbeispiele bearbeiten kann die Redaktion der Kommune, der es gehört. Bitte melden Sie sich dafür an.</p>
        <p className="kern-body">
          <a className="kern-btn kern-btn--primary" href={signInUrl(location)}>
            <span className="kern-label">Anmelden</span>
          </a>
        </p>
        <p className="kern-body">
          <Link href={`/praxis/${slug}`}>Zurück zum Praxisbeispiel</Link>
        </p>
      </Page>
    );
  }
  if (!practice) {
    if (edit.loading) {
      return (
        <Page title="Praxisbeispiel bearbeiten">
          <Loading what="Praxisbeispiel" />
        </Page>
      );
    }
    const notFound = edit.errors.length === 0 || errorWith(edit.errors, 'NOT_FOUND');
    return (
      <Page title={notFound ? 'Praxisbeispiel nicht gefunden' : 'Praxisbeispiel bearbeiten'}>
        {notFound ? (
          <p className="kern-body">
            Das Praxisbeispiel „{slug}“ wurde nicht gefunden. Entwürfe sehen nur die Redaktion ihrer Kommune und die Koordination. <Link href="/">Zur Suche</Link>
          </p>
        ) : (
          <Errors errors={edit.errors} onRetry={edit.refetch} />
        )}
      </Page>
    );
  }

  const owner = practice.municipality?.name ?? practice.cooperation?.name ?? 'unbekannt';
  if (!mayEdit(session.viewer, practice.municipality?.ags)) {
    return (
      <Page title="Praxisbeispiel bearbeiten" lead={`„${practice.title}“ von ${owner}`}>
        <p className="kern-body">Dieses Praxisbeispiel kann nur die Redaktion von {owner} oder die Koordination bearbeiten.</p>
        <p className="kern-body">
          <Link href={`/praxis/${practice.slug}`}>Zurück zum Praxisbeispiel</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Praxisbeispiel bearbeiten" lead={`„${practice.title}“ von ${owner}`}>
      <Errors errors={edit.errors} onRetry={edit.refetch} />
      <EditForm key={practice.id} practice={practice} owner={owner} refetch={edit.refetch} />
    </Page>
  );
}

function EditForm({ practice, owner, refetch }: { practice: Editable; owner: string; refetch: () => void }) {
  const [, navigate] = useLocation();
  const [title, setTitle] = useState(practice.title);
  const [summary, setSummary] = useState(practice.summary);
  const [description, setDescription] = useState(practice.description ?? '');
  const [changes, setChanges] = useState(practice.adaptationChanges ?? '');
  const [busy, setBusy] = useState<null | 'save' | 'publish'>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState(practice.draft);
  const [adapted] = useState(() => navigationState().adapted === true);
  const problems = fieldProblems(errors, FIELDS);
  const otherErrors = errors.filter((e) => e.extensions?.code !== 'BAD_USER_INPUT');

  const save = async (publish: boolean) => {
    setBusy(publish ? 'publish' : 'save');
    setErrors([]);
    setSaved(null);
    try {
      // 1. The texts (a draft stays a draft until the last step).
      const updated = await request(UpdatePractice, { input: { id: practice.id, title, summary, description: description.trim() === '' ? null : description } });
      if (updated.errors.length > 0 || !updated.data) return setErrors(updated.errors);
      // 2. What was changed compared with the original, for an adaptation.
      if (practice.adaptedFrom && changes.trim() !== (practice.adaptationChanges ?? '').trim()) {
        const recorded = await request(SetAdaptedFrom, { input: { practiceId: practice.id, sourceId: practice.adaptedFrom.id, changes } });
        if (recorded.errors.length > 0 || !recorded.data) return setErrors(recorded.errors);
      }
      // 3. Publishing: everyone sees it from now on.
      if (publish && draft) {
        const published = await request(UpdatePractice, { input: { id: practice.id, draft: false } });
        if (published.errors.length > 0 || !published.data) return setErrors(published.errors);
      }
      clearCache();
      if (publish) {
        navigate(`/praxis/${practice.slug}`, { state: { published: true } satisfies PracticeNavigationState });
        return;
      }
      setDraft(updated.data.updatePractice.draft);
      setSaved(updated.data.updatePractice.draft ? 'Gespeichert. Der Entwurf ist weiterhin nur für Ihre Kommune und die Koordination sichtbar.' : 'Gespeichert.');
      refetch();
    } catch {
      // Aborted: the page was left.
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {adapted && draft ? (
        <Success>Entwurf angelegt. Passen Sie Ihre Fassung an, speichern Sie sie und veröffentlichen Sie sie, wenn sie fertig ist.</Success>
      ) : null}
      <div className="practice-edit__status">
        {draft ? (
          <p className="kern-body">
            <span className="kern-badge kern-badge--warning">
              <span className="kern-label kern-label--small">Entwurf</span>
            </span>{' '}
            Nur für {owner} und die Koordination sichtbar. Mit „Veröffentlichen“ sehen es alle.
          </p>
        ) : (
          <p className="kern-body">
            <span className="kern-badge kern-badge--success">
              <span className="kern-label kern-label--small">Veröffentlicht</span>
            </span>{' '}
            Für alle sichtbar. Zuletzt geändert am {formatDate(practice.updatedAt, true)}.
          </p>
        )}
        {practice.adaptedFrom ? (
          <p className="kern-body">
            Vorlage: <Link href={`/praxis/${practice.adaptedFrom.slug}`}>„{practice.adaptedFrom.title}“</Link>
            {practice.adaptedFrom.municipality ? ` (${practice.adaptedFrom.municipality.name})` : ''}
            {practice.adaptedAt ? `, übernommen am ${formatDate(practice.adaptedAt)}` : ''}.
          </p>
        ) : null}
      </div>
      {practice.archivedAt ? (
        <p className="kern-body">Dieses Praxisbeispiel ist seit {formatDate(practice.archivedAt)} archiviert und kann nicht mehr geändert werden.</p>
      ) : (
        <form
          className="practice-form"
          noValidate
          aria-busy={busy !== null}
          onSubmit={(event) => {
            event.preventDefault();
            void save(false);
          }}
        >
          <ErrorSummary problems={problems} />
          <Errors errors={otherErrors} />
          {saved ? <Success>{saved}</Success> : null}
          <Field id={FIELDS['input.title'].id} label="Titel" hint="3 bis 200 Zeichen." value={title} onChange={setTitle} error={problemFor(problems, FIELDS['input.title'].id)} />
          <Field
            id={FIELDS['input.summary'].id}
            label="Kurzbeschreibung"
            hint="10 bis 2.000 Zeichen. Erscheint in Suchergebnissen und oben auf der Seite."
            value={summary}
            onChange={setSummary}
            multiline
            rows={4}
            error={problemFor(problems, FIELDS['input.summary'].id)}
          />
          <Field
            id={FIELDS['input.description'].id}
            label="Beschreibung"
            optional
            hint="Bis 20.000 Zeichen. Absätze trennen Sie durch eine Leerzeile, Aufzählungen beginnen mit „- “."
            value={description}
            onChange={setDescription}
            multiline
            rows={12}
            error={problemFor(problems, FIELDS['input.description'].id)}
          />
          {practice.adaptedFrom ? (
            <Field
              id={FIELDS['input.changes'].id}
              label="Was haben Sie gegenüber dem Original geändert?"
              hint={`3 bis 5.000 Zeichen. Andere Kommunen sehen daran, wie Sie „${practice.adaptedFrom.title}“ angepasst haben.`}
              value={changes}
              onChange={setChanges}
              multiline
              rows={4}
              error={problemFor(problems, FIELDS['input.changes'].id)}
            />
          ) : null}
          <div className="kern-btn-wrapper practice-form__actions">
            <button type="submit" className={`kern-btn ${draft ? 'kern-btn--secondary' : 'kern-btn--primary'}`} disabled={busy !== null}>
              <span className="kern-label">{busy === 'save' ? 'Wird gespeichert …' : 'Speichern'}</span>
            </button>
            {draft ? (
              <button type="button" className="kern-btn kern-btn--primary" disabled={busy !== null} onClick={() => void save(true)}>
                <span className="kern-label">{busy === 'publish' ? 'Wird veröffentlicht …' : 'Veröffentlichen'}</span>
              </button>
            ) : null}
            <Link href={`/praxis/${practice.slug}`} className="kern-btn kern-btn--tertiary">
              <span className="kern-label">Zur Ansicht</span>
            </Link>
          </div>
          {draft ? <p className="kern-body kern-body--small">„Veröffentlichen“ speichert Ihre Änderungen und macht das Praxisbeispiel für alle sichtbar.</p> : null}
        </form>
      )}
    </>
  );
}
