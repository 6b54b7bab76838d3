import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import { isAuthenticated } from './caller.js';
import type { Policy } from './policy.js';

/**
 * Per action, how to get the resource a field's rule decides on from the field's parent
 * object, where the parent alone does not say (e.g. a registration's event). Without an
 * entry the parent itself is the resource.
 */
export type FieldResources<Resources extends object, Context> = {
  [A in keyof Resources]?: (parent: never, context: Context) => Resources[A] | Promise<Resources[A]>;
};

/**
 * type-graphql's `authChecker` for a subgraph: a field marked `@Authorized(action)` resolves
 * only when `policy.can(caller, action, parent)`. The schema is built in null mode
 * (graphql/subgraph-schema.ts), so a refused field answers null: how personal data is
 * withheld from callers who may not see it. Mutations and queries that must fail say why
 * through `policy.require` in their services instead.
 */
export function policyAuthChecker<
  Resources extends object,
  Context extends RequestContext<unknown> = RequestContext<unknown>,
>(policy: Policy<Resources>, resources: FieldResources<Resources, Context> = {}): AuthChecker {
  const loose = policy as unknown as Policy<Record<string, unknown>>;
  const resourceOf = resources as Record<string, ((parent: unknown, context: Context) => unknown) | undefined>;
  return async ({ root, context }, actions) => {
    const ctx = context as Context;
    // Anonymous callers may do no action: no need to load what a rule would look at.
    if (!isAuthenticated(ctx.caller)) return false;
    for (const action of actions as string[]) {
      const resource = resourceOf[action] ? await resourceOf[action](root, ctx) : root;
      if (!loose.can(ctx.caller, action, resource)) return false;
    }
    return true;
  };
}
