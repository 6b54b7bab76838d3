import { describe, expect, it } from '@jest/globals';
import {
  AGS_MESSAGE,
  BadUserInputError,
  DISTRICT_CODE_MESSAGE,
  HTTP_URL_MESSAGE,
  InputValidator,
  LATITUDE_MESSAGE,
  LONGITUDE_MESSAGE,
  RADIUS_KM_MESSAGE,
  SLUG_MESSAGE,
} from '@welcome-hub/kit';
import { knownCooperation, knownMunicipality } from '@welcome-hub/reference';
import { germanFieldMessage } from '../src/ui/field-messages.js';

// The hub words its field errors in English and the web app picks its German sentence by
// matching them (web/src/ui/field-messages.ts): a reworded rule would silently fall back to
// the general sentence. These are the messages of the shared rules, produced by the rules.
const GENERAL = 'Bitte prüfen Sie diese Angabe.';

/** The field messages `check` records, as the API sends them in `extensions.fields`. */
function messagesOf(check: (v: InputValidator) => void): string[] {
  const v = new InputValidator();
  check(v);
  try {
    v.throwIfInvalid();
  } catch (error) {
    if (error instanceof BadUserInputError)
      return (error.extensions.fields as { message: string }[]).map((f) => f.message);
    throw error;
  }
  throw new Error('the check recorded no problem');
}

const RULES: [string, (v: InputValidator) => void][] = [
  ['an empty text', (v) => v.text(' ', 'title', { max: 200 })],
  ['a short text', (v) => v.text('ab', 'title', { min: 3, max: 200 })],
  ['a long text', (v) => v.text('x'.repeat(201), 'title', { max: 200 })],
  ['a NUL character', (v) => v.text('a\u0000b', 'title', { max: 200 })],
  ['an e-mail address', (v) => v.email('name@', 'email')],
  ['a calendar date', (v) => v.isoDate('2026-02-30', 'date')],
  ['a number out of range', (v) => v.between(0, 'capacity', 1, 10_000)],
  ['a record id', (v) => v.uuid('42', 'id', 'a practice')],
  [
    'too many links',
    (v) =>
      v.links(
        Array.from({ length: 21 }, () => ({ title: 'a', url: 'https://a.de/' })),
        'links',
      ),
  ],
  ['a link URL', (v) => v.links([{ title: 'a', url: 'ftp://a.de/' }], 'links')],
  ['an AGS', (v) => v.ags('5970040', 'ags')],
  ['an AGS the hub does not have', (v) => knownMunicipality(v, '99999999', 'ags')],
  ['a cooperation the hub does not have', (v) => knownCooperation(v, 'keine-kooperation', 'cooperation')],
  ...[
    SLUG_MESSAGE,
    DISTRICT_CODE_MESSAGE,
    HTTP_URL_MESSAGE,
    LATITUDE_MESSAGE,
    LONGITUDE_MESSAGE,
    RADIUS_KM_MESSAGE,
  ].map((message): [string, (v: InputValidator) => void] => [`"${message}"`, (v) => v.check(false, 'field', message)]),
];

describe('German sentences for the API field messages', () => {
  it.each(RULES)('has its own sentence for %s', (_, check) => {
    const messages = messagesOf(check);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect([message, germanFieldMessage(message)]).not.toEqual([message, GENERAL]);
  });

  it('tells a malformed AGS from one the hub does not have', () => {
    expect(germanFieldMessage(AGS_MESSAGE)).toBe('Das ist kein gültiger Gemeindeschlüssel (8 Ziffern).');
    expect(germanFieldMessage(messagesOf((v) => knownMunicipality(v, '99999999', 'ags'))[0])).toBe(
      'Diese Kommune kennt der Welcome Hub nicht.',
    );
  });

  it('gives the range of a number and falls back to the general sentence for anything else', () => {
    expect(germanFieldMessage('must be between 1 and 10000')).toBe('Bitte geben Sie eine Zahl von 1 bis 10.000 an.');
    expect(germanFieldMessage('something the web app has never seen')).toBe(GENERAL);
  });
});
