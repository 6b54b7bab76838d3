import { AreaLevel } from '@welcome-hub/kit';
import type { Candidate } from './summary.repository.js';

/** Public aggregates need this many contributing municipalities, so no single town can be singled out. */
export const MIN_CONTRIBUTORS = 3;

/**
 * Whether an area's candidate summary may be published, so that no published figure, nor
 * the difference of two, describes fewer than MIN_CONTRIBUTORS municipalities:
 *
 * - at least MIN_CONTRIBUTORS municipalities contribute;
 * - it differs from the area's latest published summary in at least MIN_CONTRIBUTORS
 *   contributors (one added, or counted with a newer assessment). Assessments are never
 *   deleted and a municipality's latest only moves forward, so every contributor that
 *   differs from the latest summary differs from each earlier one too: the rule holds
 *   against the whole history, not only the latest entry;
 * - for a region: its contributors that no latest district summary covers (kreisfreie
 *   Städte, districts still below the threshold, changes a district has not published yet)
 *   are none or at least MIN_CONTRIBUTORS; otherwise the region minus its published districts
 *   would describe one or two towns.
 *
 * Contributors who collude can still subtract their own answers; no threshold prevents that.
 */
export function mayPublish(level: AreaLevel, candidate: Omit<Candidate, 'assessmentIds'>): boolean {
  if (candidate.candidates < MIN_CONTRIBUTORS) return false;
  if (candidate.hasPrevious && candidate.differences < MIN_CONTRIBUTORS) return false;
  return remainderIsAnonymous(level === AreaLevel.REGION ? candidate.uncovered : 0);
}

/**
 * A region's figures minus its districts' describe `uncovered` towns: none, or at least
 * MIN_CONTRIBUTORS. Checked when a region publishes and, the other way round, when a
 * district does (summary.service.ts), against the summaries in force. Combinations with
 * summaries already superseded (which `assessmentTrend` still shows) are not checked.
 */
export function remainderIsAnonymous(uncovered: number): boolean {
  return uncovered === 0 || uncovered >= MIN_CONTRIBUTORS;
}
