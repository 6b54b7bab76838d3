import { InputValidator, columnLimit, isSlug, slugSchema } from '@welcome-hub/kit';
import {
  PracticeEntity,
  type AwardRecord,
  type ContactRecord,
  type FundingRecord,
  type PracticeRow,
} from './practice.entity.js';
import type { PracticeContentInput } from './practice.type.js';

/** A slug fits its column: the limit comes from the entity, so the two cannot disagree. */
const SLUG_MAX = columnLimit(PracticeEntity, 'slug');
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;
const MONTH_OR_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** The columns a content input sets; absent keys stay unchanged on update. */
export type PracticePatch = Partial<
  Pick<
    PracticeRow,
    | 'title'
    | 'summary'
    | 'description'
    | 'kind'
    | 'targetGroups'
    | 'fieldsOfAction'
    | 'status'
    | 'draft'
    | 'startedYear'
    | 'endedYear'
    | 'funding'
    | 'awards'
    | 'links'
    | 'contacts'
    | 'lessonsLearned'
    | 'effortNotes'
    | 'tags'
    | 'criteria'
    | 'licence'
  >
>;

export function checkSlug(v: InputValidator, slug: string, field: string): string {
  const trimmed = slug.trim();
  const message = `must be 3 to ${SLUG_MAX} lower-case letters, digits and single hyphens, e.g. "willkommen-in-olpe"`;
  v.rule(slugSchema({ min: 3, max: SLUG_MAX }), trimmed, field, message);
  return trimmed;
}

const optionalText = (v: InputValidator, value: string | null | undefined, field: string, max: number) =>
  value === null || value === undefined || value.trim() === '' ? null : v.text(value, field, { max });

/**
 * Checks every given content field, naming each bad one; `required` lists the fields
 * a new practice must have. Returns the normalized columns to write.
 */
export function checkContent(
  v: InputValidator,
  input: PracticeContentInput,
  required: boolean,
  existing?: Pick<PracticeRow, 'startedYear' | 'endedYear'>,
): PracticePatch {
  const patch: PracticePatch = {};
  const nextYear = new Date().getFullYear() + 1;
  const given = (key: keyof PracticeContentInput) => input[key] !== undefined;
  /** The value of a field a new practice must have, checked present (or not cleared on update); undefined when absent. */
  const need = <K extends keyof PracticeContentInput>(key: K) => {
    const value = input[key];
    const missing = value === undefined || value === null;
    if (required) v.check(!missing, `input.${key}`, 'is required');
    else v.check(!(given(key) && value === null), `input.${key}`, 'cannot be cleared');
    return missing ? undefined : (value as NonNullable<PracticeContentInput[K]>);
  };

  const title = need('title');
  if (title !== undefined) patch.title = v.text(title, 'input.title', { min: 3, max: 200 });
  const summary = need('summary');
  if (summary !== undefined) patch.summary = v.text(summary, 'input.summary', { min: 10, max: 2000 });
  const kind = need('kind');
  if (kind !== undefined) patch.kind = kind;
  const targetGroups = need('targetGroups');
  if (targetGroups !== undefined) {
    v.check(targetGroups.length > 0, 'input.targetGroups', 'must name at least one target group');
    patch.targetGroups = [...new Set(targetGroups)];
  }
  const fieldsOfAction = need('fieldsOfAction');
  if (fieldsOfAction !== undefined) {
    v.check(fieldsOfAction.length > 0, 'input.fieldsOfAction', 'must name at least one field of action');
    patch.fieldsOfAction = [...new Set(fieldsOfAction)];
  }
  if (given('description')) patch.description = optionalText(v, input.description, 'input.description', 20000);
  if (given('status')) patch.status = input.status ?? null;
  if (given('licence')) patch.licence = input.licence ?? null;
  if (given('draft')) patch.draft = input.draft ?? false;
  if (given('lessonsLearned'))
    patch.lessonsLearned = optionalText(v, input.lessonsLearned, 'input.lessonsLearned', 10000);
  if (given('effortNotes')) patch.effortNotes = optionalText(v, input.effortNotes, 'input.effortNotes', 10000);

  for (const key of ['startedYear', 'endedYear'] as const) {
    if (!given(key)) continue;
    const year = input[key] ?? null;
    v.check(
      year === null || (year >= 1949 && year <= nextYear + 4),
      `input.${key}`,
      `must be a year between 1949 and ${nextYear + 4}`,
    );
    patch[key] = year;
  }
  const started = patch.startedYear !== undefined ? patch.startedYear : (existing?.startedYear ?? null);
  const ended = patch.endedYear !== undefined ? patch.endedYear : (existing?.endedYear ?? null);
  if (started !== null && ended !== null && (given('startedYear') || given('endedYear'))) {
    v.check(ended >= started, 'input.endedYear', 'must not be before startedYear');
  }

  if (given('funding')) {
    patch.funding = (input.funding ?? []).map((f, i): FundingRecord => {
      const at = `input.funding[${i}]`;
      if (f.amountEur != null) v.check(f.amountEur >= 0, `${at}.amountEur`, 'must not be negative');
      if (f.sharePercent != null)
        v.check(f.sharePercent >= 0 && f.sharePercent <= 100, `${at}.sharePercent`, 'must be between 0 and 100');
      if (f.startsOn != null)
        v.check(MONTH_OR_DATE.test(f.startsOn), `${at}.startsOn`, 'must be YYYY-MM or YYYY-MM-DD');
      if (f.durationYears != null) v.between(f.durationYears, `${at}.durationYears`, 1, 30);
      if (f.positions != null) v.check(f.positions >= 0, `${at}.positions`, 'must not be negative');
      return {
        programme: v.text(f.programme, `${at}.programme`, { min: 2, max: 300 }),
        amountEur: f.amountEur ?? null,
        sharePercent: f.sharePercent ?? null,
        startsOn: f.startsOn ?? null,
        durationYears: f.durationYears ?? null,
        positions: f.positions ?? null,
        note: optionalText(v, f.note, `${at}.note`, 1000),
      };
    });
  }
  if (given('awards')) {
    patch.awards = (input.awards ?? []).map((a, i): AwardRecord => {
      v.check(
        a.year >= 1949 && a.year <= nextYear,
        `input.awards[${i}].year`,
        `must be a year between 1949 and ${nextYear}`,
      );
      return { year: a.year, name: v.text(a.name, `input.awards[${i}].name`, { min: 2, max: 300 }) };
    });
  }
  if (given('links')) patch.links = v.links(input.links ?? [], 'input.links');
  if (given('contacts')) {
    const contacts = input.contacts ?? [];
    v.check(contacts.length <= 10, 'input.contacts', 'must have at most 10 entries');
    patch.contacts = contacts.map((c, i): ContactRecord => {
      const at = `input.contacts[${i}]`;
      const name = optionalText(v, c.name, `${at}.name`, 200);
      const role = optionalText(v, c.role, `${at}.role`, 200);
      v.check(name !== null || role !== null, at, 'needs a name or a role');
      const email = c.email == null || c.email.trim() === '' ? null : v.email(c.email, `${at}.email`);
      const phone = c.phone == null || c.phone.trim() === '' ? null : c.phone.trim();
      if (phone !== null) v.check(PHONE.test(phone), `${at}.phone`, 'must be a telephone number such as +49 271 404-0');
      return { name, role, email, phone };
    });
  }
  if (given('tags')) {
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim()))];
    v.check(tags.length <= 20, 'input.tags', 'must have at most 20 entries');
    for (const [i, t] of tags.entries())
      v.check(t.length >= 1 && t.length <= 50, `input.tags[${i}]`, 'must have 1 to 50 characters');
    patch.tags = tags;
  }
  if (given('criteria')) {
    // Keys belong to the modules subgraph's catalogue; this subgraph can check their form only.
    const criteria = [...new Set(input.criteria ?? [])];
    v.check(criteria.length <= 20, 'input.criteria', 'must have at most 20 entries');
    for (const [i, c] of criteria.entries()) {
      v.check(
        isSlug(c) && c.length <= 60,
        `input.criteria[${i}]`,
        'must be a criterion key such as "personal-welcome"',
      );
    }
    patch.criteria = criteria;
  }
  return patch;
}
