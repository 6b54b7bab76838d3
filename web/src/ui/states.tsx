import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.js';

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

/** A German sentence for an error from the hub. */
export function describeError(error: ApiError): string {
  const code = error.extensions?.code;
  switch (code) {
    case 'SUBGRAPH_UNAVAILABLE':
    case 'SEARCH_UNAVAILABLE': {
      const service = SERVICES[String(error.extensions?.serviceName ?? (code === 'SEARCH_UNAVAILABLE' ? 'search' : ''))];
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

/** The errors of an answer, one alert each (duplicates merged); nothing when there are none. */
export function Errors({ errors, onRetry }: { errors: ApiError[]; onRetry?: () => void }) {
  if (errors.length === 0) return null;
  const sentences = [...new Set(errors.map(describeError))];
  return (
    <div className="kern-alert kern-alert--warning" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--warning" aria-hidden="true" />
        <span className="kern-title">Hinweis</span>
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

/** A confirmation after a successful action, announced. */
export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--success" aria-hidden="true" />
        <span className="kern-title">{children}</span>
      </div>
    </div>
  );
}
