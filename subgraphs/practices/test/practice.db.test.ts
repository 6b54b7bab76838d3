import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { CREATE, OLPE, practiceInput, slugsOf, startPractices, type SubgraphUnderTest, UPDATE } from './support.js';

let hub: SubgraphUnderTest;
let olpeEditor: string;
let siegenEditor: string;
let coordinator: string;

beforeAll(async () => {
  hub = await startPractices();
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: ['05970040'] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(() => hub?.close());

const slugs = (filter: string, token?: string) => slugsOf(hub, filter, token);

describe('seeded practices', () => {
  it('holds the five practices of the reference data with their sources', async () => {
    const { data } = await hub.gql(`{ practices { totalCount edges { node { slug source status } } } }`);
    expect(data!.practices.totalCount).toBe(5);
    for (const { node } of data!.practices.edges) {
      expect(node.source).toBeTruthy();
      expect(node.status).toBeNull(); // the sources do not state it
    }
  });

  it('answers practice(slug) with owner, vocabularies, funding and awards', async () => {
    const { data } = await hub.gql(`{ practice(slug: "lokal-willkommen-dortmund") {
      title municipality { ags } cooperation { slug } region kind targetGroups fieldsOfAction startedYear
      funding { programme sharePercent startsOn durationYears positions } awards { year } } }`);
    expect(data!.practice).toMatchObject({
      title: 'lokal willkommen',
      municipality: { ags: '05913000' },
      cooperation: null,
      region: 'RUHR',
      kind: 'NEIGHBOURHOOD_ADVICE',
      targetGroups: ['REFUGEES', 'NEIGHBOURHOODS', 'LANDLORDS', 'VOLUNTEERS'],
      fieldsOfAction: ['NEW_HOME'],
      startedYear: 2016,
      funding: [
        {
          programme: 'Asyl-, Migrations- und Integrationsfonds der EU (AMIF)',
          sharePercent: 90,
          startsOn: '2024-06',
          durationYears: 3,
          positions: 7,
        },
      ],
      awards: [{ year: 2017 }, { year: 2018 }],
    });
  });

  it('filters by owner, region, district, target group, field of action and kind', async () => {
    expect(await slugs('{ cooperation: "integration-interkommunal" }')).toEqual([
      'deine-zukunft-findet-stadt',
      'welcome-ruhr',
    ]);
    expect(await slugs('{ municipality: "05970040" }')).toEqual(['willkommen-in-siegen']);
    expect(await slugs('{ region: SUEDWESTFALEN }')).toEqual([
      'neubuerger-empfaenge-ungewoehnliche-orte',
      'willkommen-in-siegen',
    ]);
    expect(await slugs('{ district: "05974" }')).toEqual(['neubuerger-empfaenge-ungewoehnliche-orte']);
    expect(await slugs('{ targetGroup: SKILLED_WORKERS }')).toEqual(['welcome-ruhr', 'willkommen-in-siegen']);
    expect(await slugs('{ fieldOfAction: WORKING_LIFE, region: RUHR }')).toEqual([
      'deine-zukunft-findet-stadt',
      'welcome-ruhr',
    ]);
    expect(await slugs('{ kind: ONLINE_PORTAL }')).toEqual(['welcome-ruhr']);
  });

  it('lists the vocabularies with German labels', async () => {
    const { data } = await hub.gql(
      `{ targetGroups { code label } fieldsOfAction { code label } practiceKinds { code } }`,
    );
    expect(data!.targetGroups).toContainEqual({ code: 'NEWCOMERS', label: 'Neubürgerinnen und Neubürger' });
    expect(data!.fieldsOfAction).toEqual([
      { code: 'WORKING_LIFE', label: 'Willkommen im Berufsleben' },
      { code: 'NEW_HOME', label: 'Willkommen in der neuen Heimat' },
    ]);
  });

  it('shows contacts to signed-in callers only', async () => {
    const query = `{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { contacts { role } } }`;
    expect((await hub.gql(query)).data!.practice.contacts).toBeNull();
    expect((await hub.gql(query, { token: siegenEditor })).data!.practice.contacts).toEqual([
      { role: 'Abteilungsleitung Bürgerbüro und Wirtschaftsförderung' },
    ]);
  });

  it('rejects malformed filters naming the field', async () => {
    const { errors } = await hub.gql(`{ practices(filter: { district: "Olpe", municipality: "123" }) { totalCount } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'filter.municipality',
      'filter.district',
    ]);
  });
});

describe('createPractice', () => {
  it('lets an editor create a practice of their municipality', async () => {
    const { data, errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input: practiceInput() } });
    expect(errors).toBeUndefined();
    expect(data!.createPractice).toMatchObject({
      slug: 'willkommen-in-olpe',
      region: 'SUEDWESTFALEN',
      draft: false,
      municipality: { ags: OLPE },
      cooperation: null,
    });
    expect(await slugs('{ district: "05966" }')).toEqual(['willkommen-in-olpe']);
  });

  it('answers a duplicate slug with CONFLICT and writes nothing', async () => {
    const { errors } = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ title: 'Noch einmal' }) },
    });
    expect(errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await hub.count('practice', `slug = 'willkommen-in-olpe'`)).toBe(1);
  });

  it('refuses anonymous callers, foreign editors and editors writing for a cooperation', async () => {
    const anonymous = await hub.gql(CREATE, { variables: { input: practiceInput({ slug: 'a-1' }) } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const foreign = await hub.gql(CREATE, {
      token: siegenEditor,
      variables: { input: practiceInput({ slug: 'a-2' }) },
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cooperation = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: {
        input: practiceInput({ slug: 'a-3', owner: { cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen' } }),
      },
    });
    expect(cooperation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await hub.count('practice', `slug like 'a-%'`)).toBe(0);
  });

  it('refuses a lone UTF-16 surrogate in any text it stores as JSON, naming the field, and writes nothing', async () => {
    const contact = { name: 'Eva \ud800 Test', role: 'Bürgerbüro', email: 'eva.test@example.org' };
    const input = practiceInput({
      slug: 'u-1',
      links: [{ title: 'Stadt \udfff Olpe', url: 'https://www.olpe.de/' }],
      contacts: [contact],
      funding: [{ programme: 'AMIF \ud83d' }],
      awards: [{ year: 2024, name: '\udc00Preis' }],
    });
    const { status, errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input } });
    expect(status).toBe(400);
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.links[0].title',
      'input.contacts[0].name',
      'input.funding[0].programme',
      'input.awards[0].name',
    ]);
    const { id } = (await hub.gql(`{ practice(slug: "willkommen-in-olpe") { id } }`)).data!.practice;
    const update = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, contacts: [contact] } } });
    expect(update.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.contacts[0].name', message: expect.stringContaining('surrogate') },
    ]);
    expect(await hub.count('practice', `slug = 'u-1'`)).toBe(0);
  });

  it("lets coordinators own cooperations' practices", async () => {
    const { data, errors } = await hub.gql(CREATE, {
      token: coordinator,
      variables: {
        input: practiceInput({
          slug: 'runde-tische',
          owner: { cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen' },
        }),
      },
    });
    expect(errors).toBeUndefined();
    expect(data!.createPractice).toMatchObject({
      municipality: null,
      cooperation: { slug: 'qualitaetsoffensive-willkommen-suedwestfalen' },
      region: 'SUEDWESTFALEN',
    });
  });

  it('names every invalid field with BAD_USER_INPUT and writes nothing', async () => {
    const input = practiceInput({
      slug: 'Bad Slug',
      owner: { ags: OLPE, cooperation: 'integration-interkommunal' },
      title: 'X',
      targetGroups: [],
      startedYear: 2020,
      endedYear: 2019,
      links: [{ title: 'Seite', url: 'javascript:alert(1)' }],
      contacts: [{ name: 'Eva', email: 'eva@', phone: 'call me' }],
      funding: [{ programme: 'EFRE', sharePercent: 120 }],
    });
    const { errors } = await hub.gql(CREATE, { token: coordinator, variables: { input } });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.slug',
      'input.owner',
      'input.title',
      'input.targetGroups',
      'input.endedYear',
      'input.funding[0].sharePercent',
      'input.links[0].url',
      'input.contacts[0].email',
      'input.contacts[0].phone',
    ]);
    expect(await hub.count('practice', `slug = 'Bad Slug'`)).toBe(0);
  });

  it('rejects an unknown owner and a value outside the vocabulary', async () => {
    const unknown = await hub.gql(CREATE, {
      token: coordinator,
      variables: { input: practiceInput({ slug: 'x-unknown', owner: { ags: '09162000' } }) },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.owner.ags' }],
    });
    const vocabulary = await hub.gql(CREATE, {
      token: coordinator,
      variables: { input: practiceInput({ slug: 'x-vocab', targetGroups: ['DOGS'] }) },
    });
    expect(vocabulary.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(vocabulary.errors?.[0].message).toContain('targetGroups');
    expect(await hub.count('practice', `slug like 'x-%'`)).toBe(0);
  });
});

describe('updatePractice and archivePractice', () => {
  let id: string;
  beforeAll(async () => {
    const { data } = await hub.gql(`{ practice(slug: "willkommen-in-olpe") { id } }`);
    id = data!.practice.id;
  });

  it('changes only the given fields and records who changed it', async () => {
    const { data, errors } = await hub.gql(UPDATE, {
      token: olpeEditor,
      variables: { input: { id, title: 'Willkommen in der Kreisstadt Olpe', endedYear: 2025 } },
    });
    expect(errors).toBeUndefined();
    expect(data!.updatePractice).toMatchObject({
      title: 'Willkommen in der Kreisstadt Olpe',
      startedYear: 2022,
      endedYear: 2025,
      updatedBy: 'editor-olpe',
    });
    expect(data!.updatePractice.summary).toContain('Willkommensmappe');
  });

  it('refuses other editors and bad changes, leaving the practice as it was', async () => {
    const foreign = await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id, title: 'Gekapert' } } });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.gql(UPDATE, {
      token: olpeEditor,
      variables: { input: { id, title: null, startedYear: 2026 } },
    });
    expect((bad.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.title',
      'input.endedYear',
    ]);
    expect(
      await hub.count(
        'practice',
        `id = '${id}' and title = 'Willkommen in der Kreisstadt Olpe' and started_year = 2022`,
      ),
    ).toBe(1);
  });

  it('archives: hidden from lists unless asked for, and only once', async () => {
    const ARCHIVE = `mutation($id: ID!) { archivePractice(id: $id) { archivedAt } }`;
    expect((await hub.gql(ARCHIVE, { token: siegenEditor, variables: { id } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const { data, errors } = await hub.gql(ARCHIVE, { token: olpeEditor, variables: { id } });
    expect(errors).toBeUndefined();
    expect(data!.archivePractice.archivedAt).toBeTruthy();
    expect(await slugs('{ district: "05966" }')).toEqual([]);
    expect(await slugs('{ district: "05966", includeArchived: true }')).toEqual(['willkommen-in-olpe']);
    expect((await hub.gql(ARCHIVE, { token: olpeEditor, variables: { id } })).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, title: 'Neu' } } })).errors?.[0].extensions
        ?.code,
    ).toBe('CONFLICT');
  });

  it('keeps drafts to their owner and coordinators', async () => {
    await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ slug: 'olpe-entwurf', draft: true }) },
    });
    const query = `{ practice(slug: "olpe-entwurf") { slug } }`;
    expect((await hub.gql(query)).data!.practice).toBeNull();
    expect((await hub.gql(query, { token: siegenEditor })).data!.practice).toBeNull();
    expect((await hub.gql(query, { token: olpeEditor })).data!.practice).toEqual({ slug: 'olpe-entwurf' });
    expect((await hub.gql(query, { token: coordinator })).data!.practice).toEqual({ slug: 'olpe-entwurf' });
    expect(await slugs('{ district: "05966" }')).toEqual([]);
  });
});

describe('criteria and recommendations', () => {
  const RECOMMEND = `query($r: [_Any!]!, $for: ID) { _entities(representations: $r) { ... on Criterion { key practices(forMunicipality: $for) { score practice { slug } } } } }`;

  it('records the criteria a practice addresses, checking their form', async () => {
    const { data } = await hub.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`);
    const update = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { criteria { key } } }`;
    const bad = await hub.gql(update, {
      token: coordinator,
      variables: { input: { id: data!.practice.id, criteria: ['Personal Welcome'] } },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.criteria[0]' }],
    });
    const ok = await hub.gql(update, {
      token: coordinator,
      variables: { input: { id: data!.practice.id, criteria: ['personal-welcome', 'personal-welcome'] } },
    });
    expect(ok.data!.updatePractice.criteria).toEqual([{ key: 'personal-welcome' }]);
  });

  it('ranks practices per criterion, leaving out the municipality asking', async () => {
    const r = [{ __typename: 'Criterion', key: 'personal-welcome' }];
    const forOlpe = await hub.gql(RECOMMEND, { variables: { r, for: OLPE } });
    expect(forOlpe.data!._entities[0].practices.map((p: { practice: { slug: string } }) => p.practice.slug)).toEqual([
      'willkommen-in-siegen',
    ]);
    // Siegen is 25 km from Olpe and four times its size: 0.4 × 0.38 + 0.4 × 0.86 ≈ 0.5.
    expect(forOlpe.data!._entities[0].practices[0].score).toBeCloseTo(0.496, 2);
    const forSiegen = await hub.gql(RECOMMEND, { variables: { r, for: '05970040' } });
    expect(forSiegen.data!._entities[0].practices).toEqual([]);
    const unknown = await hub.gql(RECOMMEND, { variables: { r, for: '09162000' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'forMunicipality' }],
    });
  });

  it('ranks for nobody in particular when forMunicipality is left out', async () => {
    const { data, errors } = await hub.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Criterion { practices { practice { slug } } } } }`,
      { variables: { r: [{ __typename: 'Criterion', key: 'personal-welcome' }] } },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities[0].practices.map((p: { practice: { slug: string } }) => p.practice.slug)).toEqual([
      'willkommen-in-siegen',
    ]);
  });
});
