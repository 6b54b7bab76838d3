import { z } from 'zod';

/**
 * The official area keys of the Federal Statistical Office. The hub keys municipalities
 * by AGS everywhere (database, tokens, URLs), so this is the only place that says what
 * one looks like: change it here and every input, claim and route follows.
 */

/** Amtlicher Gemeindeschlüssel: exactly eight ASCII digits, leading zeros kept (text, not a number). */
const AGS = /^[0-9]{8}$/;
/** Kreisschlüssel: the first five digits of an AGS. */
const DISTRICT_CODE = /^[0-9]{5}$/;

/** What a client is told about a malformed AGS when the caller names no shorter wording. */
export const AGS_MESSAGE = 'must be an 8-digit Amtlicher Gemeindeschlüssel such as "05970040"';
/** What a client is told about a malformed Kreisschlüssel. */
export const DISTRICT_CODE_MESSAGE = 'must be a 5-digit Kreisschlüssel such as "05966"';

/** True for an AGS; accepts `unknown` so token claims and CSV cells need no cast first. */
export function isAgs(text: unknown): text is string {
  return typeof text === 'string' && AGS.test(text);
}

/** True for a Kreisschlüssel (district code). */
export function isDistrictCode(text: unknown): text is string {
  return typeof text === 'string' && DISTRICT_CODE.test(text);
}

/** An AGS argument: the text unchanged, or one problem with `AGS_MESSAGE`. */
export const agsSchema = z.string({ error: AGS_MESSAGE }).regex(AGS, { error: AGS_MESSAGE });

/** A Kreisschlüssel argument: the text unchanged, or one problem with `DISTRICT_CODE_MESSAGE`. */
export const districtCodeSchema = z
  .string({ error: DISTRICT_CODE_MESSAGE })
  .regex(DISTRICT_CODE, { error: DISTRICT_CODE_MESSAGE });

/** The inner pattern of one AGS, for patterns built from it. */
const ONE_AGS = AGS.source.slice(1, -1);

/**
 * The AGS rule as an SQL check constraint on `column`, as the migrations spell it: entities
 * declare it so the drift check (testing/schema-drift.ts) compares it with the database.
 */
export function agsCheck(column: string): string {
  return `"${column}" ~ '${AGS.source}'`;
}

/** The Kreisschlüssel rule as an SQL check constraint on `column`, as `agsCheck` is for an AGS. */
export function districtCodeCheck(column: string): string {
  return `"${column}" ~ '${DISTRICT_CODE.source}'`;
}

/** A `text[]` column of AGS as the migrations check it: empty, or AGS only. */
export function agsListCheck(column: string): string {
  return `"${column}" <@ array[]::text[] or array_to_string("${column}", ',') ~ '^${ONE_AGS}(,${ONE_AGS})*$'`;
}
