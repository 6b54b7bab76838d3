import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from 'graphql';
import type { Random } from './random.js';

/** An enum value: printed bare in a literal, as its name in variables. */
export class EnumLiteral {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** JSON texts waiting to be spliced in by `stringifyBody`, by the index their placeholder names. */
const spliced: string[] = [];

/** A value whose JSON text is written as is: JSON.stringify cannot write it (1e400, 2^53+1, 20 000 levels deep). */
abstract class RawJson {
  abstract json(): string;
  toJSON(): string {
    spliced.push(this.json());
    return `__raw_json_${spliced.length - 1}__`;
  }
}

/** A number written exactly as given: 1e400 parses to Infinity, 9007199254740993 loses a digit. */
export class RawNumber extends RawJson {
  constructor(readonly text: string) {
    super();
  }
  json(): string {
    return this.text;
  }
}

/** `{ nested: { nested: … "leaf" } }`, written without recursion however deep. */
export class DeepObject extends RawJson {
  constructor(readonly depth: number) {
    super();
  }
  json(): string {
    return `${'{"nested":'.repeat(this.depth)}"leaf"${'}'.repeat(this.depth)}`;
  }
  toLiteral(): string {
    return `${'{nested: '.repeat(this.depth)}"leaf"${'}'.repeat(this.depth)}`;
  }
}

/** An argument or input field left out. */
export const OMIT = Symbol('omit');

/** Serializes a request body, splicing in the JSON texts of RawNumbers and DeepObjects. */
export function stringifyBody(body: unknown): string {
  const text = JSON.stringify(body).replace(/"__raw_json_(\d+)__"/g, (_, i: string) => spliced[Number(i)]);
  spliced.length = 0;
  return text;
}

/** Prints `value` as a GraphQL value literal, whatever its type (wrong ones included). */
export function printLiteral(value: unknown): string {
  if (value instanceof EnumLiteral) return value.name;
  if (value instanceof RawNumber) return value.text;
  if (value instanceof DeepObject) return value.toLiteral();
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== OMIT);
  return `{${fields.map(([k, v]) => `${k}: ${printLiteral(v)}`).join(', ')}}`;
}

/** Reference data the generators draw valid-looking values from (filled from the running hub). */
export interface Pools {
  ags: string[];
  districts: string[];
  cooperations: string[];
  series: string[];
  criteria: string[];
  areas: string[];
  cursors: string[];
  /** Slugs by type name (Practice, Module, Event, Cooperation). */
  slugs: Record<string, string[]>;
  /** Ids by type name (Practice, Module, Event, Participation, Registration, Assessment). */
  ids: Record<string, string[]>;
  /** Member or invitee pairs: who may declare participation where. */
  memberships: { ags: string; cooperation: string }[];
}

/**
 * What a value means, from where it goes: `parent` is the input type or the root field,
 * `name` the field or argument. Decides which valid values and which malformed ones to try.
 */
export type Meaning =
  | 'ags' | 'district' | 'cooperation' | 'series' | 'criterion' | 'area' | 'newSlug' | 'cursor'
  | 'email' | 'url' | 'phone' | 'date' | 'dateTime' | 'version' | 'searchText' | 'text'
  | 'lat' | 'lon' | 'radius' | 'year' | 'first' | 'count' | 'score' | 'scaleMax' | 'money' | 'percent'
  | `slug:${string}` | `id:${string}` | `code:${string}` | 'recordId' | 'other';

/** Vocabulary codes search filters take as plain strings. */
const CODES: Record<string, string[]> = {
  targetGroup: ['FAMILIES', 'NEWCOMERS'],
  fieldOfAction: ['NEW_HOME', 'WORKING_LIFE'],
  kind: ['STADT', 'RUNDER_TISCH', 'ANALYSIS_TOOL'],
};

const ID_OF_INPUT: Record<string, string> = {
  UpdateEventInput: 'Event',
  UpdateModuleInput: 'Module',
  UpdatePracticeInput: 'Practice',
  WithdrawParticipationInput: 'Participation',
  UpdateParticipationContactInput: 'Participation',
  assessment: 'Assessment',
  cancelRegistration: 'Registration',
  archivePractice: 'Practice',
};
const SLUG_OF_FIELD: Record<string, string> = { event: 'Event', module: 'Module', practice: 'Practice', cooperation: 'Cooperation' };

export function meaningOf(parent: string, name: string, type: GraphQLInputType): Meaning {
  const named = getNamedType(type).name;
  if (named === 'DateTime') return 'dateTime';
  if (named === 'Int' || named === 'Float') {
    if (name === 'first') return 'first';
    if (name === 'lat') return 'lat';
    if (name === 'lon') return 'lon';
    if (name === 'radiusKm') return 'radius';
    if (name === 'year' || name.endsWith('Year')) return 'year';
    if (name === 'score') return 'score';
    if (name === 'scaleMax') return 'scaleMax';
    if (name === 'amountEur') return 'money';
    if (name === 'sharePercent') return 'percent';
    return 'count';
  }
  if (named !== 'String' && named !== 'ID') return 'other';
  if (['ags', 'host', 'municipality', 'forMunicipality'].includes(name)) return 'ags';
  if (name === 'district' || name === 'code') return 'district';
  if (name === 'cooperation' || name === 'organizer') return 'cooperation';
  if (name === 'series') return 'series';
  if (name === 'criterion' || name === 'criteria' || name === 'key') return 'criterion';
  if (name === 'areaKey') return 'area';
  if (name === 'slug') return SLUG_OF_FIELD[parent] ? `slug:${SLUG_OF_FIELD[parent]}` : 'newSlug';
  if (name === 'practiceId' || name === 'sourceId') return 'id:Practice';
  if (name === 'moduleId') return 'id:Module';
  if (name === 'eventId') return 'id:Event';
  if (name === 'id') return ID_OF_INPUT[parent] ? `id:${ID_OF_INPUT[parent]}` : 'recordId';
  if (name === 'after') return 'cursor';
  if (parent === 'SearchFilter' && CODES[name]) return `code:${name}`;
  if (name === 'email') return 'email';
  if (/url$/i.test(name)) return 'url';
  if (name === 'phone') return 'phone';
  if (['from', 'to', 'declaredOn', 'releasedOn', 'withdrawnOn', 'startsOn'].includes(name)) return 'date';
  if (name === 'version') return 'version';
  if (name === 'query' || name === 'prefix') return 'searchText';
  return 'text';
}

const nextSlug = (() => {
  let n = 0;
  return () => `fuzz-${(n++).toString(36)}`;
})();

/** A valid-looking value for a scalar or enum of the given meaning. */
function validLeaf(type: GraphQLNamedInputType, meaning: Meaning, pools: Pools, random: Random): unknown {
  if (isEnumType(type)) return new EnumLiteral(random.pick(type.getValues()).name);
  const fromPool = (list: string[] | undefined, fallback: string) => (list && list.length > 0 ? random.pick(list) : fallback);
  switch (meaning) {
    case 'ags': return fromPool(pools.ags, '05970040');
    case 'district': return fromPool(pools.districts, '05970');
    case 'cooperation': return fromPool(pools.cooperations, 'integration-interkommunal');
    case 'series': return fromPool(pools.series, 'runder-tisch-willkommenskultur');
    case 'criterion': return fromPool(pools.criteria, 'personal-welcome');
    case 'area': return fromPool(pools.areas, 'welcome');
    case 'newSlug': return nextSlug();
    case 'cursor': return fromPool(pools.cursors, 'YQ==');
    case 'email': return 'fuzz@example.org';
    case 'url': return 'https://example.org/willkommen';
    case 'phone': return '+49 271 123-45';
    case 'date': return random.pick(['2025-03-01', '2025-06-01']);
    case 'dateTime': return random.pick(['2027-03-01T13:00:00Z', '2027-03-01T14:00:00+01:00']);
    case 'version': return `1.${random.int(100)}.${random.int(100)}`;
    case 'searchText': return random.pick(['Willkommen', 'Neubürgerempfang', 'Integration', 'Zugezogene Familie']);
    case 'text': return random.pick(['Willkommen in Südwestfalen', 'Neubürgerempfang am Biggesee', 'Runder Tisch Integration']);
    case 'lat': return 51 + random.int(100) / 100;
    case 'lon': return 7 + random.int(100) / 100;
    case 'radius': return 15;
    case 'year': return 2015 + random.int(10);
    case 'first': return 1 + random.int(10);
    case 'count': return 2 + random.int(4);
    case 'score': return random.int(4);
    case 'scaleMax': return 3;
    case 'money': return 1000 * random.int(50);
    case 'percent': return random.int(101);
    case 'recordId': return fromPool(Object.values(pools.ids).flat(), '00000000-0000-4000-8000-000000000000');
    default:
      if (meaning.startsWith('slug:')) return fromPool(pools.slugs[meaning.slice(5)], 'willkommen-in-siegen');
      if (meaning.startsWith('code:')) return random.pick(CODES[meaning.slice(5)]);
      if (meaning.startsWith('id:')) return fromPool(pools.ids[meaning.slice(3)], '00000000-0000-4000-8000-000000000000');
      if (type.name === 'Boolean') return random.chance(0.5);
      if (type.name === 'Int') return random.int(10);
      if (type.name === 'Float') return random.int(1000) / 10;
      return 'fuzz';
  }
}

/**
 * Rules across fields that the schema cannot say, so that valid-looking inputs pass the
 * services' validation often enough for a fuzzed field to reach the database.
 */
const CONSISTENT: Record<string, (value: Record<string, unknown>, pools: Pools, random: Random) => void> = {
  VenueInput: (venue) => {
    if ((venue.lat === undefined) !== (venue.lon === undefined)) Object.assign(venue, { lat: 51.03, lon: 7.85 });
  },
  PracticeOwnerInput: (owner, _pools, random) => void delete owner[random.chance(0.5) ? 'ags' : 'cooperation'],
  CreateEventInput: (event, pools, random) => {
    Object.assign(event, { startsAt: '2027-03-01T13:00:00Z', endsAt: '2027-03-01T16:00:00Z', registrationDeadline: '2027-02-20T12:00:00Z' });
    // Either a municipality's own event or a cooperation's.
    if (random.chance(0.5)) {
      delete event.organizer;
      event.host ??= random.pick(pools.ags);
    } else {
      delete event.host;
      event.organizer ??= random.pick(pools.cooperations);
    }
    event.title ??= 'Runder Tisch Integration';
    event.kind ??= new EnumLiteral('FORUM');
    if (!event.series) delete event.seriesNumber;
  },
  UpdateEventInput: (event) => void Object.assign(event, { startsAt: '2027-03-01T13:00:00Z', endsAt: '2027-03-01T16:00:00Z', registrationDeadline: '2027-02-20T12:00:00Z' }),
  RegisterInput: (registration) => void (registration.names = (registration.names as unknown[] | undefined)?.slice(0, 1)),
  CreatePracticeInput: (practice) => {
    practice.title ??= 'Neubürgerempfang am Biggesee';
    practice.summary ??= 'Ein Empfang für alle, die neu in die Stadt gezogen sind.';
    practice.targetGroups ??= [new EnumLiteral('NEWCOMERS')];
    practice.fieldsOfAction ??= [new EnumLiteral('NEW_HOME')];
    if (typeof practice.endedYear === 'number' && typeof practice.startedYear === 'number') practice.endedYear = Math.max(practice.endedYear, practice.startedYear);
  },
  PracticeContactInput: (contact) => void (contact.name ??= 'Vorname Nachname'),
  DeclareParticipationInput: (declaration, pools, random) => void (pools.memberships.length > 0 && Object.assign(declaration, random.pick(pools.memberships))),
  SubmitAssessmentInput: (assessment, pools, random) =>
    void (assessment.answers = pools.criteria.map((criterion) => ({ criterion, score: random.int(4), note: 'Notiz' }))),
};

/**
 * A valid-looking value of `type`: every required input field, most of the optional ones.
 * `meaning` describes the leaf (see `meaningOf`); input fields get their own.
 */
export function validValue(type: GraphQLInputType, meaning: Meaning, pools: Pools, random: Random): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, meaning, pools, random);
  if (isListType(type)) return Array.from({ length: 1 + random.int(2) }, () => validValue(type.ofType, meaning, pools, random));
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || random.chance(0.7)) {
        value[field.name] = validValue(field.type, meaningOf(type.name, field.name, field.type), pools, random);
      }
    }
    CONSISTENT[type.name]?.(value, pools, random);
    return value;
  }
  return validLeaf(type, meaning, pools, random);
}

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
    v('7-digit AGS', '0597004'), v('9-digit AGS', '059700400'), v('letters AGS', 'abcdefgh'), v('zero AGS', '00000000'),
    v('unknown AGS', '99999999'), v('AGS with spaces', ' 05970040 '), v('AGS with newline', '05970040\n'),
    v('full-width AGS', '０５９７００４０'), v('dashed AGS', '05-970-040'), v('Kreisschlüssel for AGS', '05970'),
  ],
  district: [v('4-digit district', '0597'), v('6-digit district', '059700'), v('letters district', 'abcde'), v('unknown district', '99999'), v('AGS for district', '05970040')],
  slug: [
    v('slug with spaces', 'Foo Bar'), v('hyphens only', '--'), v('leading hyphen', '-abc'), v('double hyphen', 'a--b'),
    v('upper-case slug', 'Willkommen-In-Siegen'), v('umlaut slug', 'begrüßung'), v('121-char slug', 'a'.repeat(121)), v('2-char slug', 'ab'),
  ],
  id: [
    v('not a UUID', 'not-a-uuid'), v('nil UUID', '00000000-0000-0000-0000-000000000000'), v('unknown UUID', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
    v('UUID in braces', '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}'), v('UUID too long', '3f2504e0-4f89-41d3-9a0c-0305e82c33011'),
    v('numeric id', '1'), v('negative id', '-1'), v('AGS as id', '05970040'), v('percent id', '%'), v('int id', 2147483648),
    v('1e300 id', 1e300),
  ],
  cursor: [
    v('base64 garbage cursor', 'bm9wZQ=='), v('non-base64 cursor', '!!!'), v('cursor of JSON', Buffer.from('{"x":1}').toString('base64')),
    v('cursor of -1', Buffer.from('-1').toString('base64')), v('cursor of huge number', Buffer.from('99999999999999999999').toString('base64')),
    v('relay cursor', 'YXJyYXljb25uZWN0aW9uOjA='), v('cursor of 1e300', Buffer.from('1e300').toString('base64')),
    v('cursor of NaN', Buffer.from('NaN').toString('base64')), v('long cursor', 'QUFB'.repeat(3000)),
  ],
  date: [
    v('Feb 30', '2025-02-30'), v('month 13', '2025-13-01'), v('unpadded date', '2025-3-1'), v('year 0', '0000-01-01'), v('year 9999', '9999-12-31'),
    v('6-digit year', '+275760-09-13'), v('date-time for date', '2025-03-01T10:00:00Z'), v('basic format date', '20250301'),
    v('word date', 'tomorrow'), v('far future date', '2999-01-01'), v('year 1', '0001-01-01'),
  ],
  dateTime: [
    v('Feb 30 date-time', '2025-02-30T10:00:00Z'), v('date for date-time', '2025-03-01'), v('no offset', '2025-03-01T10:00:00'),
    v('hour 25', '2025-03-01T25:00:00Z'), v('max JS date', '+275760-09-13T00:00:00Z'), v('beyond JS date', '+275760-09-14T00:00:00Z'),
    v('year 0 date-time', '0000-01-01T00:00:00Z'), v('epoch', '1970-01-01T00:00:00Z'), v('number date-time', 1700000000000),
    v('nanoseconds +14:00', '2025-03-01T10:00:00.123456789+14:00'), v('offset -99:00', '2025-03-01T10:00:00-99:00'), v('far future date-time', '2999-01-01T00:00:00Z'),
  ],
  url: [
    v('javascript URL', 'javascript:alert(1)'), v('scheme only', 'http://'), v('ftp URL', 'ftp://example.org'), v('space in host', 'https://exa mple.org'),
    v('broken IPv6', 'http://[::1'), v('10k-char URL', `https://${'a'.repeat(10_000)}.org`), v('protocol-relative', '//example.org'),
    v('data URL', 'data:text/html,<b>x</b>'), v('credentials URL', 'https://user:pass@example.org'), v('port 99999', 'http://localhost:99999'),
  ],
  email: [
    v('no domain', 'a@'), v('no local part', '@example.org'), v('space email', 'a b@example.org'), v('no TLD', 'a@b'),
    v('300-char local part', `${'x'.repeat(300)}@example.org`), v('IDN email', 'müller@bürgeramt.de'), v('two @', 'a@b@c.de'),
  ],
  phone: [v('letters phone', 'call me'), v('plus signs', '+'.repeat(100)), v('500 digits', '0'.repeat(500))],
  searchText: [v('quote', '"'), v('operators', 'AND OR NOT -x +y'), v('wildcards', '*?~^'), v('parens', '((((('), v('201 chars', 'ä'.repeat(201)), v('stop words only', 'und der die das')],
  version: [v('41-char version', '1'.repeat(41)), v('version with slash', '1.0/../2')],
};

const INTS: FuzzValue[] = [
  v('0', 0), v('-1', -1), v('2^31-1', 2147483647), v('2^31', 2147483648), v('-2^31-1', -2147483649), v('1e300', 1e300),
  v('1.5', 1.5), v('2^53+1 (raw)', new RawNumber('9007199254740993')), v('1e400 (raw)', new RawNumber('1e400')),
];
const FLOATS: FuzzValue[] = [
  v('0', 0), v('-1', -1), v('1e300', 1e300), v('-1e300', -1e300), v('5e-324', 5e-324), v('2^31', 2147483648),
  v('1e400 (raw)', new RawNumber('1e400')), v('-1e400 (raw)', new RawNumber('-1e400')), v('1e-400 (raw)', new RawNumber('1e-400')),
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
  v('wrong type: string', '12'), v('wrong type: number', 12), v('wrong type: boolean', true), v('wrong type: object', { a: 1 }), v('wrong type: list', [1, 'a']),
  v('NaN-like string', 'NaN'),
];

/** The malformed and boundary values worth trying for one slot of `type`. */
export function fuzzValues(type: GraphQLInputType, meaning: Meaning, valid: () => unknown): FuzzValue[] {
  const values: FuzzValue[] = [v('null', null), v('deep object (64)', new DeepObject(64)), v('deep object (3000)', new DeepObject(3000)), v('deep object (20000)', new DeepObject(20_000))];
  if (isNonNullType(type)) return [...values, v('omitted', OMIT), ...fuzzValues(type.ofType, meaning, valid).filter((f) => f.kind !== 'null')];
  if (isListType(type)) {
    const element = () => (valid() as unknown[])[0];
    const many = (n: number) => () => Array.from({ length: n }, element);
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
      ...(required.length > 0 ? [{ kind: 'missing required field', make: () => ({ ...(valid() as object), [required[0].name]: OMIT }) }] : []),
      v('wrong type: string', 'x'),
      v('wrong type: list', [{}]),
    ];
  }
  if (isEnumType(type)) {
    const first = type.getValues()[0].name;
    return [...values, v('unknown enum', new EnumLiteral('NOPE')), v('lower-case enum', new EnumLiteral(first.toLowerCase())), v('enum as string', first), v('empty string', ''), v('wrong type: number', 1)];
  }
  const boundaries = NUMBER_BOUNDARIES[meaning] ?? [];
  switch (type.name) {
    case 'Int': return [...values, ...INTS, ...boundaries, ...WRONG_TYPES];
    case 'Float': return [...values, ...FLOATS, ...boundaries, ...WRONG_TYPES];
    case 'Boolean': return [...values, v('string true', 'true'), v('number 1', 1), v('number 0', 0), v('wrong type: object', {})];
  }
  const key = meaning.startsWith('id:') || meaning === 'recordId' ? 'id' : meaning.startsWith('slug:') || ['newSlug', 'cooperation', 'series', 'criterion', 'area'].includes(meaning) ? 'slug' : meaning;
  return [...values, ...STRINGS, ...(MALFORMED[key as Meaning] ?? []), ...WRONG_TYPES.filter((w) => w.kind !== 'wrong type: string')];
}
