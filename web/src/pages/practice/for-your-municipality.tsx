import { useLocation } from 'wouter';
import { signInUrl, useSession } from '../../api/session.js';
import { Loading } from '../../ui/states.js';
import { AdaptForm } from './adapt-form.js';
import type { Practice } from './common.js';
import { InterestForm } from './interest-form.js';

/**
 * What the viewer's municipality can do with another's practice: mark interest, adapt it.
 * Signed out, without a municipality, or for the own practice: a sentence saying why not.
 */
export function ForYourMunicipality({
  practice,
  ownerName,
  onChanged,
}: {
  practice: Practice;
  ownerName: string;
  onChanged: () => void;
}) {
  const session = useSession();
  const [location] = useLocation();
  if (session.loading) return <Loading what="Angaben zur Anmeldung" />;
  if (!session.viewer) {
    return (
      <p className="kern-body">
        Redaktionen von Kommunen können hier Interesse bekunden und das Praxisbeispiel für ihre Kommune übernehmen.{' '}
        <a href={signInUrl(location)}>Melden Sie sich dafür an.</a>
      </p>
    );
  }
  const own = session.viewer.municipalities.find((m) => m.ags === session.ownAgs) ?? null;
  if (!own) {
    return (
      <p className="kern-body">
        Interesse bekunden und übernehmen können Redaktionen von Kommunen. Ihrem Konto ist keine Kommune zugeordnet.
      </p>
    );
  }
  if (practice.municipality?.ags === own.ags) {
    return (
      <p className="kern-body">
        Dieses Praxisbeispiel gehört {own.name}. Andere Kommunen können hier Interesse bekunden und es übernehmen.
      </p>
    );
  }
  return (
    <div className="practice-actions">
      <InterestForm practice={practice} ownerName={ownerName} own={own} onChanged={onChanged} />
      <AdaptForm practice={practice} ownerName={ownerName} own={own} />
    </div>
  );
}
