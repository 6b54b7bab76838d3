import { ForbiddenError, UnauthenticatedError } from '../errors/errors.js';
import { matchesCondition, type Condition } from '../db/condition.js';
import { isAuthenticated, type Caller, type User } from './caller.js';

type Denial<R> = string | ((user: User, resource: R) => string);

/**
 * How one action is decided for a signed-in caller; anonymous callers may do no action.
 * `allow` is a plain predicate. `where` states the rule as a query condition instead, for
 * actions that also filter lists in SQL: `can` then tests a loaded record against that very
 * condition, so the list and the single record never disagree. `deny` is the FORBIDDEN
 * message.
 */
export type Rule<R> =
  | { allow: (user: User, resource: R) => boolean; where?: never; deny: Denial<R> }
  | { where: (user: User) => Condition | null; allow?: never; deny: Denial<R> };

/** Resource-less actions (e.g. coordinators only) declare `unknown`: `can` then needs no resource. */
type ResourceArg<R> = unknown extends R ? [resource?: R] : [resource: R];

/** A subgraph's catalogue of actions (the keys of `Resources`) and the one check for them. */
export interface Policy<Resources extends object> {
  /** Every action this policy decides. */
  readonly actions: readonly (keyof Resources & string)[];
  /** True when `caller` may do `action` (to `resource`); false for anonymous callers. */
  can<A extends keyof Resources & string>(caller: Caller, action: A, ...resource: ResourceArg<Resources[A]>): boolean;
  /** Throws `UNAUTHENTICATED` for anonymous callers and `FORBIDDEN` with the rule's message otherwise; returns the signed-in caller. */
  require<A extends keyof Resources & string>(caller: Caller, action: A, ...resource: ResourceArg<Resources[A]>): User;
  /**
   * The query condition selecting the records `caller` may do `action` to, for a rule given
   * by `where`: `{}` for all, null for none (anonymous callers).
   */
  where<A extends keyof Resources & string>(caller: Caller, action: A): Condition | null;
}

/**
 * Declares a subgraph's policy: one rule per action. Resolvers and services ask it through
 * `can`/`require`/`where`, and `@Authorized(action)` fields through `policyAuthChecker`.
 *
 * @example
 * interface Resources { 'module:write': unknown; 'adoption:write': { ags: string } }
 * const policy = definePolicy<Resources>({ 'module:write': coordinatorsOnly, 'adoption:write': forMunicipality((a) => a.ags) });
 */
export function definePolicy<Resources extends object>(
  rules: { [A in keyof Resources]: Rule<Resources[A]> },
): Policy<Resources> {
  const ruleOf = (action: string): Rule<unknown> => {
    const rule = (rules as Record<string, Rule<unknown> | undefined>)[action];
    if (!rule) throw new TypeError(`The policy has no action "${action}".`);
    return rule;
  };
  const decide = (user: User, action: string, resource: unknown): boolean => {
    const rule = ruleOf(action);
    if (rule.allow) return rule.allow(user, resource);
    if (resource === null || typeof resource !== 'object')
      throw new TypeError(`Action "${action}" needs the record it applies to.`);
    const condition = rule.where(user);
    return condition !== null && matchesCondition(resource, condition);
  };
  const policy = {
    actions: Object.freeze(Object.keys(rules)),
    can(caller: Caller, action: string, resource?: unknown): boolean {
      ruleOf(action);
      return isAuthenticated(caller) && decide(caller, action, resource);
    },
    require(caller: Caller, action: string, resource?: unknown): User {
      const rule = ruleOf(action);
      if (!isAuthenticated(caller)) throw new UnauthenticatedError();
      if (!decide(caller, action, resource)) {
        throw new ForbiddenError(typeof rule.deny === 'string' ? rule.deny : rule.deny(caller, resource));
      }
      return caller;
    },
    where(caller: Caller, action: string): Condition | null {
      const rule = ruleOf(action);
      if (!rule.where) throw new TypeError(`Action "${action}" is not given as a condition.`);
      return isAuthenticated(caller) ? rule.where(caller) : null;
    },
  };
  return policy as unknown as Policy<Resources>;
}

/** True when `user` acts for municipality `ags`: coordinators for every one, editors for those in their token. */
export function actsFor(user: User, ags: string | null | undefined): boolean {
  return user.role === 'coordinator' || (ags != null && user.ags.includes(ags));
}

/** Any signed-in person; partner systems (client credentials) are no person and are refused. */
export const signedIn: Rule<unknown> = {
  allow: (user) => !user.partner,
  deny: 'Only signed-in people may do this; a partner system may not.',
};

/** Coordinators only. */
export const coordinatorsOnly: Rule<unknown> = {
  allow: (user) => user.role === 'coordinator',
  deny: 'Only coordinators may do this.',
};

/** The FORBIDDEN message for an editor acting for a municipality not in its token. */
export function notYourMunicipality(user: User, ags: string | null | undefined): string {
  return `Your token acts for ${user.ags.join(', ') || 'no municipality'}, not for ${ags}.`;
}

/** Coordinators, and editors of the municipality `agsOf(resource)`. */
export function forMunicipality<R>(agsOf: (resource: R) => string | null | undefined, deny?: Denial<R>): Rule<R> {
  return {
    allow: (user, resource) => actsFor(user, agsOf(resource)),
    deny: deny ?? ((user, resource) => notYourMunicipality(user, agsOf(resource))),
  };
}

/**
 * Who reads an audit trail (audit/trail.resolver.ts): coordinators all of it, editors the
 * entries of their own municipality's records (the trail asked for with that AGS), a partner
 * system none.
 */
export const auditReaders: Rule<{ ags: string | null }> = {
  allow: (user, scope) => !user.partner && actsFor(user, scope.ags),
  deny: (user, scope) =>
    user.partner
      ? 'A partner system reads no audit trail.'
      : scope.ags == null
        ? "Editors read the trail of their own municipality's records: set filter.municipality to one of your AGS."
        : notYourMunicipality(user, scope.ags),
};
