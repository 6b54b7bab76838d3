import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANONYMOUS, type Caller } from '../auth/caller.js';
import type { Policy } from '../auth/policy.js';
import { HubError } from '../errors/errors.js';
import { stripComments } from './source.js';

/** The callers every catalogue is decided for. */
export const POLICY_ROLES = ['anonymous', 'ownEditor', 'otherEditor', 'coordinator'] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

/** What `policy.require` does: let the caller through, or fail with one of these codes. */
export type Decision = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN';

/** One resource of an action and the decision expected for each role. */
export type DecisionRow<R> = { resource?: R; note?: string } & Record<PolicyRole, Decision>;

/** Expected decisions for every action of a catalogue: a missing action does not compile. */
export type DecisionTable<Resources extends object> = { [A in keyof Resources]: DecisionRow<Resources[A]>[] };

/** The four callers: an editor of `own`, an editor of `other`, a coordinator and nobody. */
export function roleCallers(own: string, other: string): Record<PolicyRole, Caller> {
  return {
    anonymous: ANONYMOUS,
    ownEditor: { kind: 'user', sub: `editor-${own}`, role: 'editor', ags: [own] },
    otherEditor: { kind: 'user', sub: `editor-${other}`, role: 'editor', ags: [other] },
    coordinator: { kind: 'user', sub: 'coordinator', role: 'coordinator', ags: [] },
  };
}

/** What `policy.require` decides, checked against `policy.can`: a disagreement throws. */
export function decide<Resources extends object>(
  policy: Policy<Resources>,
  caller: Caller,
  action: keyof Resources & string,
  resource?: unknown,
): Decision {
  const loose = policy as unknown as Policy<Record<string, unknown>>;
  let decision: Decision = 'allow';
  try {
    loose.require(caller, action, resource);
  } catch (error) {
    const code = error instanceof HubError ? error.extensions.code : undefined;
    if (code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN') throw error;
    decision = code;
  }
  if (loose.can(caller, action, resource) !== (decision === 'allow'))
    throw new Error(`can and require disagree on ${action}`);
  return decision;
}

/**
 * Every row of `table` as `{ action, note, anonymous, ownEditor, … }` with the decisions the
 * policy actually takes; compare with `expectedDecisions(table)`.
 */
export function actualDecisions<Resources extends object>(
  policy: Policy<Resources>,
  table: DecisionTable<Resources>,
  callers: Record<PolicyRole, Caller>,
) {
  return tableRows(table).map(({ action, row }) => ({
    action,
    note: row.note ?? '',
    ...Object.fromEntries(
      POLICY_ROLES.map((role) => [
        role,
        decide(policy, callers[role], action as keyof Resources & string, row.resource),
      ]),
    ),
  }));
}

/** The rows of `table` as `actualDecisions` shapes them. */
export function expectedDecisions<Resources extends object>(table: DecisionTable<Resources>) {
  return tableRows(table).map(({ action, row }) => ({
    action,
    note: row.note ?? '',
    ...Object.fromEntries(POLICY_ROLES.map((role) => [role, row[role]])),
  }));
}

function tableRows<Resources extends object>(table: DecisionTable<Resources>) {
  return Object.entries(table as Record<string, DecisionRow<unknown>[]>).flatMap(([action, rows]) =>
    rows.map((row) => ({ action, row })),
  );
}

// `policy.can(caller, 'x'`, `.require(user, 'x'`, `.where(caller, 'x'` and `@Authorized('x')` / `@Authorized<A>('x')`.
const CHECK = /(?:\.(?:can|require|where)\(\s*[\w.]+\s*,\s*|@Authorized(?:<\w+>)?\(\s*)'([\w-]+:[\w-]+)'/g;

/**
 * The actions the sources under `sourceDir` check, each with the files that check it: calls
 * of `can`, `require` and `where` with a literal action, and `@Authorized` fields. Comments
 * do not count: a check commented out, or quoted in a doc comment, guards nothing.
 */
export function checkedActions(sourceDir: string | URL): Map<string, string[]> {
  const root = typeof sourceDir === 'string' ? sourceDir : fileURLToPath(sourceDir);
  const found = new Map<string, string[]>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    for (const match of stripComments(readFileSync(path, 'utf8')).matchAll(CHECK)) {
      found.set(match[1]!, [...(found.get(match[1]!) ?? []), relative(root, path)]);
    }
  }
  return found;
}

/**
 * Compares a catalogue with what the sources check: actions nobody checks (a rule that
 * guards nothing) and checks of actions the catalogue lacks. Both lists empty is a pass.
 */
export function catalogueCoverage<Resources extends object>(
  policy: Policy<Resources>,
  sourceDir: string | URL,
): { unchecked: string[]; unknown: string[] } {
  const checked = checkedActions(sourceDir);
  return {
    unchecked: policy.actions.filter((action) => !checked.has(action)),
    unknown: [...checked.keys()].filter((action) => !(policy.actions as readonly string[]).includes(action)).sort(),
  };
}
