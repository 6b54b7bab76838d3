import { z } from 'zod';

/** Bounds of a text argument, counted after trimming; `min` defaults to 1 (not empty). */
export interface TextLimits {
  min?: number;
  max: number;
}

/**
 * Why trimmed `text` is not acceptable, or null. One problem at a time, most basic first,
 * so a client sees the one thing to fix. PostgreSQL text cannot hold NUL at all.
 */
export function textProblem(text: string, { min = 1, max }: TextLimits): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (text.length < min) return min <= 1 ? 'must not be empty' : `must have at least ${min} characters`;
  if (text.length > max) return `must have at most ${max} characters`;
  return null;
}

/** A text argument: trimmed, within `limits`, without NUL; at most one problem. */
export function boundedTextSchema(limits: TextLimits) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .superRefine((text, ctx) => {
      const problem = textProblem(text, limits);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** What `defineEntity` returns, as far as lengths go: its metadata is readable before the ORM starts. */
interface EntityLengths<P extends object> {
  meta: { className?: string; properties: P };
}

/**
 * The length a property's varchar column declares (`p.string().length(n)`), to bound the
 * matching input, so input check and column cannot disagree: change the entity (and its
 * migration) and the input limit follows. Throws when the property declares no length,
 * a programming error that shows when the module loads.
 */
export function columnLimit<P extends object>(entity: EntityLengths<P>, property: keyof P & string): number {
  const declared = (entity.meta.properties as Record<string, { length?: unknown } | undefined>)[property]?.length;
  if (typeof declared !== 'number') {
    throw new TypeError(`${entity.meta.className ?? 'The entity'}.${property} declares no column length.`);
  }
  return declared;
}
