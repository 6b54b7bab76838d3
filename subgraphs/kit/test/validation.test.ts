import { describe, expect, it } from '@jest/globals';
import { BadUserInputError, InputValidator, isUuid, textArrayLiteral, unstorableText } from '../src/index.js';

/** The error `check` throws, or undefined when it throws none. */
function thrown(check: () => void): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('InputValidator', () => {
  it('collects every problem into one BAD_USER_INPUT error', () => {
    const v = new InputValidator();
    v.text('  ', 'input.name', { max: 10 });
    v.email('not-an-address', 'input.email');
    v.isoDate('2025-02-30', 'input.date');
    expect(v.ok).toBe(false);
    const error = thrown(() => v.throwIfInvalid());
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as BadUserInputError).fields.map((f) => f.field)).toEqual([
      'input.name',
      'input.email',
      'input.date',
    ]);
  });

  it('accepts and normalizes valid values', () => {
    const v = new InputValidator();
    expect(v.text('  Anna Schmidt ', 'name', { max: 50 })).toBe('Anna Schmidt');
    expect(v.email('Anna.Schmidt@Siegen.DE', 'email')).toBe('Anna.Schmidt@siegen.de');
    expect(v.isoDate('2024-02-29', 'date')).toBe('2024-02-29');
    expect(() => v.throwIfInvalid()).not.toThrow();
  });

  it('takes whole numbers within a range, the ends included, and names the range otherwise', () => {
    const v = new InputValidator();
    v.between(1, 'a', 1, 50).between(50, 'b', 1, 50);
    expect(v.ok).toBe(true);
    v.between(0, 'low', 1, 50)
      .between(51, 'high', 1, 50)
      .between(2.5, 'fraction', 1, 50)
      .between(Number.NaN, 'nan', 1, 50);
    const error = thrown(() => v.throwIfInvalid());
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).fields).toEqual(
      ['low', 'high', 'fraction', 'nan'].map((field) => ({ field, message: 'must be between 1 and 50' })),
    );
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold', () => {
    const v = new InputValidator();
    v.text('Olpe\u0000', 'input.title', { max: 50 });
    expect(v.ok).toBe(false);
    expect(() => v.throwIfInvalid()).toThrow(/input.title: must not contain the NUL character/);
  });

  it('hands over the values its checks required, typed as present, once nothing was refused', () => {
    const v = new InputValidator();
    const found: { name: string } | null = { name: 'Olpe' };
    const day = v.isoDate('2025-03-01', 'input.day');
    v.check(found !== null, 'input.ags', 'no municipality has this AGS');
    const [municipality, checkedDay] = v.valid(found, day);
    expect([municipality.name, checkedDay]).toEqual(['Olpe', '2025-03-01']);
  });

  it('refuses with the recorded problems before handing anything over', () => {
    const v = new InputValidator();
    const day = v.isoDate('2025-02-30', 'input.day');
    expect(() => v.valid(day)).toThrow(BadUserInputError);
  });

  it('fails loudly when a value is missing that no check refused (a defect of the checks)', () => {
    const v = new InputValidator();
    expect(() => v.valid('Olpe', undefined)).toThrow('Input checks passed without value 2 of 2');
    expect(thrown(() => v.valid(null))).not.toBeInstanceOf(BadUserInputError);
    expect(() => v.valid(null)).toThrow('Input checks passed without value 1 of 1');
  });

  it('tells record ids from other text', () => {
    expect(isUuid('1b4e28ba-2fa1-41d2-883f-0016d3cca427')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('1b4e28ba-2fa1-41d2-883f-0016d3cca427x')).toBe(false);
  });
});

describe('textArrayLiteral', () => {
  it('quotes every element, so words like NULL stay text', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['NULL', 'a,b', 'say "hi"', 'back\\slash', '{x}'])).toBe(
      '{"NULL","a,b","say \\"hi\\"","back\\\\slash","{x}"}',
    );
  });
});

describe('unstorableText', () => {
  it('names every string PostgreSQL cannot store, keys included, in document order', () => {
    expect(unstorableText({ a: ['ok', '\ud800'], 'b\u0000': 'x' }, 'input')).toEqual([
      { field: 'input.a[1]', message: expect.stringMatching(/surrogate/) },
      { field: 'input.b\u0000', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('walks JSON nested far deeper than the call stack allows', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const problems = unstorableText(deep, 'input.startsAt');
    expect(problems).toHaveLength(1);
    expect(problems[0].field.startsWith('input.startsAt.x.x')).toBe(true);
  });
});
