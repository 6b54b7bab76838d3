import type { z } from 'zod';
import { AGS_MESSAGE, agsSchema } from '../rules/area-keys.js';
import { problemsOf } from '../rules/parse.js';
import { textProblem } from '../rules/text.js';
import { isHttpUrl } from '../rules/url.js';
import { BadUserInputError, type FieldProblem } from './errors.js';

/** Declared with the other input rules (rules/url.ts); re-exported for callers that import it from here. */
export { isHttpUrl };

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a record id in UUID form; an entity reference with any other id resolves to null. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** A titled web link as the subgraphs store it (JSON) and `InputValidator.links` returns it. */
export interface LinkRecord {
  title: string;
  url: string;
}

/**
 * Collects every problem with one input before anything is written, so the caller
 * sees all of them in one `BAD_USER_INPUT` error.
 */
export class InputValidator {
  private readonly problems: FieldProblem[] = [];

  /** Records a problem when `ok` is false. */
  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.problems.push({ field, message });
    return this;
  }

  /**
   * Runs a shared input rule (see rules/) on `value`, recording every problem under
   * `field`; returns the parsed value, or undefined when it broke the rule. `message`
   * replaces the rule's wording where clients already know another one.
   */
  rule<S extends z.ZodType>(schema: S, value: unknown, field: string, message?: string): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    this.problems.push(...problemsOf(result.error.issues, field, message));
    return undefined;
  }

  /** Checks an AGS (8 digits); returns it, or undefined when malformed. */
  ags(value: string, field: string, message = AGS_MESSAGE): string | undefined {
    return this.rule(agsSchema, value, field, message);
  }

  /** Trims `value` and checks its length; returns the trimmed text (also when it is refused). */
  text(value: string, field: string, limits: { min?: number; max: number }): string {
    const trimmed = value.trim();
    const problem = textProblem(trimmed, limits);
    if (problem !== null) this.problems.push({ field, message: problem });
    return trimmed;
  }

  /** Checks an e-mail address; returns it trimmed and lower-cased in the domain part. */
  email(value: string, field: string): string {
    const trimmed = value.trim();
    if (trimmed.length > 254 || !EMAIL.test(trimmed)) {
      this.problems.push({ field, message: 'must be an e-mail address such as name@stadt.de' });
      return trimmed;
    }
    const at = trimmed.lastIndexOf('@');
    return trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
  }

  /** Checks a calendar date in ISO form (YYYY-MM-DD); returns it unchanged, or undefined when invalid. */
  isoDate(value: string, field: string): string | undefined {
    const match = ISO_DATE.exec(value);
    const valid =
      match !== null &&
      (() => {
        const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
        return (
          date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3]
        );
      })();
    if (!valid) {
      this.problems.push({ field, message: 'must be a calendar date in the form YYYY-MM-DD' });
      return undefined;
    }
    return value;
  }

  /** Checks a whole number from `min` to `max`. */
  between(value: number, field: string, min: number, max: number): this {
    return this.check(
      Number.isInteger(value) && value >= min && value <= max,
      field,
      `must be between ${min} and ${max}`,
    );
  }

  /** Checks a record id; `what` names the record in the message. */
  uuid(value: string, field: string, what: string): this {
    return this.check(UUID.test(value), field, `must be ${what} id (UUID)`);
  }

  /** Checks up to `max` links of a title and an http(s) URL, naming each bad one. */
  links(links: LinkRecord[], field: string, max = 20): LinkRecord[] {
    this.check(links.length <= max, field, `must have at most ${max} entries`);
    return links.map((l, i) => {
      const url = l.url.trim();
      this.check(isHttpUrl(url), `${field}[${i}].url`, 'must be an http or https URL such as https://www.siegen.de/');
      return { title: this.text(l.title, `${field}[${i}].title`, { max: 200 }), url };
    });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Throws one `BadUserInputError` listing every recorded problem, if there is any. */
  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new BadUserInputError([...this.problems]);
  }

  /**
   * `throwIfInvalid`, then `values` typed as present: values whose absence a check above
   * recorded as a problem (instead of a `!` after the checks). One missing all the same is a
   * defect of those checks, and fails here rather than reaching the database.
   */
  valid<T extends readonly unknown[]>(...values: T): { [K in keyof T]: NonNullable<T[K]> } {
    this.throwIfInvalid();
    const missing = values.findIndex((value) => value === null || value === undefined);
    if (missing >= 0) throw new Error(`Input checks passed without value ${missing + 1} of ${values.length}`);
    return values as { [K in keyof T]: NonNullable<T[K]> };
  }
}
