import {
  auditReaders,
  definePolicy,
  forMunicipality,
  notYourMunicipality,
  signedIn,
  type AuditScope,
  type Rule,
} from '@welcome-hub/kit';
import type { PracticeRow } from './practice/practice.entity.js';

/** Whose practice it is: a municipality's or a cooperation's. */
export type PracticeOwner = Pick<PracticeRow, 'ownerAgs' | 'ownerCooperation'>;

/** The practices subgraph's catalogue: each action and the resource its rule decides on. */
export interface PracticesResources {
  /** Create, change, archive or adapt into a practice of this owner, or record its source. */
  'practice:write': PracticeOwner;
  /** See a draft of this owner (practice/practice.visibility.ts). */
  'practice:read-draft': PracticeOwner;
  /** See contact persons and who changed a practice last (personal data). */
  'practice:read-personal': unknown;
  /** See which municipalities are interested in this owner's practice. */
  'interest:read': PracticeOwner;
  /** Mark or take back a municipality's interest in a practice. */
  'interest:write': { ags: string };
  /** Read the audit history of a practice of this owner (who changed what, personal data masked). */
  'practice:read-history': PracticeOwner;
  /** Read this subgraph's audit trail: coordinators all of it, editors their municipality's records. */
  'audit:read': AuditScope;
}
export type PracticesAction = keyof PracticesResources;

/**
 * Coordinators own every practice, editors their municipalities' (never a cooperation's).
 * Given as a condition: lists filter drafts in SQL with it, single records are tested against it.
 */
const ownPractices: Rule<PracticeOwner> = {
  where: (user) => {
    if (user.role === 'coordinator') return {};
    return user.ags.length > 0 ? { ownerAgs: { $in: [...user.ags] } } : null;
  },
  deny: (user, practice) =>
    practice.ownerCooperation != null
      ? "Only coordinators write cooperations' practices."
      : notYourMunicipality(user, practice.ownerAgs),
};

/** Who may do what in this subgraph; the only place its permissions are decided. */
export const practicesPolicy = definePolicy<PracticesResources>({
  'practice:write': ownPractices,
  // Drafts are visible to those who may write them.
  'practice:read-draft': { ...ownPractices, deny: "Only the owner's editors and coordinators see this draft." },
  'practice:read-personal': signedIn,
  'interest:read': { ...ownPractices, deny: "Only the owner's editors and coordinators see who is interested." },
  'interest:write': forMunicipality((interest) => interest.ags),
  'practice:read-history': {
    ...ownPractices,
    deny: "Only the owner's editors and coordinators see a practice's history.",
  },
  'audit:read': auditReaders,
});
