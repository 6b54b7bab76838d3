import { describe, expect, it } from '@jest/globals';
import { defineEntity, p } from '@mikro-orm/core';
import { z } from 'zod';
import {
  AGS_MESSAGE,
  BadUserInputError,
  DISTRICT_CODE_MESSAGE,
  HTTP_URL_MESSAGE,
  InputValidator,
  LATITUDE_MESSAGE,
  LONGITUDE_MESSAGE,
  MAX_RADIUS_KM,
  RADIUS_KM_MESSAGE,
  SLUG_MESSAGE,
  agsSchema,
  boundedTextSchema,
  columnLimit,
  coordinatesSchema,
  districtCodeSchema,
  fieldPath,
  httpUrlSchema,
  isAgs,
  isDistrictCode,
  isHttpUrl,
  isLatitude,
  isLongitude,
  isRadiusKm,
  isSlug,
  nearSchema,
  parseInput,
  radiusKmSchema,
  slugSchema,
  textProblem,
  type FieldProblem,
} from '../src/index.js';

/** The problems `parseInput` reports, or [] when it accepts the value. */
function problems(schema: z.ZodType, value: unknown, path?: string): FieldProblem[] {
  try {
    parseInput(schema, value, path);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fields;
  }
}

describe('AGS', () => {
  it.each(['05970040', '00000000', '09162000'])('accepts %s', (ags) => {
    expect(isAgs(ags)).toBe(true);
    expect(parseInput(agsSchema, ags, 'ags')).toBe(ags);
  });

  it.each([
    ['seven digits', '5970040'],
    ['nine digits', '059700400'],
    ['a Kreisschlüssel', '05970'],
    ['spaces around', ' 05970040 '],
    ['a dash', '05-970-040'],
    ['full-width digits', '０５９７００４０'],
    ['Arabic-Indic digits', '٠٥٩٧٠٠٤٠'],
    ['a trailing newline', '05970040\n'],
    ['empty', ''],
  ])('refuses %s', (_, ags) => {
    expect(isAgs(ags)).toBe(false);
    expect(problems(agsSchema, ags, 'input.ags')).toEqual([{ field: 'input.ags', message: AGS_MESSAGE }]);
  });

  it('refuses what is not text, so token claims need no cast', () => {
    expect(isAgs(5970040)).toBe(false);
    expect(isAgs(null)).toBe(false);
    expect(isAgs(undefined)).toBe(false);
    expect(problems(agsSchema, 5970040, 'ags')).toEqual([{ field: 'ags', message: AGS_MESSAGE }]);
  });
});

describe('Kreisschlüssel', () => {
  it('accepts five digits and refuses anything else', () => {
    expect(isDistrictCode('05966')).toBe(true);
    for (const code of ['5966', '059660', '05970040', 'Olpe', '', ' 05966']) expect(isDistrictCode(code)).toBe(false);
    expect(problems(districtCodeSchema, 'Olpe', 'filter.district')).toEqual([
      { field: 'filter.district', message: DISTRICT_CODE_MESSAGE },
    ]);
    expect(DISTRICT_CODE_MESSAGE).toBe('must be a 5-digit Kreisschlüssel such as "05966"');
  });
});

describe('slug', () => {
  it.each(['willkommen-in-olpe', 'a', 'x2', '2024-siegen'])('accepts %s', (slug) => {
    expect(isSlug(slug)).toBe(true);
    expect(parseInput(slugSchema(), slug)).toBe(slug);
  });

  it.each(['Willkommen', 'double--hyphen', '-leading', 'trailing-', 'with space', 'umlaut-ö', 'under_score', ''])(
    'refuses %j',
    (slug) => {
      expect(isSlug(slug)).toBe(false);
      expect(problems(slugSchema(), slug, 'input.slug')).toEqual([{ field: 'input.slug', message: SLUG_MESSAGE }]);
    },
  );

  it('checks length bounds, each problem named once', () => {
    expect(problems(slugSchema({ min: 3, max: 5 }), 'ab', 'slug')).toEqual([
      { field: 'slug', message: 'must have at least 3 characters' },
    ]);
    expect(problems(slugSchema({ max: 5 }), 'abcdef', 'slug')).toEqual([
      { field: 'slug', message: 'must have at most 5 characters' },
    ]);
    expect(problems(slugSchema({ max: 5 }), 'Abcdef', 'slug')).toHaveLength(2);
  });
});

describe('http(s) URL', () => {
  it('accepts web addresses with a dotted host, trimmed', () => {
    expect(isHttpUrl('https://www.siegen.de/')).toBe(true);
    expect(parseInput(httpUrlSchema, ' http://olpe.de/rathaus ')).toBe('http://olpe.de/rathaus');
  });

  it.each([
    'javascript:alert(1)',
    'ftp://files.siegen.de/',
    'http://intranet/',
    'www.siegen.de',
    'data:text/html,x',
    '',
  ])('refuses %j', (url) => {
    expect(isHttpUrl(url)).toBe(false);
    expect(problems(httpUrlSchema, url, 'input.onlineUrl')).toEqual([
      { field: 'input.onlineUrl', message: HTTP_URL_MESSAGE },
    ]);
  });
});

describe('coordinates and radius', () => {
  it('accepts the whole globe, bounds included', () => {
    for (const lat of [-90, 0, 50.87, 90]) expect(isLatitude(lat)).toBe(true);
    for (const lon of [-180, 0, 8.02, 180]) expect(isLongitude(lon)).toBe(true);
    expect(parseInput(coordinatesSchema, { lat: 50.87, lon: 8.02 })).toEqual({ lat: 50.87, lon: 8.02 });
  });

  it('refuses points off the globe, NaN and infinities with the range message', () => {
    for (const lat of [-90.0001, 91, Number.NaN, Number.POSITIVE_INFINITY]) expect(isLatitude(lat)).toBe(false);
    for (const lon of [-181, 180.5, Number.NaN]) expect(isLongitude(lon)).toBe(false);
    expect(problems(coordinatesSchema, { lat: Number.NaN, lon: 200 }, 'input.venue')).toEqual([
      { field: 'input.venue.lat', message: LATITUDE_MESSAGE },
      { field: 'input.venue.lon', message: LONGITUDE_MESSAGE },
    ]);
  });

  it(`takes a radius of more than 0 and at most ${MAX_RADIUS_KM} km`, () => {
    for (const km of [0.0005, 1, 500]) expect(isRadiusKm(km)).toBe(true);
    for (const km of [0, -1, 500.01, Number.POSITIVE_INFINITY]) expect(isRadiusKm(km)).toBe(false);
    expect(RADIUS_KM_MESSAGE).toBe('must be more than 0 and at most 500');
    expect(problems(radiusKmSchema, 0, 'r')).toEqual([{ field: 'r', message: RADIUS_KM_MESSAGE }]);
  });
});

describe('bounded text', () => {
  it('trims and gives one problem at a time, most basic first', () => {
    expect(parseInput(boundedTextSchema({ max: 20 }), '  Anna Schmidt ')).toBe('Anna Schmidt');
    expect(textProblem('', { max: 5 })).toBe('must not be empty');
    expect(textProblem('a', { min: 2, max: 5 })).toBe('must have at least 2 characters');
    expect(textProblem('abcdef', { max: 5 })).toBe('must have at most 5 characters');
    expect(textProblem('ab\u0000cdefgh', { max: 5 })).toBe('must not contain the NUL character (U+0000)');
    expect(problems(boundedTextSchema({ max: 5 }), '   ', 'input.name')).toEqual([
      { field: 'input.name', message: 'must not be empty' },
    ]);
  });

  it('takes its limit from the column the entity declares', () => {
    const Note = defineEntity({
      name: 'Note',
      properties: { id: p.uuid().primary(), title: p.string().length(120), body: p.text() },
    });
    expect(columnLimit(Note, 'title')).toBe(120);
    expect(() => columnLimit(Note, 'body')).toThrow('Note.body declares no column length.');
  });
});

describe('parseInput', () => {
  const input = z.object({
    name: boundedTextSchema({ max: 10 }),
    home: z.object({ ags: agsSchema, near: nearSchema }),
    links: z.array(z.object({ url: httpUrlSchema })),
  });

  it('returns the parsed value', () => {
    const value = { name: ' Olpe ', home: { ags: '05966024', near: { lat: 51, lon: 7.8, radiusKm: 5 } }, links: [] };
    expect(parseInput(input, value, 'input')).toEqual({ ...value, name: 'Olpe' });
  });

  it('names every problem by its path in one BAD_USER_INPUT error', () => {
    const value = {
      name: 'x'.repeat(11),
      home: { ags: '5966024', near: { lat: 91, lon: 7.8, radiusKm: 0 } },
      links: [{ url: 'https://olpe.de' }, { url: 'javascript:alert(1)' }],
    };
    let error: unknown;
    try {
      parseInput(input, value, 'input');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as BadUserInputError).fields).toEqual([
      { field: 'input.name', message: 'must have at most 10 characters' },
      { field: 'input.home.ags', message: AGS_MESSAGE },
      { field: 'input.home.near.lat', message: LATITUDE_MESSAGE },
      { field: 'input.home.near.radiusKm', message: RADIUS_KM_MESSAGE },
      { field: 'input.links[1].url', message: HTTP_URL_MESSAGE },
    ]);
    expect((error as BadUserInputError).message).toBe(
      `Invalid input. input.name: must have at most 10 characters; input.home.ags: ${AGS_MESSAGE}; ` +
        `input.home.near.lat: ${LATITUDE_MESSAGE}; input.home.near.radiusKm: ${RADIUS_KM_MESSAGE}; ` +
        `input.links[1].url: ${HTTP_URL_MESSAGE}`,
    );
  });

  it('names paths as the rest of the hub does', () => {
    expect(fieldPath('input', ['links', 0, 'url'])).toBe('input.links[0].url');
    expect(fieldPath(undefined, ['near', 'lat'])).toBe('near.lat');
    expect(fieldPath('filter.near', [])).toBe('filter.near');
    expect(fieldPath(undefined, [])).toBe('value');
  });
});

describe('InputValidator with the shared rules', () => {
  it('records rule problems among its own and throws them once', () => {
    const v = new InputValidator();
    v.text('', 'input.name', { max: 10 });
    expect(v.rule(nearSchema, { lat: 50, lon: -181, radiusKm: 501 }, 'filter.near')).toBeUndefined();
    expect(v.ags('0597004', 'input.ags')).toBeUndefined();
    expect(v.ags('0597004', 'filter.host', 'must be an 8-digit AGS')).toBeUndefined();
    let error: unknown;
    try {
      v.throwIfInvalid();
    } catch (e) {
      error = e;
    }
    expect((error as BadUserInputError).fields).toEqual([
      { field: 'input.name', message: 'must not be empty' },
      { field: 'filter.near.lon', message: LONGITUDE_MESSAGE },
      { field: 'filter.near.radiusKm', message: RADIUS_KM_MESSAGE },
      { field: 'input.ags', message: AGS_MESSAGE },
      { field: 'filter.host', message: 'must be an 8-digit AGS' },
    ]);
  });

  it('returns parsed values and stays valid on good input', () => {
    const v = new InputValidator();
    expect(v.ags('05970040', 'input.ags')).toBe('05970040');
    expect(v.rule(httpUrlSchema, ' https://www.siegen.de/ ', 'input.onlineUrl')).toBe('https://www.siegen.de/');
    expect(v.ok).toBe(true);
  });

  it('replaces the wording with a given message, naming each field once', () => {
    const v = new InputValidator();
    v.rule(slugSchema({ max: 3 }), 'Not-A-Slug', 'input.slug', 'must be a short slug');
    expect(() => v.throwIfInvalid()).toThrow('Invalid input. input.slug: must be a short slug');
  });
});
