import { ForbiddenError, UnauthenticatedError } from '../errors/errors.js';

/** `editor` writes for the municipalities in its `ags` claim; `coordinator` writes everything. */
export type Role = 'editor' | 'coordinator';
export const ROLES: readonly Role[] = ['editor', 'coordinator'];

/** Who is calling: anonymous callers read public data only. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; sub: string; role: Role; ags: readonly string[] };

export const ANONYMOUS: Caller = Object.freeze({ kind: 'anonymous' });

export function isAuthenticated(caller: Caller): caller is Extract<Caller, { kind: 'user' }> {
  return caller.kind === 'user';
}

/** Throws `UNAUTHENTICATED` for anonymous callers; returns the signed-in caller. */
export function requireUser(caller: Caller): Extract<Caller, { kind: 'user' }> {
  if (!isAuthenticated(caller)) throw new UnauthenticatedError();
  return caller;
}

/** True when the caller may write records owned by municipality `ags`. */
export function mayWriteFor(caller: Caller, ags: string): boolean {
  if (!isAuthenticated(caller)) return false;
  return caller.role === 'coordinator' || caller.ags.includes(ags);
}

/**
 * Throws `UNAUTHENTICATED` without a token and `FORBIDDEN` for an editor of another
 * municipality: editors write only their own municipalities' records.
 */
export function requireWriteFor(caller: Caller, ags: string): void {
  const user = requireUser(caller);
  if (!mayWriteFor(user, ags)) {
    throw new ForbiddenError(`Your token allows writing for ${user.ags.join(', ') || 'no municipality'}, not for ${ags}.`);
  }
}

/** Throws unless the caller is a coordinator. */
export function requireCoordinator(caller: Caller): void {
  const user = requireUser(caller);
  if (user.role !== 'coordinator') throw new ForbiddenError('Only coordinators may do this.');
}
