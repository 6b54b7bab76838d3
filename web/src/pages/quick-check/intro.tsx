import { signInUrl } from '../../api/session.js';

/**
 * Above the questionnaire: signed out, that answering needs no sign-in but saving does;
 * signed in for a municipality, which one the answers are for.
 */
export function Intro({
  signedIn,
  loading,
  ags,
  municipalityName,
}: {
  signedIn: boolean;
  loading: boolean;
  ags: string | null;
  municipalityName: string | null;
}) {
  if (loading) return null;
  if (!signedIn) {
    return (
      <div className="kern-alert kern-alert--info">
        <div className="kern-alert__header">
          <span className="kern-icon kern-icon--info" aria-hidden="true" />
          <span className="kern-title">Ohne Anmeldung ausprobieren</span>
        </div>
        <div className="kern-alert__body">
          <p className="kern-body">
            Sie können alle Fragen ohne Anmeldung ansehen und beantworten. Zum Speichern melden Sie sich mit dem Konto
            Ihrer Kommune an; Ihre Antworten bleiben dabei in diesem Browser-Tab erhalten.{' '}
            <a href={signInUrl('/quick-check')}>Anmelden</a>
          </p>
        </div>
      </div>
    );
  }
  if (!ags) return null;
  return (
    <p className="kern-body">
      Sie bewerten für <strong>{municipalityName ?? ags}</strong>. Frühere Bewertungen bleiben erhalten; unten sehen
      Sie, wie sich Ihre Kommune entwickelt.
    </p>
  );
}
