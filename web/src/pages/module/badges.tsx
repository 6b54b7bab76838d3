import type { AdoptionStatus } from '../../../generated/graphql.js';
import { ADOPTION_STATUS, MODULE_KIND, label } from '../../labels.js';

// Badges the module pages share: the catalogue's cards and a module's adoptions.

/** The badge of an adoption status: the word says it, the colour only repeats it. */
export function AdoptionBadge({ status }: { status: AdoptionStatus }) {
  const tone = status === 'IN_USE' ? 'success' : status === 'PLANNED' ? 'info' : 'warning';
  return (
    <span className={`kern-badge kern-badge--small kern-badge--${tone}`}>
      <span className="kern-label kern-label--small">{label(ADOPTION_STATUS, status)}</span>
    </span>
  );
}

/** A module kind as a badge (its word, not its colour, says what it is). */
export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className="kern-badge kern-badge--small kern-badge--info">
      <span className="kern-label kern-label--small">{label(MODULE_KIND, kind)}</span>
    </span>
  );
}
