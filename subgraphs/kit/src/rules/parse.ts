import type { z } from 'zod';
import { BadUserInputError, type FieldProblem } from '../errors/errors.js';

/** The part of a zod issue a client sees: where and what. */
export type RuleIssue = Pick<z.core.$ZodIssue, 'path' | 'message'>;

/**
 * Names an issue's location as the hub names argument paths everywhere else
 * (`input.links[0].url`, see `unstorableText`): keys joined with '.', indices in brackets.
 * With neither `path` nor segments, the problem is about the whole value: 'value'.
 */
export function fieldPath(path: string | undefined, segments: readonly PropertyKey[]): string {
  const joined = segments.reduce<string>((at, segment) => {
    if (typeof segment === 'number') return `${at}[${segment}]`;
    return at === '' ? String(segment) : `${at}.${String(segment)}`;
  }, path ?? '');
  return joined === '' ? 'value' : joined;
}

/**
 * Every issue as a `FieldProblem` under `path`, each field and message once. A `message`
 * replaces the schema's wording (callers whose clients know an older one) and then names
 * each field once, since several failed checks of one field would repeat it.
 */
export function problemsOf(issues: readonly RuleIssue[], path?: string, message?: string): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const problem = { field: fieldPath(path, issue.path), message: message ?? issue.message };
    const key = message === undefined ? `${problem.field}\u0000${problem.message}` : problem.field;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * Runs `schema` on a client's `value` and returns the parsed value, or throws one
 * `BadUserInputError` (BAD_USER_INPUT) naming every problem at once, each by its field
 * path under `path` (e.g. 'filter.near' makes 'filter.near.lat'), so a form can mark all.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadUserInputError(problemsOf(result.error.issues, path));
  return result.data;
}
