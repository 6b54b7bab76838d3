import { UnauthenticatedError } from '../errors/errors.js';

/** `editor` writes for the municipalities in its `ags` claim; `coordinator` writes everything. */
export type Role = 'editor' | 'coordinator';
export const ROLES: readonly Role[] = ['editor', 'coordinator'];

/** Who is calling: anonymous callers read public data only. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; sub: string; role: Role; ags: readonly string[] };

/** A signed-in caller. */
export type User = Extract<Caller, { kind: 'user' }>;

export const ANONYMOUS: Caller = Object.freeze({ kind: 'anonymous' });

export function isAuthenticated(caller: Caller): caller is User {
  return caller.kind === 'user';
}

/**
 * Throws `UNAUTHENTICATED` for anonymous callers; returns the signed-in caller. Services call
 * it before validating input, so an anonymous caller learns nothing about the input's
 * validity; what the caller may do is the policy's business (auth/policy.ts).
 */
export function requireUser(caller: Caller): User {
  if (!isAuthenticated(caller)) throw new UnauthenticatedError();
  return caller;
}

/** Who is recorded as having written something: the token subject, or "anonymous". */
export function subjectOf(caller: Caller): string {
  return caller.kind === 'user' ? caller.sub : 'anonymous';
}
