import { BadUserInputError, type FieldProblem } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store `text`, or null when it can: text columns refuse the NUL
 * character, and JSON columns an unpaired UTF-16 surrogate (which no UTF-8 text encodes).
 */
export function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (U+D800 to U+DFFF)';
  return null;
}

/** Every string (object keys included) in a JSON-like `value` that PostgreSQL cannot store, named by its path under `path`. */
export function unstorableText(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // An explicit stack, not recursion: a JSON scalar may arrive nested thousands deep.
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) problems.push({ field: at, message: reason });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], `${at}[${i}]`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, v] of Object.entries(current).reverse())
        pending.push([v, `${at}.${key}`], [key, `${at}.${key}`]);
    }
  }
  return problems;
}

/** Length as PostgreSQL counts characters (code points), not UTF-16 units: an emoji is one. */
export function characterLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** The path of the first string in `args` that is `value` (or `value` with spaces around), e.g. `input.series`. */
function argumentPath(args: unknown, value: string, path: string, depth = 0): string | undefined {
  if (typeof args === 'string') return args === value || args.trim() === value ? path : undefined;
  // Arguments are a few levels deep; deeper ones are JSON scalars, where no column's text hides.
  if (args === null || typeof args !== 'object' || depth > 16) return undefined;
  for (const [key, v] of Object.entries(args)) {
    const found = argumentPath(
      v,
      value,
      Array.isArray(args) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
      depth + 1,
    );
    if (found) return found;
  }
  return undefined;
}

/** One text that does not fit its column: `field` is the entity property until renamed. */
export interface TooLongText {
  field: string;
  limit: number;
  value: string;
}

/**
 * Text longer than its column declares, found when the ORM flushes (see db/column-length.ts).
 * The flush knows only entity properties; `nameArguments` renames each problem after the
 * GraphQL argument that carried the text, where one did.
 */
export class TextTooLongError extends BadUserInputError {
  constructor(private readonly texts: TooLongText[]) {
    super(texts.map((t) => ({ field: t.field, message: `must have at most ${t.limit} characters` })));
  }

  /** Renames fields after the path in a root field's `args` holding the same text. */
  nameArguments(args: Record<string, unknown>): void {
    this.texts.forEach((text, i) => {
      const path = argumentPath(args, text.value, '');
      if (path) this.fields[i] = { ...this.fields[i], field: path };
    });
    this.message = BadUserInputError.describe(this.fields);
  }
}
