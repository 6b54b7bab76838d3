import { ANONYMOUS, allOf, isUnrestricted, matchesCondition, type Caller, type Condition } from '@welcome-hub/kit';
import { practicesPolicy } from '../policy.js';
import type { PracticeRow } from './practice.entity.js';

/** `listed`: what lists show (nothing archived); `addressable`: what a slug, id or link reaches. */
export type PracticeScope = 'listed' | 'addressable';

/**
 * The one definition of which practices a caller sees: published ones, the drafts the policy
 * lets it read, and, in lists, nothing archived. It is a query condition, so repositories
 * filter with it in SQL and `isVisible` tests a record loaded by id or slug against the same
 * object (kit's matchesCondition evaluates it as PostgreSQL would).
 *
 * Why not a MikroORM filter parameterised by the caller: a filter applies to every query of
 * the entity manager, but some must see past it (loadForWrite answers FORBIDDEN, not
 * NOT_FOUND, for another municipality's draft; the search feed indexes for anonymous
 * callers, not for the requester), and it cannot test a record already loaded, e.g. one a
 * DataLoader shared with an unfiltered lookup.
 */
export function visiblePractices(caller: Caller, scope: PracticeScope): Condition {
  const drafts = practicesPolicy.where(caller, 'practice:read-draft');
  const shown = drafts === null ? { draft: false } : isUnrestricted(drafts) ? {} : { $or: [{ draft: false }, drafts] };
  return scope === 'listed' ? allOf(shown, { archivedAt: null }) : shown;
}

/** True when `caller` sees `practice` in `scope` (by default: when it is addressed directly). */
export function isVisible(caller: Caller, practice: PracticeRow, scope: PracticeScope = 'addressable'): boolean {
  return matchesCondition(practice, visiblePractices(caller, scope));
}

/** What anonymous callers see in lists: all that the search index may hold. */
export const PUBLIC_PRACTICES = visiblePractices(ANONYMOUS, 'listed');
