import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMunicipalities, type SubgraphUnderTest } from './support.js';

let hub: SubgraphUnderTest;
beforeAll(async () => {
  hub = await startMunicipalities();
});
afterAll(() => hub?.close());

const count = async (filter: string) => {
  const result = await hub.gql<{
    municipalities: { totalCount: number; edges: { node: { ags: string; name: string } }[] };
  }>(`{ municipalities(filter: ${filter}, first: 200) { totalCount edges { node { ags name } } } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.municipalities;
};

describe('Query.municipality', () => {
  it('answers Siegen with district, population and the official-statistics attribution', async () => {
    const { data, errors } = await hub.gql(`{ municipality(ags: "05970040") {
      ags name officialName kind region population populationDate areaKm2 postalCode
      location { lat lon } district { code name kind } cooperations { slug }
      attribution { text licence licenceUrl } } }`);
    expect(errors).toBeUndefined();
    expect(data!.municipality).toMatchObject({
      ags: '05970040',
      name: 'Siegen',
      officialName: 'Siegen, Universitätsstadt',
      kind: 'STADT',
      region: 'SUEDWESTFALEN',
      population: 102685,
      populationDate: '2024-12-31',
      district: { code: '05970', name: 'Kreis Siegen-Wittgenstein', kind: 'KREIS' },
      cooperations: [{ slug: 'qualitaetsoffensive-willkommen-suedwestfalen' }],
      attribution: { licence: 'dl-de/by-2-0', licenceUrl: 'https://www.govdata.de/dl-de/by-2-0' },
    });
    expect(data!.municipality.attribution.text).toMatch(/Destatis.*GeoBasis-DE \/ BKG/s);
  });

  it('keeps the leading zero of the AGS and returns null for an unknown one', async () => {
    const { data, errors } = await hub.gql(
      `{ known: municipality(ags: "05913000") { ags name } unknown: municipality(ags: "09162000") { ags } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ known: { ags: '05913000', name: 'Dortmund' }, unknown: null });
  });

  it.each(['5970040', '059700401', 'Siegen', ''])(
    'rejects ags %j with BAD_USER_INPUT naming the argument',
    async (ags) => {
      const { data, errors } = await hub.gql(`query($ags: ID!) { municipality(ags: $ags) { name } }`, {
        variables: { ags },
      });
      expect(data?.municipality ?? null).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ags' }] });
    },
  );
});

describe('Query.municipalities', () => {
  it('counts 59 in Südwestfalen and 53 in the Ruhr, 112 in all', async () => {
    expect((await count('{ region: SUEDWESTFALEN }')).totalCount).toBe(59);
    expect((await count('{ region: RUHR }')).totalCount).toBe(53);
    expect((await count('{}')).totalCount).toBe(112);
  });

  it('filters by district, kind, name prefix and cooperation', async () => {
    const olpe = await count('{ district: "05966" }');
    expect(olpe.totalCount).toBe(7);
    expect(olpe.edges.map((e) => e.node.name)).toContain('Olpe');
    expect((await count('{ region: SUEDWESTFALEN, kind: GEMEINDE }')).totalCount).toBe(19);
    expect((await count('{ namePrefix: "bad " }')).edges.map((e) => e.node.name)).toEqual(
      expect.arrayContaining(['Bad Sassendorf', 'Bad Berleburg']),
    );
    const ruhrCooperation = await count('{ cooperation: "integration-interkommunal" }');
    expect(ruhrCooperation.totalCount).toBe(10);
    expect(ruhrCooperation.edges.map((e) => e.node.ags)).toContain('05914000');
  });

  it('treats LIKE wildcards in the name prefix as text', async () => {
    expect((await count('{ namePrefix: "%" }')).totalCount).toBe(0);
    expect((await count('{ namePrefix: "_iegen" }')).totalCount).toBe(0);
  });

  it('finds municipalities within a radius', async () => {
    const aroundSiegen = await count('{ near: { lat: 50.874559, lon: 8.024625, radiusKm: 10 } }');
    const names = aroundSiegen.edges.map((e) => e.node.name);
    expect(names).toContain('Siegen');
    expect(names).not.toContain('Dortmund');
    expect(
      (await count('{ near: { lat: 50.874559, lon: 8.024625, radiusKm: 0.5 } }')).edges.map((e) => e.node.name),
    ).toEqual(['Siegen']);
  });

  it('takes subnormal degrees, whose radians() PostgreSQL would refuse as an underflow', async () => {
    expect((await count('{ near: { lat: 5e-324, lon: -5e-324, radiusKm: 500 } }')).totalCount).toBe(0);
    const exactly = await count('{ near: { lat: 50.874559, lon: 8.024625, radiusKm: 1e-320 } }');
    expect(exactly.edges.map((e) => e.node.name)).toEqual(['Siegen']);
  });

  it('pages through all 112 without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: { data?: any } = await hub.gql(
        `query($after: String) { municipalities(first: 50, after: $after) { edges { node { ags } } pageInfo { hasNextPage endCursor } } }`,
        {
          variables: { after },
        },
      );
      const connection = result.data.municipalities;
      seen.push(...connection.edges.map((e: { node: { ags: string } }) => e.node.ags));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(112);
    expect(new Set(seen).size).toBe(112);
  });

  it('names every bad filter field in one BAD_USER_INPUT error', async () => {
    const { errors } = await hub.gql(
      `{ municipalities(first: 0, filter: { district: "Olpe", cooperation: "unknown", near: { lat: 91, lon: 8, radiusKm: -1 } }) { totalCount } }`,
    );
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors).toHaveLength(1);
    // The page size is checked first; then the filter with all of its problems.
    const { errors: filterErrors } = await hub.gql(
      `{ municipalities(filter: { district: "Olpe", cooperation: "unknown", near: { lat: 91, lon: 8, radiusKm: -1 } }) { totalCount } }`,
    );
    const fields = (filterErrors![0].extensions!.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['filter.district', 'filter.near.lat', 'filter.near.radiusKm', 'filter.cooperation']);
  });
});

describe('districts and cooperations', () => {
  it('lists the 5 Kreise of Südwestfalen with their municipalities', async () => {
    const { data } = await hub.gql(`{ districts(region: SUEDWESTFALEN) { code name municipalities { ags } } }`);
    const sizes = Object.fromEntries(
      data!.districts.map((d: { name: string; municipalities: unknown[] }) => [d.name, d.municipalities.length]),
    );
    expect(sizes).toEqual({
      Hochsauerlandkreis: 12,
      'Märkischer Kreis': 15,
      'Kreis Olpe': 7,
      'Kreis Siegen-Wittgenstein': 11,
      'Kreis Soest': 14,
    });
  });

  it('lists Integration.Interkommunal with its 10 members and their years', async () => {
    const { data } = await hub.gql(
      `{ cooperation(slug: "integration-interkommunal") { name foundedYear memberCount members { municipality { ags name } since status note } } }`,
    );
    const cooperation = data!.cooperation;
    expect(cooperation.members).toHaveLength(10);
    expect(cooperation.memberCount).toBe(10);
    const hagen = cooperation.members.find((m: { municipality: { ags: string } }) => m.municipality.ags === '05914000');
    expect(hagen).toMatchObject({ since: 2023, status: 'MEMBER' });
    // Gelsenkirchen's joining year is not in the sources: it stays null, never guessed.
    expect(
      cooperation.members.find((m: { municipality: { ags: string } }) => m.municipality.ags === '05513000').since,
    ).toBeNull();
  });

  it('lists the Südwestfalen cooperation with all 59 municipalities invited', async () => {
    const { data } = await hub.gql(
      `{ cooperations { slug } cooperation(slug: "qualitaetsoffensive-willkommen-suedwestfalen") { memberCount invited: members(status: INVITED) { municipality { region } } participationRequirements } }`,
    );
    expect(data!.cooperations.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'integration-interkommunal',
      'qualitaetsoffensive-willkommen-suedwestfalen',
    ]);
    expect(data!.cooperation.invited).toHaveLength(59);
    expect(
      new Set(data!.cooperation.invited.map((m: { municipality: { region: string } }) => m.municipality.region)),
    ).toEqual(new Set(['SUEDWESTFALEN']));
    expect(data!.cooperation.participationRequirements).toContain('verbindliche Teilnahmeerklärung der Kommune');
  });

  it("gives a municipality's district and cooperations as whole as their own queries do (they are loaded by a join)", async () => {
    const cooperationFields =
      'id slug name summary coordinator region foundedYear participationRequirements memberCount';
    const districtFields = 'code name kind region';
    const { data, errors } = await hub.gql(`{
      hagen: municipality(ags: "05914000") { district { ${districtFields} } cooperations { ${cooperationFields} } }
      siegen: municipality(ags: "05970040") { district { ${districtFields} } cooperations { ${cooperationFields} } }
      interkommunal: cooperation(slug: "integration-interkommunal") { ${cooperationFields} }
      offensive: cooperation(slug: "qualitaetsoffensive-willkommen-suedwestfalen") { ${cooperationFields} }
      districts { ${districtFields} } }`);
    expect(errors).toBeUndefined();
    const district = (code: string) => data!.districts.find((d: { code: string }) => d.code === code);
    expect(data!.hagen).toEqual({ district: district('05914'), cooperations: [data!.interkommunal] });
    expect(data!.siegen).toEqual({ district: district('05970'), cooperations: [data!.offensive] });
    expect(data!.offensive.participationRequirements.length).toBeGreaterThan(0);
  });

  it('gives a municipality by AGS (loaded with its district) as the list does', async () => {
    const fields =
      'ags name officialName kind region population populationDate areaKm2 postalCode source location { lat lon }';
    const { data, errors } = await hub.gql(`{
      one: municipality(ags: "05970040") { ${fields} }
      list: municipalities(filter: { namePrefix: "Siegen" }) { edges { node { ${fields} } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.list.edges).toEqual([{ node: data!.one }]);
    expect(data!.one).toMatchObject({ populationDate: '2024-12-31', areaKm2: expect.any(Number) });
  });

  it('returns null for an unknown cooperation slug', async () => {
    expect((await hub.gql(`{ cooperation(slug: "nope") { name } }`)).data).toEqual({ cooperation: null });
  });
});

describe('batching', () => {
  const listing = (first: number) =>
    `{ municipalities(first: ${first}) { totalCount edges { node { ags name district { name } cooperations { slug name } participations { id } } } } }`;

  it('lists municipalities with district and cooperations in a fixed number of SQL statements', async () => {
    hub.statements.reset();
    const small = await hub.gql(listing(5));
    const forFive = hub.statements.count;
    hub.statements.reset();
    const all = await hub.gql(listing(200));
    const forAll = hub.statements.count;
    expect(small.errors).toBeUndefined();
    expect(all.data!.municipalities.edges).toHaveLength(112);
    expect(forAll).toBe(forFive);
    // page, count, districts, cooperations with their memberships (one join), participations
    expect(forAll).toBeLessThanOrEqual(5);
  });

  it('resolves many entity references in one statement', async () => {
    const representations = ['05970040', '05913000', '05966024', '05974008'].map((ags) => ({
      __typename: 'Municipality',
      ags,
    }));
    hub.statements.reset();
    const { data, errors } = await hub.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { ags name } } }`,
      {
        variables: { r: representations },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities.map((e: { name: string }) => e.name)).toEqual([
      'Siegen',
      'Dortmund',
      'Olpe',
      'Bad Sassendorf',
    ]);
    expect(hub.statements.count).toBe(1);
  });
});
