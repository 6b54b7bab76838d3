import { describe, expect, it } from '@jest/globals';
import { MASK, fieldChange, maskValue, personalPaths } from '../src/audit/changes.js';

describe('audit changes', () => {
  it('parses personal-data paths per property', () => {
    expect(personalPaths(['contactEmail', 'names[]', 'contacts[].email', 'contacts[].name'])).toEqual(
      new Map([
        ['contactEmail', [[]]],
        ['names', [['[]']]],
        [
          'contacts',
          [
            ['[]', 'email'],
            ['[]', 'name'],
          ],
        ],
      ]),
    );
    expect(() => personalPaths(['contacts[0].email'])).toThrow(TypeError);
    expect(() => personalPaths(['.email'])).toThrow(TypeError);
  });

  it('masks what is there and keeps null, so setting and clearing stay visible', () => {
    const contacts = [
      { name: 'Eva', role: 'Bürgerbüro', email: null },
      { name: null, role: 'Leitung', email: 'l@example.org' },
    ];
    expect(
      maskValue(contacts, [
        ['[]', 'name'],
        ['[]', 'email'],
      ]),
    ).toEqual([
      { name: MASK, role: 'Bürgerbüro', email: null },
      { name: null, role: 'Leitung', email: MASK },
    ]);
    expect(maskValue(['Paula', 'Peter'], [['[]']])).toEqual([MASK, MASK]);
    expect(maskValue('a@example.org', [[]])).toBe(MASK);
    expect(maskValue(null, [[]])).toBeNull();
    // A shape other than declared is masked whole rather than leaked.
    expect(maskValue('not a list', [['[]', 'email']])).toBe(MASK);
  });

  it('records nothing for equal or blank values, dates as ISO text, and flags masking', () => {
    expect(fieldChange('a', 'a', undefined)).toBeNull();
    expect(fieldChange(null, [], undefined)).toBeNull();
    expect(fieldChange({ a: [1] }, { a: [1] }, undefined)).toBeNull();
    expect(fieldChange(null, new Date('2026-01-02T03:04:05Z'), undefined)).toEqual({
      old: null,
      new: '2026-01-02T03:04:05.000Z',
    });
    expect(fieldChange('a@example.org', 'b@example.org', [[]])).toEqual({ old: MASK, new: MASK, masked: true });
    // Declared personal, but nothing to mask: no flag.
    expect(fieldChange([], [{ name: null, role: 'Leitung' }], [['[]', 'name']])).toEqual({
      old: [],
      new: [{ name: null, role: 'Leitung' }],
    });
  });
});
