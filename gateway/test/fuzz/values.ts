import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from 'graphql';
import { EnumLiteral } from './literals.js';
import type { Random } from './random.js';

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
  | 'ags'
  | 'district'
  | 'cooperation'
  | 'series'
  | 'criterion'
  | 'area'
  | 'newSlug'
  | 'cursor'
  | 'email'
  | 'url'
  | 'phone'
  | 'date'
  | 'dateTime'
  | 'version'
  | 'searchText'
  | 'text'
  | 'lat'
  | 'lon'
  | 'radius'
  | 'year'
  | 'first'
  | 'count'
  | 'score'
  | 'scaleMax'
  | 'money'
  | 'percent'
  | `slug:${string}`
  | `id:${string}`
  | `code:${string}`
  | 'recordId'
  | 'other';

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
const SLUG_OF_FIELD: Record<string, string> = {
  event: 'Event',
  module: 'Module',
  practice: 'Practice',
  cooperation: 'Cooperation',
};

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
  const fromPool = (list: string[] | undefined, fallback: string) =>
    list && list.length > 0 ? random.pick(list) : fallback;
  switch (meaning) {
    case 'ags':
      return fromPool(pools.ags, '05970040');
    case 'district':
      return fromPool(pools.districts, '05970');
    case 'cooperation':
      return fromPool(pools.cooperations, 'integration-interkommunal');
    case 'series':
      return fromPool(pools.series, 'runder-tisch-willkommenskultur');
    case 'criterion':
      return fromPool(pools.criteria, 'personal-welcome');
    case 'area':
      return fromPool(pools.areas, 'welcome');
    case 'newSlug':
      return nextSlug();
    case 'cursor':
      return fromPool(pools.cursors, 'YQ==');
    case 'email':
      return 'fuzz@example.org';
    case 'url':
      return 'https://example.org/willkommen';
    case 'phone':
      return '+49 271 123-45';
    case 'date':
      return random.pick(['2025-03-01', '2025-06-01']);
    case 'dateTime':
      return random.pick(['2027-03-01T13:00:00Z', '2027-03-01T14:00:00+01:00']);
    case 'version':
      return `1.${random.int(100)}.${random.int(100)}`;
    case 'searchText':
      return random.pick(['Willkommen', 'Neubürgerempfang', 'Integration', 'Zugezogene Familie']);
    case 'text':
      return random.pick(['Willkommen in Südwestfalen', 'Neubürgerempfang am Biggesee', 'Runder Tisch Integration']);
    case 'lat':
      return 51 + random.int(100) / 100;
    case 'lon':
      return 7 + random.int(100) / 100;
    case 'radius':
      return 15;
    case 'year':
      return 2015 + random.int(10);
    case 'first':
      return 1 + random.int(10);
    case 'count':
      return 2 + random.int(4);
    case 'score':
      return random.int(4);
    case 'scaleMax':
      return 3;
    case 'money':
      return 1000 * random.int(50);
    case 'percent':
      return random.int(101);
    case 'recordId':
      return fromPool(Object.values(pools.ids).flat(), '00000000-0000-4000-8000-000000000000');
    default:
      if (meaning.startsWith('slug:')) return fromPool(pools.slugs[meaning.slice(5)], 'willkommen-in-siegen');
      if (meaning.startsWith('code:')) return random.pick(CODES[meaning.slice(5)]);
      if (meaning.startsWith('id:'))
        return fromPool(pools.ids[meaning.slice(3)], '00000000-0000-4000-8000-000000000000');
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
    Object.assign(event, {
      startsAt: '2027-03-01T13:00:00Z',
      endsAt: '2027-03-01T16:00:00Z',
      registrationDeadline: '2027-02-20T12:00:00Z',
    });
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
  UpdateEventInput: (event) =>
    void Object.assign(event, {
      startsAt: '2027-03-01T13:00:00Z',
      endsAt: '2027-03-01T16:00:00Z',
      registrationDeadline: '2027-02-20T12:00:00Z',
    }),
  RegisterInput: (registration) => {
    registration.names = (registration.names as unknown[] | undefined)?.slice(0, 1);
  },
  CreatePracticeInput: (practice) => {
    practice.title ??= 'Neubürgerempfang am Biggesee';
    practice.summary ??= 'Ein Empfang für alle, die neu in die Stadt gezogen sind.';
    practice.targetGroups ??= [new EnumLiteral('NEWCOMERS')];
    practice.fieldsOfAction ??= [new EnumLiteral('NEW_HOME')];
    if (typeof practice.endedYear === 'number' && typeof practice.startedYear === 'number')
      practice.endedYear = Math.max(practice.endedYear, practice.startedYear);
  },
  PracticeContactInput: (contact) => {
    contact.name ??= 'Vorname Nachname';
  },
  DeclareParticipationInput: (declaration, pools, random) =>
    void (pools.memberships.length > 0 && Object.assign(declaration, random.pick(pools.memberships))),
  SubmitAssessmentInput: (assessment, pools, random) => {
    assessment.answers = pools.criteria.map((criterion) => ({ criterion, score: random.int(4), note: 'Notiz' }));
  },
};

/**
 * A valid-looking value of `type`: every required input field, most of the optional ones.
 * `meaning` describes the leaf (see `meaningOf`); input fields get their own.
 */
export function validValue(type: GraphQLInputType, meaning: Meaning, pools: Pools, random: Random): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, meaning, pools, random);
  if (isListType(type))
    return Array.from({ length: 1 + random.int(2) }, () => validValue(type.ofType, meaning, pools, random));
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
