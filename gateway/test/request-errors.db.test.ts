import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sharedHub, type SharedHub } from './shared-hub.js';

// Every refused request says why in extensions.code: malformed GET parameters are HTTP 400
// BAD_REQUEST (not 500), variables of the wrong type or missing BAD_USER_INPUT. Every one
// is refused before it writes: the run's shared hub.
let hub: SharedHub;

beforeAll(async () => {
  hub = await sharedHub();
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

interface Answer {
  status: number;
  contentType: string;
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function answer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    ...((await response.json()) as object),
  };
}

/** A GET with the CSRF header browsers cannot send cross-site; `params` is the raw query string. */
async function get(params: string): Promise<Answer> {
  return answer(
    await fetch(`${hub.url}/graphql?${params}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } }),
  );
}

async function post(body: unknown): Promise<Answer> {
  return answer(
    await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

const codes = (a: Answer) => a.errors?.map((e) => e.extensions?.code);
const COUNT = 'query Count($first: Int!) { municipalities(first: $first) { totalCount } }';

describe('malformed GET parameters', () => {
  it.each([
    ['variables', `query=${encodeURIComponent('{ __typename }')}&variables=%7Bx`],
    ['extensions', `query=${encodeURIComponent('{ __typename }')}&extensions=%7Bx`],
    ['variables', `query=${encodeURIComponent(COUNT)}&variables=${encodeURIComponent('{"first": 1')}`],
  ])('answer HTTP 400 BAD_REQUEST for a "%s" parameter that is not JSON', async (name, params) => {
    const result = await get(params);
    expect(result).toEqual({
      status: 400,
      contentType: expect.stringContaining('json'),
      errors: [{ message: `The "${name}" parameter is not valid JSON.`, extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('still runs a GET whose parameters are well-formed', async () => {
    const result = await get(`query=${encodeURIComponent(COUNT)}&variables=${encodeURIComponent('{"first":1}')}`);
    expect(result).toEqual({
      status: 200,
      contentType: expect.stringContaining('json'),
      data: { municipalities: { totalCount: 112 } },
    });
  });
});

describe('variable coercion', () => {
  it('answers BAD_USER_INPUT naming a variable of the wrong type, over POST and GET', async () => {
    const expected = {
      status: 400,
      contentType: expect.stringContaining('json'),
      errors: [
        {
          message: 'Variable "$first" got invalid value "a"; Int cannot represent non-integer value: "a"',
          locations: [{ line: 1, column: 13 }],
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              {
                field: '$first',
                message: 'Variable "$first" got invalid value "a"; Int cannot represent non-integer value: "a"',
              },
            ],
          },
        },
      ],
    };
    expect(await post({ query: COUNT, variables: { first: 'a' } })).toEqual(expected);
    expect(await get(`query=${encodeURIComponent(COUNT)}&variables=${encodeURIComponent('{"first":"a"}')}`)).toEqual(
      expected,
    );
  });

  it('answers BAD_USER_INPUT for a required variable left out', async () => {
    const result = await post({ query: COUNT });
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Variable "$first" of required type "Int!" was not provided.',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: '$first', message: 'Variable "$first" of required type "Int!" was not provided.' }],
        },
      }),
    ]);
  });

  it('codes every problem of an input object, nested fields and enums included', async () => {
    const query =
      'query Find($filter: MunicipalityFilter, $first: Int) { municipalities(filter: $filter, first: $first) { totalCount } }';
    const result = await post({
      query,
      variables: { filter: { region: 'NOWHERE', near: { lat: 'north', lon: 7.8 }, unknown: 1 }, first: 1.5 },
    });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors!.length).toBeGreaterThanOrEqual(4);
    expect(new Set(codes(result))).toEqual(new Set(['BAD_USER_INPUT']));
    const fields = result.errors!.flatMap((e) => (e.extensions!.fields as { field: string }[]).map((f) => f.field));
    expect(new Set(fields)).toEqual(new Set(['$filter', '$first']));
  });

  it('refuses JSON nested deeper than any input before anything serializes it', async () => {
    // Written as text: JSON.stringify itself would overflow on it.
    const deep = `${'{"x":'.repeat(20_000)}"2026-01-01T10:00:00Z"${'}'.repeat(20_000)}`;
    const raw = async (body: string) =>
      answer(
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
    const mutation =
      'mutation($s: DateTime!) { updateEvent(input: { id: \\"00000000-0000-0000-0000-000000000000\\", startsAt: $s }) { id } }';
    const refused = await raw(`{"query":"${mutation}","variables":{"s":${deep}}}`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: '$s' }] });
    const inExtensions = await raw(`{"query":"${COUNT}","variables":{"first":1},"extensions":{"trace":${deep}}}`);
    expect(inExtensions.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'extensions.trace' }],
    });
    let shallow: unknown = 1;
    for (let i = 0; i < 31; i++) shallow = [shallow];
    expect((await post({ query: COUNT, variables: { first: 1, unused: shallow } })).data).toEqual({
      municipalities: { totalCount: 112 },
    });
  });

  it('refuses, with the same answer on either planner, literals no input can take: numbers out of range, objects nested too deep', async () => {
    const outOfRange = await post({
      query:
        'query { municipalities(first: 5, filter: { near: { lat: 51.0, lon: -1e400, radiusKm: 10 } }) { totalCount } }',
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter', message: '-1e400 is beyond the range of a number' }],
    });
    const nested = (levels: number) => `${'{ x: '.repeat(levels)}1${' }'.repeat(levels)}`;
    const deep = await post({
      query: `query { auditTrail: practicesAuditTrail(filter: { since: ${nested(40)} }) { totalCount } }`,
    });
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter' }] });
    expect(deep.errors?.[0]?.message).toBe('filter must not nest deeper than 32 levels.');
    const fine = await post({
      query:
        'query { municipalities(first: 5, filter: { near: { lat: 50.87, lon: 8.02, radiusKm: 1e1 } }) { totalCount } }',
    });
    expect(fine.errors).toBeUndefined();
    expect(fine.data).toEqual({ municipalities: { totalCount: expect.any(Number) } });
  });

  it('leaves a request with valid variables alone', async () => {
    expect(await post({ query: COUNT, variables: { first: 2 } })).toEqual({
      status: 200,
      contentType: expect.stringContaining('json'),
      data: { municipalities: { totalCount: 112 } },
    });
  });
});

describe('parse and validation errors', () => {
  it('codes a syntax error GRAPHQL_PARSE_FAILED, over POST and GET', async () => {
    expect(codes(await post({ query: '{ municipalities { totalCount }' }))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await get(`query=${encodeURIComponent('{ municipalities {')}`))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('codes every validation error GRAPHQL_VALIDATION_FAILED, over POST and GET', async () => {
    const query = 'query Bad($unused: Int) { municipality { name } nosuchfield }';
    const viaPost = await post({ query });
    expect(viaPost.errors!.length).toBeGreaterThanOrEqual(3);
    expect(new Set(codes(viaPost))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const viaGet = await get(`query=${encodeURIComponent(query)}`);
    expect(new Set(codes(viaGet))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
  });

  it('answers BAD_REQUEST for a POST whose variables are not an object', async () => {
    const result = await post({ query: COUNT, variables: '{"first":1}' });
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['BAD_REQUEST']);
  });
});
