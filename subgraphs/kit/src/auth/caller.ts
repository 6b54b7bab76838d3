import { UnauthenticatedError } from '../errors/errors.js';

/** `editor` writes for the municipalities in its `ags` claim; `coordinator` writes everything. */
export type Role = 'editor' | 'coordinator';
export const ROLES: readonly Role[] = ['editor', 'coordinator'];

/** Who is calling: anonymous callers read public data only. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      sub: string;
      role: Role;
      ags: readonly string[];
      /** The OAuth client the token was issued to (the web app, a partner system); absent for development tokens. */
      client?: string;
      /**
       * A partner system calling with client credentials: no person behind it, so it reads no
       * personal data; it writes, as an editor, for the `ags` it was registered with.
       */
      partner?: boolean;
      /** The rate-limit tier the token names (partner systems). */
      tier?: string;
    };

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
