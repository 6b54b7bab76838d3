import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { startPractices, type SubgraphUnderTest } from './support.js';

const OLPE = '05966024';
const SIEGEN = '05970040';
const BAD_SASSENDORF = '05974008';
const ADAPT = `mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) {
  id slug title draft status adaptationChanges adaptedAt municipality { ags }
  adaptedFrom { slug } lineage { slug } } }`;
const SET_SOURCE = `mutation($input: SetAdaptedFromInput!) { setAdaptedFrom(input: $input) { slug adaptedFrom { slug } } }`;
const PUBLISH = `mutation($id: ID!) { updatePractice(input: { id: $id, draft: false }) { draft } }`;

let hub: SubgraphUnderTest;
let olpeEditor: string;
let siegenEditor: string;
let sassendorfEditor: string;
let coordinator: string;
let receptionsId: string;
let olpeVersionId: string;
let siegenVersionId: string;

beforeAll(async () => {
  hub = await startPractices();
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  sassendorfEditor = await devToken({ sub: 'editor-bad-sassendorf', role: 'editor', ags: [BAD_SASSENDORF] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  receptionsId = (await hub.gql(`{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { id } }`)).data!.practice
    .id;
});
afterAll(() => hub?.close());

const reuse = async (slug: string, token?: string) =>
  (await hub.gql(`{ practice(slug: "${slug}") { reuseCount adaptations { slug } lineage { slug } } }`, { token })).data!
    .practice;

describe('adaptPractice', () => {
  it("lets Olpe adapt Bad Sassendorf's receptions as a draft that records what changed", async () => {
    const input = { sourceId: receptionsId, ags: OLPE, changes: 'Empfang im Biggesee-Schiff statt im Kurpark.' };
    const { data, errors } = await hub.gql(ADAPT, { token: olpeEditor, variables: { input } });
    expect(errors).toBeUndefined();
    const adaptation = data!.adaptPractice;
    olpeVersionId = adaptation.id;
    expect(adaptation).toMatchObject({
      slug: `neubuerger-empfaenge-ungewoehnliche-orte-${OLPE}`,
      title: 'Neubürger-Empfänge an ungewöhnlichen Orten',
      draft: true,
      status: 'PLANNED',
      adaptationChanges: 'Empfang im Biggesee-Schiff statt im Kurpark.',
      municipality: { ags: OLPE },
      adaptedFrom: { slug: 'neubuerger-empfaenge-ungewoehnliche-orte' },
      lineage: [{ slug: 'neubuerger-empfaenge-ungewoehnliche-orte' }],
    });
    expect(Date.parse(adaptation.adaptedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await reuse('neubuerger-empfaenge-ungewoehnliche-orte')).reuseCount).toBe(1);
  });

  it('shows the draft adaptation only to its owner and coordinators', async () => {
    expect((await reuse('neubuerger-empfaenge-ungewoehnliche-orte')).adaptations).toEqual([]);
    expect((await reuse('neubuerger-empfaenge-ungewoehnliche-orte', olpeEditor)).adaptations).toEqual([
      { slug: `neubuerger-empfaenge-ungewoehnliche-orte-${OLPE}` },
    ]);
  });

  it('refuses adapting for a municipality the editor does not write for, and anonymous callers', async () => {
    const input = { sourceId: receptionsId, ags: OLPE, changes: 'Kopie', slug: 'fremde-kopie' };
    expect((await hub.gql(ADAPT, { token: siegenEditor, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await hub.gql(ADAPT, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await hub.count('practice', `slug = 'fremde-kopie'`)).toBe(0);
  });

  it('rejects bad input and unknown or invisible sources', async () => {
    const bad = await hub.gql(ADAPT, {
      token: siegenEditor,
      variables: { input: { sourceId: receptionsId, ags: SIEGEN, changes: '', slug: 'Bad' } },
    });
    expect((bad.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.changes',
      'input.slug',
    ]);
    const unknown = await hub.gql(ADAPT, {
      token: siegenEditor,
      variables: { input: { sourceId: '00000000-0000-4000-8000-000000000000', ags: SIEGEN, changes: 'Kopie' } },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Olpe's version is still a draft: Siegen cannot see it, so cannot adapt it.
    const draft = await hub.gql(ADAPT, {
      token: siegenEditor,
      variables: { input: { sourceId: olpeVersionId, ags: SIEGEN, changes: 'Kopie' } },
    });
    expect(draft.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await hub.count('practice', `owner_ags = '${SIEGEN}'`)).toBe(1);
  });

  it('follows the lineage over several hops and counts reuse through them', async () => {
    expect((await hub.gql(PUBLISH, { token: olpeEditor, variables: { id: olpeVersionId } })).errors).toBeUndefined();
    const { data, errors } = await hub.gql(ADAPT, {
      token: siegenEditor,
      variables: {
        input: {
          sourceId: olpeVersionId,
          ags: SIEGEN,
          changes: 'Empfang im Apollo-Theater.',
          slug: 'empfaenge-siegen',
          title: 'Siegener Neubürger-Empfänge',
        },
      },
    });
    expect(errors).toBeUndefined();
    siegenVersionId = data!.adaptPractice.id;
    expect(data!.adaptPractice.lineage).toEqual([
      { slug: `neubuerger-empfaenge-ungewoehnliche-orte-${OLPE}` },
      { slug: 'neubuerger-empfaenge-ungewoehnliche-orte' },
    ]);
    expect((await reuse('neubuerger-empfaenge-ungewoehnliche-orte')).reuseCount).toBe(2);
    expect((await reuse(`neubuerger-empfaenge-ungewoehnliche-orte-${OLPE}`)).reuseCount).toBe(1);
  });

  it("lists a municipality's adapted practices through the federation entry point", async () => {
    const { data, errors } = await hub.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { ags adaptedPractices { slug } practices { totalCount } } } }`,
      {
        token: coordinator,
        variables: {
          r: [
            { __typename: 'Municipality', ags: SIEGEN },
            { __typename: 'Municipality', ags: OLPE },
            { __typename: 'Municipality', ags: '05913000' },
          ],
        },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { ags: SIEGEN, adaptedPractices: [{ slug: 'empfaenge-siegen' }], practices: { totalCount: 2 } },
      {
        ags: OLPE,
        adaptedPractices: [{ slug: `neubuerger-empfaenge-ungewoehnliche-orte-${OLPE}` }],
        practices: { totalCount: 1 },
      },
      { ags: '05913000', adaptedPractices: [], practices: { totalCount: 1 } },
    ]);
  });
});

describe('the reuse graph stays acyclic', () => {
  it('rejects linking the original to its own adaptation, naming the cycle', async () => {
    const { errors } = await hub.gql(SET_SOURCE, {
      token: coordinator,
      variables: { input: { practiceId: receptionsId, sourceId: siegenVersionId, changes: 'Rückimport' } },
    });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.sourceId' }] });
    expect(errors?.[0].message).toMatch(/cycle/);
    expect(await hub.count('practice', `id = '${receptionsId}' and adapted_from_id is null`)).toBe(1);
  });

  it('rejects a practice adapted from itself', async () => {
    const { errors } = await hub.gql(SET_SOURCE, {
      token: coordinator,
      variables: { input: { practiceId: receptionsId, sourceId: receptionsId, changes: 'Selbst' } },
    });
    expect(errors?.[0].message).toMatch(/cycle/);
  });

  it('records a genuine origin between existing practices, by an editor of the adapting one', async () => {
    const siegenId = (await hub.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice.id;
    const foreign = await hub.gql(SET_SOURCE, {
      token: sassendorfEditor,
      variables: { input: { practiceId: siegenId, sourceId: receptionsId, changes: 'x' } },
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { data, errors } = await hub.gql(SET_SOURCE, {
      token: siegenEditor,
      variables: { input: { practiceId: siegenId, sourceId: receptionsId, changes: 'Empfangsidee übernommen' } },
    });
    expect(errors).toBeUndefined();
    expect(data!.setAdaptedFrom).toEqual({
      slug: 'willkommen-in-siegen',
      adaptedFrom: { slug: 'neubuerger-empfaenge-ungewoehnliche-orte' },
    });
  });
});

describe('interest', () => {
  const MARK = `mutation($input: MarkInterestInput!) { markInterest(input: $input) { note municipality { ags } } }`;
  const INTERESTS = `{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { interestCount interests { note municipality { ags } } } }`;

  it('lets a municipality mark interest once; the owner sees who, others only the count', async () => {
    const { errors } = await hub.gql(MARK, {
      token: siegenEditor,
      variables: { input: { practiceId: receptionsId, ags: SIEGEN, note: 'Bitte um Kontakt' } },
    });
    expect(errors).toBeUndefined();
    expect(
      (await hub.gql(MARK, { token: siegenEditor, variables: { input: { practiceId: receptionsId, ags: SIEGEN } } }))
        .errors?.[0].extensions?.code,
    ).toBe('CONFLICT');

    expect((await hub.gql(INTERESTS, { token: sassendorfEditor })).data!.practice).toEqual({
      interestCount: 1,
      interests: [{ note: 'Bitte um Kontakt', municipality: { ags: SIEGEN } }],
    });
    expect((await hub.gql(INTERESTS, { token: siegenEditor })).data!.practice).toEqual({
      interestCount: 1,
      interests: null,
    });
    expect((await hub.gql(INTERESTS)).data!.practice).toEqual({ interestCount: 1, interests: null });
  });

  it("shows a caller its own municipalities' interest only, so the app knows whether to offer taking it back", async () => {
    const OWN = `{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { ownInterests { municipality { ags } } } }`;
    expect((await hub.gql(OWN, { token: siegenEditor })).data!.practice.ownInterests).toEqual([
      { municipality: { ags: SIEGEN } },
    ]);
    expect((await hub.gql(OWN, { token: olpeEditor })).data!.practice.ownInterests).toEqual([]);
    expect((await hub.gql(OWN)).data!.practice.ownInterests).toEqual([]);
  });

  it('refuses marking for a foreign or the owning municipality, and anonymous callers', async () => {
    expect(
      (await hub.gql(MARK, { token: siegenEditor, variables: { input: { practiceId: receptionsId, ags: OLPE } } }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const own = await hub.gql(MARK, {
      token: sassendorfEditor,
      variables: { input: { practiceId: receptionsId, ags: BAD_SASSENDORF } },
    });
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.ags' }] });
    expect(
      (await hub.gql(MARK, { variables: { input: { practiceId: receptionsId, ags: OLPE } } })).errors?.[0].extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
    // A coordinator acts for any municipality, but only for one the hub has (the fuzz suite found 00000000 accepted).
    const unknown = await hub.gql(MARK, {
      token: coordinator,
      variables: { input: { practiceId: receptionsId, ags: '00000000' } },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.ags' }] });
    expect(await hub.count('practice_interest')).toBe(1);
  });

  it('takes an interest back', async () => {
    const REMOVE = `mutation($input: RemoveInterestInput!) { removeInterest(input: $input) }`;
    expect(
      (await hub.gql(REMOVE, { token: siegenEditor, variables: { input: { practiceId: receptionsId, ags: SIEGEN } } }))
        .data,
    ).toEqual({ removeInterest: true });
    expect(
      (await hub.gql(REMOVE, { token: siegenEditor, variables: { input: { practiceId: receptionsId, ags: SIEGEN } } }))
        .errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(await hub.count('practice_interest')).toBe(0);
  });
});

describe('batching', () => {
  it('resolves practices, lineage and reuse counts for many entities in a fixed number of statements', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { practices { edges { node { slug lineage { slug } reuseCount adaptations { slug } interestCount } } } } } }`;
    const all = ['05970040', '05966024', '05974008', '05913000', '05112000', '05113000'];
    hub.statements.reset();
    await hub.gql(query, { variables: { r: all.slice(0, 2).map((ags) => ({ __typename: 'Municipality', ags })) } });
    const few = hub.statements.count;
    hub.statements.reset();
    const { errors } = await hub.gql(query, {
      variables: { r: all.map((ags) => ({ __typename: 'Municipality', ags })) },
    });
    expect(errors).toBeUndefined();
    expect(hub.statements.count).toBe(few);
  });
});
