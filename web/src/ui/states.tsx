import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
// The focus outline of a notice that takes the focus (`.notice`) is shared with the error summary's.
import './form.css';

/** Shown while data loads; announced politely. */
export function Loading({ what = 'Inhalte' }: { what?: string }) {
  return (
    <div className="state" role="status">
      <span className="kern-loader" aria-hidden="true" />
      <span>{what} werden geladen …</span>
    </div>
  );
}

/** Nothing to show, said plainly. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="kern-body state state--empty">{children}</p>;
}

const SERVICES: Record<string, string> = {
  municipalities: 'Kommunen',
  practices: 'Praxisbeispiele',
  modules: 'Module und Quick-Check',
  events: 'Veranstaltungen',
  search: 'Suche',
  identity: 'Anmeldung und Konten',
};

/**
 * Sentences a page says instead of the general ones for some error codes, because it knows
 * what the code means for its action (e.g. CONFLICT: "Diese Anmeldung war schon storniert.").
 */
export type ErrorWording = Partial<Record<string, string>>;

/** A German sentence for an error from the hub; `wording` replaces the general sentence of a code. */
export function describeError(error: ApiError, wording?: ErrorWording): string {
  const code = error.extensions?.code;
  const special = code ? wording?.[code] : undefined;
  if (special) return special;
  switch (code) {
    case 'SUBGRAPH_UNAVAILABLE':
    case 'SEARCH_UNAVAILABLE': {
      const service =
        SERVICES[String(error.extensions?.serviceName ?? (code === 'SEARCH_UNAVAILABLE' ? 'search' : ''))];
      return `${service ? `Der Bereich „${service}“` : 'Ein Teil des Hubs'} ist gerade nicht erreichbar. Alles andere wird angezeigt; versuchen Sie es später noch einmal.`;
    }
    case 'NETWORK':
      return 'Der Hub ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.';
    case 'UNAUTHENTICATED':
      return 'Bitte melden Sie sich an.';
    case 'FORBIDDEN':
      return 'Dafür fehlt Ihnen die Berechtigung.';
    case 'NOT_FOUND':
      return 'Das gibt es nicht (mehr).';
    case 'RATE_LIMITED':
      return `Zu viele Anfragen in kurzer Zeit. Bitte warten Sie ${error.extensions?.retryAfterSeconds ?? 'einige'} Sekunden.`;
    case 'BAD_USER_INPUT':
      return 'Bitte prüfen Sie Ihre Eingaben.';
    case 'CONFLICT':
      return 'Das ist schon geschehen oder widerspricht einem anderen Eintrag.';
    default:
      return 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.';
  }
}

/** The German sentences for some errors, each once. */
export const describeErrors = (errors: ApiError[], wording?: ErrorWording): string[] => [
  ...new Set(errors.map((error) => describeError(error, wording))),
];

/**
 * True when an answer says the record does not exist: NOT_FOUND, or BAD_USER_INPUT for a key
 * that cannot exist (a malformed AGS, slug or id). With `keyField` (e.g. "id"), only a
 * BAD_USER_INPUT about that argument counts; other input errors are then no "not found".
 */
export function isNotFound(errors: ApiError[], keyField?: string): boolean {
  return errors.some((error) => {
    const code = error.extensions?.code;
    if (code === 'NOT_FOUND') return true;
    if (code !== 'BAD_USER_INPUT') return false;
    return keyField === undefined || (error.extensions?.fields ?? []).some((f) => f.field === keyField);
  });
}

/**
 * The errors of an answer in one alert, each sentence once; nothing when there are none.
 * `title` and `tone` fit a failed action ("Das hat nicht geklappt", danger); `wording` gives
 * the page's own sentences for some codes.
 */
export function Errors({
  errors,
  onRetry,
  wording,
  title = 'Hinweis',
  tone = 'warning',
}: {
  errors: ApiError[];
  onRetry?: () => void;
  wording?: ErrorWording;
  title?: string;
  tone?: 'warning' | 'danger';
}) {
  if (errors.length === 0) return null;
  const sentences = describeErrors(errors, wording);
  return (
    <div className={`kern-alert kern-alert--${tone}`} role="alert">
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      <div className="kern-alert__body">
        {sentences.map((sentence) => (
          <p className="kern-body" key={sentence}>
            {sentence}
          </p>
        ))}
        {onRetry ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onRetry}>
            <span className="kern-label">Erneut versuchen</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A confirmation or notice, announced: role "status" (a warning: "alert"; `role` overrides it).
 * `title` is its headline, `children` (optional) its body. With `focusKey`, it takes the focus
 * when it appears and whenever `focusKey` changes — for a confirmation after an action whose
 * form may be gone, so keyboard and screen reader users hear it.
 */
export function Notice({
  title,
  children,
  tone = 'success',
  role,
  focusKey,
}: {
  title: ReactNode;
  children?: ReactNode;
  tone?: 'success' | 'info' | 'warning';
  role?: 'status' | 'alert';
  focusKey?: unknown;
}) {
  const box = useRef<HTMLDivElement>(null);
  const focusable = focusKey !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new focusKey (confirmation) takes the focus
  useEffect(() => {
    if (focusable) box.current?.focus();
  }, [focusable, focusKey]);
  return (
    <div
      className={`kern-alert kern-alert--${tone}${focusable ? ' notice' : ''}`}
      role={role ?? (tone === 'warning' ? 'alert' : 'status')}
      tabIndex={focusable ? -1 : undefined}
      ref={box}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
