import { z } from 'zod';

/**
 * Slugs name records in URLs and references across subgraphs (practices, events,
 * cooperations, modules, catalogue keys, open-data sets): lower-case ASCII letters and
 * digits in groups joined by single hyphens, so they need no escaping anywhere. The
 * migrations' check constraints spell the same pattern in SQL.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What a client is told about a malformed slug when the caller names no other wording. */
export const SLUG_MESSAGE = 'must be lower-case letters, digits and single hyphens';

/** Length bounds of a slug; a column's varchar(n) is the usual `max`. */
export interface SlugLimits {
  min?: number;
  max?: number;
}

/** True for a slug of any length; for route matching and other yes/no questions. */
export function isSlug(text: unknown): text is string {
  return typeof text === 'string' && SLUG_PATTERN.test(text);
}

/** A slug argument within `limits`: the text unchanged, or problems worded `SLUG_MESSAGE`. */
export function slugSchema({ min, max }: SlugLimits = {}) {
  let schema = z.string({ error: SLUG_MESSAGE }).regex(SLUG_PATTERN, { error: SLUG_MESSAGE });
  if (min !== undefined) schema = schema.min(min, { error: `must have at least ${min} characters` });
  if (max !== undefined) schema = schema.max(max, { error: `must have at most ${max} characters` });
  return schema;
}

/**
 * The slug rule as an SQL check constraint on `column`, as the migrations spell it:
 * entities declare it so the drift check (testing/schema-drift.ts) compares it.
 */
export function slugCheck(column: string): string {
  return `"${column}" ~ '${SLUG_PATTERN.source}'`;
}
