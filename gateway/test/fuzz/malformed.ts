import { isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { DeepObject, EnumLiteral, OMIT, RawNumber } from './literals.js';
import type { Meaning } from './values.js';

/** One malformed (or boundary) value: `kind` is how the report names it. */
export interface FuzzValue {
  kind: string;
  make: () => unknown;
}

const v = (kind: string, value: unknown): FuzzValue => ({ kind, make: () => value });
const lengths = [0, 1, 120, 121, 255, 256, 500, 501, 10_000, 100_000];

const STRINGS: FuzzValue[] = [
  ...lengths.map((n) => v(n === 0 ? 'empty string' : `${n} chars`, 'x'.repeat(n))),
  v('whitespace only', '   \t '),
  v('padded', '  Willkommen  '),
  v('NUL', 'a\u0000b'),
  v('lone high surrogate', '\ud800'),
  v('lone low surrogate', 'x\udc00y'),
  v('emoji', '👋🏽 Willkommen 🇩🇪'),
  v('121 emoji', '😀'.repeat(121)),
  v('256 emoji', '😀'.repeat(256)),
  v('control characters', '\u0001\u001b[31m\u007f'),
  v('newlines', 'a\r\nb\nc'),
  v('SQL', "x' OR '1'='1'; DROP TABLE practice; --"),
  v('LIKE wildcards', '%_\\%'),
  v('HTML', '<script>alert(1)</script>'),
  v('bidi and zero-width', '\u202ecba\u200b\ufeff'),
  v('combining marks', 'Mu\u0308nster'),
  v('NaN string', 'NaN'),
  v('Infinity string', 'Infinity'),
  v('number string', '-1'),
  v('JSON text', '{"$where":"1"}'),
  v('path traversal', '../../etc/passwd'),
];

const MALFORMED: Partial<Record<Meaning | 'id' | 'slug', FuzzValue[]>> = {
  ags: [
    v('7-digit AGS', '0597004'),
    v('9-digit AGS', '059700400'),
    v('letters AGS', 'abcdefgh'),
    v('zero AGS', '00000000'),
    v('unknown AGS', '99999999'),
    v('AGS with spaces', ' 05970040 '),
    v('AGS with newline', '05970040\n'),
    v('full-width AGS', '０５９７００４０'),
    v('dashed AGS', '05-970-040'),
    v('Kreisschlüssel for AGS', '05970'),
  ],
  district: [
    v('4-digit district', '0597'),
    v('6-digit district', '059700'),
    v('letters district', 'abcde'),
    v('unknown district', '99999'),
    v('AGS for district', '05970040'),
  ],
  slug: [
    v('slug with spaces', 'Foo Bar'),
    v('hyphens only', '--'),
    v('leading hyphen', '-abc'),
    v('double hyphen', 'a--b'),
    v('upper-case slug', 'Willkommen-In-Siegen'),
    v('umlaut slug', 'begrüßung'),
    v('121-char slug', 'a'.repeat(121)),
    v('2-char slug', 'ab'),
  ],
  id: [
    v('not a UUID', 'not-a-uuid'),
    v('nil UUID', '00000000-0000-0000-0000-000000000000'),
    v('unknown UUID', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
    v('UUID in braces', '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}'),
    v('UUID too long', '3f2504e0-4f89-41d3-9a0c-0305e82c33011'),
    v('numeric id', '1'),
    v('negative id', '-1'),
    v('AGS as id', '05970040'),
    v('percent id', '%'),
    v('int id', 2147483648),
    v('1e300 id', 1e300),
  ],
  cursor: [
    v('base64 garbage cursor', 'bm9wZQ=='),
    v('non-base64 cursor', '!!!'),
    v('cursor of JSON', Buffer.from('{"x":1}').toString('base64')),
    v('cursor of -1', Buffer.from('-1').toString('base64')),
    v('cursor of huge number', Buffer.from('99999999999999999999').toString('base64')),
    v('relay cursor', 'YXJyYXljb25uZWN0aW9uOjA='),
    v('cursor of 1e300', Buffer.from('1e300').toString('base64')),
    v('cursor of NaN', Buffer.from('NaN').toString('base64')),
    v('long cursor', 'QUFB'.repeat(3000)),
  ],
  date: [
    v('Feb 30', '2025-02-30'),
    v('month 13', '2025-13-01'),
    v('unpadded date', '2025-3-1'),
    v('year 0', '0000-01-01'),
    v('year 9999', '9999-12-31'),
    v('6-digit year', '+275760-09-13'),
    v('date-time for date', '2025-03-01T10:00:00Z'),
    v('basic format date', '20250301'),
    v('word date', 'tomorrow'),
    v('far future date', '2999-01-01'),
    v('year 1', '0001-01-01'),
  ],
  dateTime: [
    v('Feb 30 date-time', '2025-02-30T10:00:00Z'),
    v('date for date-time', '2025-03-01'),
    v('no offset', '2025-03-01T10:00:00'),
    v('hour 25', '2025-03-01T25:00:00Z'),
    v('max JS date', '+275760-09-13T00:00:00Z'),
    v('beyond JS date', '+275760-09-14T00:00:00Z'),
    v('year 0 date-time', '0000-01-01T00:00:00Z'),
    v('epoch', '1970-01-01T00:00:00Z'),
    v('number date-time', 1700000000000),
    v('nanoseconds +14:00', '2025-03-01T10:00:00.123456789+14:00'),
    v('offset -99:00', '2025-03-01T10:00:00-99:00'),
    v('far future date-time', '2999-01-01T00:00:00Z'),
  ],
  url: [
    v('javascript URL', 'javascript:alert(1)'),
    v('scheme only', 'http://'),
    v('ftp URL', 'ftp://example.org'),
    v('space in host', 'https://exa mple.org'),
    v('broken IPv6', 'http://[::1'),
    v('10k-char URL', `https://${'a'.repeat(10_000)}.org`),
    v('protocol-relative', '//example.org'),
    v('data URL', 'data:text/html,<b>x</b>'),
    v('credentials URL', 'https://user:pass@example.org'),
    v('port 99999', 'http://localhost:99999'),
  ],
  email: [
    v('no domain', 'a@'),
    v('no local part', '@example.org'),
    v('space email', 'a b@example.org'),
    v('no TLD', 'a@b'),
    v('300-char local part', `${'x'.repeat(300)}@example.org`),
    v('IDN email', 'müller@bürgeramt.de'),
    v('two @', 'a@b@c.de'),
  ],
  phone: [v('letters phone', 'call me'), v('plus signs', '+'.repeat(100)), v('500 digits', '0'.repeat(500))],
  searchText: [
    v('quote', '"'),
    v('operators', 'AND OR NOT -x +y'),
    v('wildcards', '*?~^'),
    v('parens', '((((('),
    v('201 chars', 'ä'.repeat(201)),
    v('stop words only', 'und der die das'),
  ],
  version: [v('41-char version', '1'.repeat(41)), v('version with slash', '1.0/../2')],
};

const INTS: FuzzValue[] = [
  v('0', 0),
  v('-1', -1),
  v('2^31-1', 2147483647),
  v('2^31', 2147483648),
  v('-2^31-1', -2147483649),
  v('1e300', 1e300),
  v('1.5', 1.5),
  v('2^53+1 (raw)', new RawNumber('9007199254740993')),
  v('1e400 (raw)', new RawNumber('1e400')),
];
const FLOATS: FuzzValue[] = [
  v('0', 0),
  v('-1', -1),
  v('1e300', 1e300),
  v('-1e300', -1e300),
  v('5e-324', 5e-324),
  v('2^31', 2147483648),
  v('1e400 (raw)', new RawNumber('1e400')),
  v('-1e400 (raw)', new RawNumber('-1e400')),
  v('1e-400 (raw)', new RawNumber('1e-400')),
];
const NUMBER_BOUNDARIES: Partial<Record<Meaning, FuzzValue[]>> = {
  first: [v('first 200', 200), v('first 201', 201), v('first 10000', 10_000)],
  lat: [v('lat 90.0000001', 90.0000001), v('lat -91', -91)],
  lon: [v('lon 180.5', 180.5), v('lon -181', -181)],
  radius: [v('radius 500', 500), v('radius 500.001', 500.001), v('radius 1e-10', 1e-10)],
  year: [v('year 1948', 1948), v('year 1949', 1949), v('year 3000', 3000)],
  score: [v('score 4', 4), v('score 11', 11)],
  scaleMax: [v('scaleMax 11', 11)],
  count: [v('50', 50), v('51', 51), v('100000', 100_000)],
  percent: [v('100.0001 %', 100.0001)],
};
const WRONG_TYPES: FuzzValue[] = [
  v('wrong type: string', '12'),
  v('wrong type: number', 12),
  v('wrong type: boolean', true),
  v('wrong type: object', { a: 1 }),
  v('wrong type: list', [1, 'a']),
  v('NaN-like string', 'NaN'),
];

/** The malformed and boundary values worth trying for one slot of `type`. */
export function fuzzValues(type: GraphQLInputType, meaning: Meaning, valid: () => unknown): FuzzValue[] {
  const values: FuzzValue[] = [
    v('null', null),
    v('deep object (64)', new DeepObject(64)),
    v('deep object (3000)', new DeepObject(3000)),
    v('deep object (20000)', new DeepObject(20_000)),
  ];
  if (isNonNullType(type))
    return [...values, v('omitted', OMIT), ...fuzzValues(type.ofType, meaning, valid).filter((f) => f.kind !== 'null')];
  if (isListType(type)) {
    const element = () => (valid() as unknown[])[0];
    // Up to 21 distinct elements, repeated to the length: a long list costs its generation no
    // more than 21 elements do (20 000 valid inputs each took 10 % of the suite's time).
    const many = (n: number) => () => {
      const distinct = Array.from({ length: Math.min(n, 21) }, element);
      return Array.from({ length: n }, (_, i) => distinct[i % distinct.length]);
    };
    return [
      ...values,
      v('empty list', []),
      { kind: '21 elements', make: many(21) },
      { kind: '1000 elements', make: many(1000) },
      { kind: '20000 elements', make: many(20_000) },
      { kind: 'null element', make: () => [...(many(1)() as unknown[]), null] },
      { kind: 'nested list', make: () => [many(2)()] },
      v('wrong type: string', 'x'),
    ];
  }
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return [
      ...values,
      v('empty object', {}),
      { kind: 'unknown field', make: () => ({ ...(valid() as object), fuzzUnknown: 1 }) },
      ...(required.length > 0
        ? [{ kind: 'missing required field', make: () => ({ ...(valid() as object), [required[0].name]: OMIT }) }]
        : []),
      v('wrong type: string', 'x'),
      v('wrong type: list', [{}]),
    ];
  }
  if (isEnumType(type)) {
    const first = type.getValues()[0].name;
    return [
      ...values,
      v('unknown enum', new EnumLiteral('NOPE')),
      v('lower-case enum', new EnumLiteral(first.toLowerCase())),
      v('enum as string', first),
      v('empty string', ''),
      v('wrong type: number', 1),
    ];
  }
  const boundaries = NUMBER_BOUNDARIES[meaning] ?? [];
  switch (type.name) {
    case 'Int':
      return [...values, ...INTS, ...boundaries, ...WRONG_TYPES];
    case 'Float':
      return [...values, ...FLOATS, ...boundaries, ...WRONG_TYPES];
    case 'Boolean':
      return [...values, v('string true', 'true'), v('number 1', 1), v('number 0', 0), v('wrong type: object', {})];
  }
  const key =
    meaning.startsWith('id:') || meaning === 'recordId'
      ? 'id'
      : meaning.startsWith('slug:') || ['newSlug', 'cooperation', 'series', 'criterion', 'area'].includes(meaning)
        ? 'slug'
        : meaning;
  return [
    ...values,
    ...STRINGS,
    ...(MALFORMED[key as Meaning] ?? []),
    ...WRONG_TYPES.filter((w) => w.kind !== 'wrong type: string'),
  ];
}
