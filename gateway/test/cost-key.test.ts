import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { costKey, typedOnlyVariables } from '../src/edge/limits.js';

// The cost estimate is kept per document and cost key: the key must hold every value an
// estimate can differ by, and may leave out only what cannot change it.
const key = (query: string, variables: Record<string, unknown>, operationName?: string) => {
  const document = parse(query);
  return costKey(typedOnlyVariables(document), operationName, variables);
};

describe('the cost estimate key', () => {
  const ONE = 'query($ags: ID!, $slug: String) { municipality(ags: $ags) { name } practice(slug: $slug) { title } }';

  it('is the same for any two strings of ID and String variables', () => {
    expect(key(ONE, { ags: '05970040', slug: 'a' })).toBe(key(ONE, { ags: '05913000', slug: 'b' }));
  });

  it('differs when such a value is null, a number, a list or an object (they may fail to coerce)', () => {
    const text = key(ONE, { ags: '05970040', slug: 'a' });
    for (const slug of [null, 5, ['a'], { a: 1 }]) expect(key(ONE, { ags: '05970040', slug })).not.toBe(text);
  });

  it('holds the values of every other variable: Int (first), Boolean (@skip, @include), enums, custom scalars, inputs', () => {
    const other = `query($n: Int, $b: Boolean!, $r: RegionCode, $d: LocalDate, $f: MunicipalityFilter, $ids: [ID!]) {
      municipalities(first: $n, filter: $f) @include(if: $b) { totalCount } x: districts(region: $r) { code } y: __typename @skip(if: $b) }`;
    const base = { n: 5, b: true, r: 'RUHR', d: '2026-01-01', f: { region: 'RUHR' }, ids: ['1'] };
    const changed = [
      { n: 200 },
      { b: false },
      { r: 'SUEDWESTFALEN' },
      { d: 'x' },
      { f: { region: 'X' } },
      { ids: ['2'] },
    ];
    for (const change of changed) expect(key(other, { ...base, ...change })).not.toBe(key(other, base));
    expect(typedOnlyVariables(parse(other))).toEqual(new Set());
  });

  it('keeps a variable by value when any operation of the document declares it otherwise', () => {
    const two =
      'query A($v: ID) { municipality(ags: $v) { name } } query B($v: Int) { municipalities(first: $v) { totalCount } }';
    expect(typedOnlyVariables(parse(two))).toEqual(new Set());
    expect(key(two, { v: 5 }, 'B')).not.toBe(key(two, { v: 500 }, 'B'));
  });

  it('cannot be forged by variable names the document does not declare', () => {
    const page = 'query($n: Int!) { municipalities(first: $n) { totalCount } }';
    expect(key(page, { n: 1, 'm=0\nn': 1000 })).not.toBe(key(page, { 'n=1\nm': 0, n: 1000 }));
  });

  it('holds a variable named __proto__ (a plain object would drop it from the key)', () => {
    const page = 'query($__proto__: Int!) { municipalities(first: $__proto__) { totalCount } }';
    const variables = (n: number) => JSON.parse(`{"__proto__": ${n}}`) as Record<string, unknown>;
    expect(key(page, variables(1))).not.toBe(key(page, variables(1000)));
  });

  it('names the operation', () => {
    const two = 'query A { __typename } query B { __typename }';
    expect(key(two, {}, 'A')).not.toBe(key(two, {}, 'B'));
  });
});
