import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { modulesSubgraph } from '../src/server.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
let hub: SubgraphUnderTest;
let siegenEditor: string;
let olpeEditor: string;
let coordinator: string;
let quickCheckId: string;

beforeAll(async () => {
  hub = await startTestSubgraph(modulesSubgraph);
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  quickCheckId = (await hub.gql(`{ module(slug: "quick-check") { id } }`)).data!.module.id;
});
afterAll(() => hub?.close());

describe('modules', () => {
  it('serves the nine modules of the reference data with their sources', async () => {
    const { data } = await hub.gql(
      `{ module(slug: "quick-check") { title kind licence source cooperation { slug } criteria { key } } modules(first: 50) { totalCount } }`,
    );
    expect(data!.module).toEqual({
      title: 'Quick-Check Willkommenskultur',
      kind: 'ANALYSIS_TOOL',
      licence: null, // not stated by the sources
      source: 'Südwestfalen Agentur, 8. Runder Tisch',
      cooperation: { slug: 'qualitaetsoffensive-willkommen-suedwestfalen' },
      criteria: [{ key: 'self-assessment' }],
    });
    expect(data!.modules.totalCount).toBe(9);
  });

  it('filters by kind and by the criterion a module addresses', async () => {
    const { data } = await hub.gql(
      `{ templates: modules(filter: { kind: TEMPLATE }) { edges { node { slug } } } welcome: modules(filter: { criterion: "welcome-pack" }) { totalCount } }`,
    );
    expect(data!.templates.edges).toEqual([{ node: { slug: 'beschlussvorlage-teilnahme' } }]);
    expect(data!.welcome.totalCount).toBe(3);
  });

  it('lets coordinators, and only them, change a module and add versions', async () => {
    const UPDATE = `mutation($input: UpdateModuleInput!) { updateModule(input: $input) { licence criteria { key } } }`;
    expect(
      (await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id: quickCheckId, licence: 'CC_BY_4_0' } } }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const unknown = await hub.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: quickCheckId, criteria: ['no-such-criterion'] } },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.criteria[0]' }],
    });
    const { data, errors } = await hub.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: quickCheckId, licence: 'CC_BY_4_0' } },
    });
    expect(errors).toBeUndefined();
    expect(data!.updateModule).toEqual({ licence: 'CC_BY_4_0', criteria: [{ key: 'self-assessment' }] });
    // A licence is a code of the kit's list, never free text.
    const freeText = await hub.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: quickCheckId, licence: 'CC BY 4.0' } },
    });
    expect(freeText.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const VERSION = `mutation($input: AddModuleVersionInput!) { addModuleVersion(input: $input) { version releasedOn links { url } } }`;
    const input = {
      moduleId: quickCheckId,
      version: '1.0',
      releasedOn: '2025-01-15',
      links: [{ title: 'PDF', url: 'https://example.org/quick-check.pdf' }],
    };
    expect((await hub.gql(VERSION, { token: coordinator, variables: { input } })).errors).toBeUndefined();
    expect((await hub.gql(VERSION, { token: coordinator, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    const bad = await hub.gql(VERSION, {
      token: coordinator,
      variables: {
        input: { ...input, version: '2.0', releasedOn: '15.01.2025', links: [{ title: 'x', url: 'ftp://x' }] },
      },
    });
    expect((bad.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.releasedOn',
      'input.links[0].url',
    ]);
    // JSON columns cannot hold an unpaired UTF-16 surrogate: the client's mistake, not a server error.
    const surrogate = await hub.gql(VERSION, {
      token: coordinator,
      variables: { input: { ...input, version: '3.0', links: [{ title: 'PDF \ud800', url: 'https://example.org/' }] } },
    });
    expect(surrogate.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.links[0].title', message: expect.stringContaining('surrogate') }],
    });
    expect(await hub.count('module_version')).toBe(1);
  });
});

describe('adoptions', () => {
  const ADOPT = `mutation($input: SetModuleAdoptionInput!) { setModuleAdoption(input: $input) { status localNotes module { slug } municipality { ags } } }`;

  it("records and updates a municipality's local variant", async () => {
    const input = { moduleId: quickCheckId, ags: SIEGEN, status: 'PLANNED', localNotes: 'Start im Frühjahr' };
    expect((await hub.gql(ADOPT, { token: siegenEditor, variables: { input } })).data!.setModuleAdoption).toEqual({
      status: 'PLANNED',
      localNotes: 'Start im Frühjahr',
      module: { slug: 'quick-check' },
      municipality: { ags: SIEGEN },
    });
    await hub.gql(ADOPT, { token: siegenEditor, variables: { input: { ...input, status: 'IN_USE' } } });
    const { data } = await hub.gql(
      `{ module(slug: "quick-check") { adoptionCount inUse: adoptionCount(status: IN_USE) adoptions { status } } }`,
    );
    expect(data!.module).toEqual({ adoptionCount: 1, inUse: 1, adoptions: [{ status: 'IN_USE' }] });
  });

  it('refuses foreign editors and anonymous callers, and bad input, writing nothing', async () => {
    const input = { moduleId: quickCheckId, ags: OLPE, status: 'PLANNED' };
    expect((await hub.gql(ADOPT, { token: siegenEditor, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await hub.gql(ADOPT, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await hub.gql(ADOPT, {
      token: olpeEditor,
      variables: { input: { ...input, links: [{ title: 'Seite', url: 'nope' }] } },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.links[0].url' }],
    });
    const surrogate = await hub.gql(ADOPT, {
      token: olpeEditor,
      variables: { input: { ...input, links: [{ title: 'Seite \udbff', url: 'https://www.olpe.de/' }] } },
    });
    expect(surrogate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.links[0].title' }],
    });
    expect(await hub.count('module_adoption', `municipality_ags = '${OLPE}'`)).toBe(0);
  });

  it('contributes Municipality.modules, batched', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { ags modules { status module { slug } } } } }`;
    hub.statements.reset();
    const { data, errors } = await hub.gql(query, {
      variables: { r: [SIEGEN, OLPE, '05913000'].map((ags) => ({ __typename: 'Municipality', ags })) },
    });
    expect(errors).toBeUndefined();
    expect(data!._entities[0]).toEqual({
      ags: SIEGEN,
      modules: [{ status: 'IN_USE', module: { slug: 'quick-check' } }],
    });
    expect(hub.statements.count).toBe(2);
  });
});

describe('the Quick-Check catalogue', () => {
  it('is the example catalogue, marked as such', async () => {
    const { data } = await hub.gql(
      `{ qualityAreas { key criteria { key example scaleMin scaleMax required modules { slug } } } }`,
    );
    expect(data!.qualityAreas.map((a: { key: string }) => a.key)).toEqual(['information', 'arrival', 'organisation']);
    const criteria = data!.qualityAreas.flatMap((a: { criteria: unknown[] }) => a.criteria);
    expect(criteria).toHaveLength(6);
    expect(
      criteria.every(
        (c: { example: boolean; scaleMin: number; scaleMax: number }) =>
          c.example && c.scaleMin === 0 && c.scaleMax === 3,
      ),
    ).toBe(true);
    expect(
      criteria
        .find((c: { key: string }) => c.key === 'welcome-pack')
        .modules.map((m: { slug: string }) => m.slug)
        .sort(),
    ).toEqual(['digitales-gutscheinheft', 'willkommensmappe', 'willkommenstasche']);
  });

  it('lets coordinators add criteria; editors may not', async () => {
    const UPSERT = `mutation($input: UpsertCriterionInput!) { upsertCriterion(input: $input) { key example area { key } } }`;
    const input = {
      key: 'language-offers',
      areaKey: 'language',
      areaTitle: 'Sprache',
      title: 'Sprachangebote',
      guidance: 'Gibt es Sprachkurse?',
      required: false,
    };
    expect((await hub.gql(UPSERT, { token: siegenEditor, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const noArea = await hub.gql(UPSERT, { token: coordinator, variables: { input: { ...input, areaTitle: null } } });
    expect(noArea.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.areaTitle' }],
    });
    const longArea = await hub.gql(UPSERT, {
      token: coordinator,
      variables: { input: { ...input, areaTitle: 'S'.repeat(201) } },
    });
    expect(longArea.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.areaTitle' }],
    });
    expect(await hub.count('quality_area', `key = 'language'`)).toBe(0);
    expect((await hub.gql(UPSERT, { token: coordinator, variables: { input } })).data!.upsertCriterion).toEqual({
      key: 'language-offers',
      example: false,
      area: { key: 'language' },
    });
  });
});

describe('assessments', () => {
  const SUBMIT = `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`;
  const answers = (scores: Record<string, number>) =>
    Object.entries(scores).map(([criterion, score]) => ({ criterion, score }));
  const complete = {
    'online-information': 3,
    'welcome-pack': 1,
    'personal-welcome': 0,
    'contact-point': 2,
    'self-assessment': 3,
  };

  it("takes an assessment from the municipality's editor and scores it per area and overall", async () => {
    const { data, errors } = await hub.gql(SUBMIT, {
      token: siegenEditor,
      variables: { input: { ags: SIEGEN, answers: answers(complete) } },
    });
    expect(errors).toBeUndefined();
    const view = await hub.gql(
      `{ assessment(id: "${data!.submitAssessment.id}") { overall { average percent answered } areas { area { key } score { average percent } } gaps { score criterion { key modules { slug } } } } }`,
      { token: siegenEditor },
    );
    expect(view.errors).toBeUndefined();
    expect(view.data!.assessment.overall).toEqual({ average: 1.8, percent: 60, answered: 5 });
    expect(view.data!.assessment.areas).toEqual([
      { area: { key: 'information' }, score: { average: 2, percent: 66.67 } },
      { area: { key: 'arrival' }, score: { average: 1, percent: 33.33 } },
      { area: { key: 'organisation' }, score: { average: 3, percent: 100 } },
    ]);
    expect(view.data!.assessment.gaps).toEqual([
      { score: 0, criterion: { key: 'personal-welcome', modules: [{ slug: 'veranstaltungskonzepte' }] } },
      {
        score: 1,
        criterion: {
          key: 'welcome-pack',
          modules: [{ slug: 'digitales-gutscheinheft' }, { slug: 'willkommensmappe' }, { slug: 'willkommenstasche' }],
        },
      },
    ]);
  });

  it('names the criterion of every bad answer and writes nothing', async () => {
    const bad = [
      { criterion: 'online-information', score: 4 },
      { criterion: 'no-such-criterion', score: 1 },
      { criterion: 'welcome-pack', score: 2 },
      { criterion: 'welcome-pack', score: 2 },
    ];
    const { errors } = await hub.gql(SUBMIT, { token: olpeEditor, variables: { input: { ags: OLPE, answers: bad } } });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = errors?.[0].extensions?.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual([
      'input.answers[0].score',
      'input.answers[1].criterion',
      'input.answers[3].criterion',
      'input.answers',
      'input.answers',
      'input.answers',
    ]);
    expect(fields[0].message).toContain('"online-information"');
    expect(fields.slice(3).map((f) => f.message.match(/"([^"]+)"/)![1])).toEqual([
      'personal-welcome',
      'contact-point',
      'self-assessment',
    ]);
    expect(await hub.count('assessment', `municipality_ags = '${OLPE}'`)).toBe(0);
    expect(await hub.count('assessment_answer')).toBe(5);
  });

  it('refuses editors of other municipalities and anonymous callers', async () => {
    const input = { ags: SIEGEN, answers: answers(complete) };
    expect((await hub.gql(SUBMIT, { token: olpeEditor, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await hub.gql(SUBMIT, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await hub.count('assessment')).toBe(1);
  });

  it('keeps the history, newest first, private to the municipality and coordinators', async () => {
    await hub.gql(SUBMIT, {
      token: siegenEditor,
      variables: { input: { ags: SIEGEN, answers: answers({ ...complete, 'personal-welcome': 2 }) } },
    });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { assessments { overall { average } } latestAssessment { id } } } }`;
    const r = [{ __typename: 'Municipality', ags: SIEGEN }];
    const own = await hub.gql(query, { token: siegenEditor, variables: { r } });
    expect(own.data!._entities[0].assessments).toEqual([{ overall: { average: 2.2 } }, { overall: { average: 1.8 } }]);
    expect(
      (await hub.gql(query, { token: coordinator, variables: { r } })).data!._entities[0].assessments,
    ).toHaveLength(2);
    for (const token of [undefined, olpeEditor]) {
      const other = await hub.gql(query, { token, variables: { r } });
      expect(other.data!._entities[0]).toEqual({ assessments: null, latestAssessment: null });
    }
    const id = own.data!._entities[0].latestAssessment.id;
    expect(
      (await hub.gql(`{ assessment(id: "${id}") { id } }`, { token: olpeEditor })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await hub.gql(`{ assessment(id: "${id}") { id } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('publishes district aggregates only from 3 contributing municipalities on', async () => {
    const SUMMARY = `{ assessmentSummary(district: "05970") { contributingMunicipalities overall { average answered } areas { area { key } } } }`;
    expect((await hub.gql(SUMMARY)).data!.assessmentSummary).toBeNull();
    for (const ags of ['05970004', '05970008']) {
      const token = await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] });
      expect(
        (await hub.gql(SUBMIT, { token, variables: { input: { ags, answers: answers(complete) } } })).errors,
      ).toBeUndefined();
      if (ags === '05970004') expect((await hub.gql(SUMMARY)).data!.assessmentSummary).toBeNull();
    }
    const { data } = await hub.gql(SUMMARY);
    // Latest per municipality: Siegen's second (2.2) and two at 1.8.
    expect(data!.assessmentSummary).toEqual({
      contributingMunicipalities: 3,
      overall: { average: 1.93, answered: 15 },
      areas: [{ area: { key: 'information' } }, { area: { key: 'arrival' } }, { area: { key: 'organisation' } }],
    });
    expect(
      (await hub.gql(`{ assessmentSummary(region: RUHR) { contributingMunicipalities } }`)).data!.assessmentSummary,
    ).toBeNull();
    const both = await hub.gql(`{ assessmentSummary(region: RUHR, district: "05970") { contributingMunicipalities } }`);
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Kit's shared Kreisschlüssel rule, in the wording this query always had.
    for (const district of ['0597', '05970004', '０５９７０']) {
      const malformed = await hub.gql(`{ assessmentSummary(district: "${district}") { contributingMunicipalities } }`);
      expect(malformed.errors?.[0].extensions?.fields).toEqual([
        { field: 'district', message: 'must be a 5-digit Kreisschlüssel' },
      ]);
    }
  });

  it("withholds a region's changes while they would single out towns outside its published districts", async () => {
    const REGION = `{ assessmentSummary(region: SUEDWESTFALEN) { contributingMunicipalities } }`;
    // Three contributors, all in Kreis Siegen-Wittgenstein, which is published itself.
    expect((await hub.gql(REGION)).data!.assessmentSummary).toEqual({ contributingMunicipalities: 3 });
    const submit = async (ags: string) => {
      const token = await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] });
      expect(
        (await hub.gql(SUBMIT, { token, variables: { input: { ags, answers: answers(complete) } } })).errors,
      ).toBeUndefined();
    };
    // Attendorn alone in Kreis Olpe: a new region figure minus Siegen-Wittgenstein would be
    // Attendorn's scores, and minus the region's previous figure too; the published one stays.
    await submit('05966004');
    expect((await hub.gql(REGION)).data!.assessmentSummary).toEqual({ contributingMunicipalities: 3 });
    await submit('05966008');
    expect((await hub.gql(REGION)).data!.assessmentSummary).toEqual({ contributingMunicipalities: 3 });
    // A third town in Kreis Olpe makes that district publishable, and the region with it.
    await submit('05966012');
    expect((await hub.gql(REGION)).data!.assessmentSummary).toEqual({ contributingMunicipalities: 6 });
  });

  it("keeps a criterion's scale once answers use it", async () => {
    const UPSERT = `mutation($input: UpsertCriterionInput!) { upsertCriterion(input: $input) { key } }`;
    const input = {
      key: 'personal-welcome',
      areaKey: 'arrival',
      title: 'Persönliche Begrüßung',
      guidance: 'Neu',
      scaleMax: 5,
      required: true,
    };
    expect((await hub.gql(UPSERT, { token: coordinator, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
  });
});
