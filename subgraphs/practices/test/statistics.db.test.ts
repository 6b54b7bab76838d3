import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { practiceInput, startPractices, type SubgraphUnderTest } from './support.js';

const OLPE = '05966024';
const SIEGEN = '05970040';
const TOWNS = ['05958004', '05958008', '05958012', '05958016', '05958020', '05962004', '05962008', '05962012'];

const CREATE = `mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id licence } }`;
const UPDATE = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { licence } }`;
const ADAPT = `mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { id } }`;
const INTEREST = `mutation($input: MarkInterestInput!) { markInterest(input: $input) { createdAt } }`;
const STATISTICS = `{ practiceStatistics {
  total
  byFieldOfAction { term { code label } practices }
  byTargetGroup { term { code } practices }
  byKind { term { code } practices }
  byRegion { region practices }
} }`;
const RANKING = `query($by: PracticeRankingCriterion!, $first: Int) {
  practiceRanking(by: $by, first: $first) { rank adaptations interestedMunicipalities practice { id slug title } }
}`;
const LIST = `query($orderBy: PracticeOrder) { practices(first: 3, orderBy: $orderBy) { edges { node { slug reuseCount interestCount } } } }`;

let hub: SubgraphUnderTest;
let coordinator: string;
let olpeEditor: string;
let siegenEditor: string;
const editors = new Map<string, string>();

const publicCount = (where = 'true') => hub.count('practice', `not draft and archived_at is null and ${where}`);
const ranking = async (by: string, first?: number) => {
  const { data, errors } = await hub.gql(RANKING, { variables: { by, first } });
  expect(errors).toBeUndefined();
  return data!.practiceRanking as {
    rank: number;
    adaptations: number;
    interestedMunicipalities: number;
    practice: { id: string; slug: string };
  }[];
};

beforeAll(async () => {
  hub = await startPractices();
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  for (const ags of TOWNS) editors.set(ags, await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] }));
});
afterAll(() => hub?.close());

describe('practiceStatistics', () => {
  it('counts the public practices per field of action, target group, kind and region in SQL', async () => {
    const { data, errors } = await hub.gql(STATISTICS);
    expect(errors).toBeUndefined();
    const s = data!.practiceStatistics;
    expect(s.total).toBe(await publicCount());
    expect(s.byRegion.reduce((n: number, r: { practices: number }) => n + r.practices, 0)).toBe(s.total);
    expect(s.byKind.reduce((n: number, r: { practices: number }) => n + r.practices, 0)).toBe(s.total);
    for (const { term, practices } of s.byFieldOfAction)
      expect(practices).toBe(await publicCount(`'${term.code}' = any(fields_of_action)`));
    for (const { term, practices } of s.byTargetGroup)
      expect(practices).toBe(await publicCount(`'${term.code}' = any(target_groups)`));
    expect(s.byFieldOfAction.every((t: { term: { label: string } }) => t.term.label.length > 0)).toBe(true);
  });

  it('never counts a draft', async () => {
    const before = (await hub.gql(STATISTICS)).data!.practiceStatistics.total;
    const draft = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ slug: 'entwurf-olpe', draft: true }) },
    });
    expect(draft.errors).toBeUndefined();
    expect((await hub.gql(STATISTICS)).data!.practiceStatistics.total).toBe(before);
  });
});

describe('practiceRanking and orderBy', () => {
  let original: string;
  let second: string;

  it('ranks the five most reused practices in one request, counting adaptations of adaptations', async () => {
    original = (
      await hub.gql(CREATE, {
        token: olpeEditor,
        variables: { input: practiceInput({ slug: 'vorbild-olpe', title: 'Vorbild aus Olpe' }) },
      })
    ).data!.createPractice.id;
    second = (
      await hub.gql(CREATE, {
        token: siegenEditor,
        variables: {
          input: practiceInput({ owner: { ags: SIEGEN }, slug: 'vorbild-siegen', title: 'Vorbild aus Siegen' }),
        },
      })
    ).data!.createPractice.id;
    const adapt = async (sourceId: string, ags: string) => {
      const { data, errors } = await hub.gql(ADAPT, {
        token: editors.get(ags),
        variables: { input: { sourceId, ags, changes: 'An unsere Stadt angepasst.' } },
      });
      expect(errors).toBeUndefined();
      const id = data!.adaptPractice.id as string;
      // An adaptation starts as a draft; published, it can be adapted in turn.
      expect(
        (await hub.gql(UPDATE, { token: editors.get(ags), variables: { input: { id, draft: false } } })).errors,
      ).toBeUndefined();
      return id;
    };
    const child = await adapt(original, TOWNS[0]);
    await adapt(child, TOWNS[1]);
    await adapt(original, TOWNS[2]);
    await adapt(second, TOWNS[3]);

    const top = await ranking('REUSE');
    expect(top.length).toBeLessThanOrEqual(5);
    expect(top[0]).toMatchObject({ rank: 1, adaptations: 3, practice: { id: original } });
    expect(top.map((r) => r.rank)).toEqual(top.map((_, i) => i + 1));
    expect(top.map((r) => r.adaptations)).toEqual([...top.map((r) => r.adaptations)].sort((a, b) => b - a));
    expect(top.find((r) => r.practice.id === second)?.adaptations).toBe(1);
  });

  it('ranks by interest, leaving out practices nobody marked', async () => {
    for (const ags of TOWNS.slice(4, 7))
      await hub.gql(INTEREST, { token: editors.get(ags), variables: { input: { practiceId: second, ags } } });
    await hub.gql(INTEREST, {
      token: editors.get(TOWNS[7]),
      variables: { input: { practiceId: original, ags: TOWNS[7] } },
    });
    const top = await ranking('INTEREST', 10);
    expect(top.slice(0, 2).map((r) => [r.practice.id, r.interestedMunicipalities])).toEqual([
      [second, 3],
      [original, 1],
    ]);
    expect(top.every((r) => r.interestedMunicipalities > 0)).toBe(true);
  });

  it('orders the practice list by reuse, interest or last change', async () => {
    const list = async (orderBy: string) =>
      (await hub.gql(LIST, { variables: { orderBy } })).data!.practices.edges.map(
        (e: { node: { slug: string } }) => e.node,
      );
    expect((await list('REUSE'))[0]).toMatchObject({ slug: 'vorbild-olpe', reuseCount: 3 });
    expect((await list('INTEREST'))[0]).toMatchObject({ slug: 'vorbild-siegen', interestCount: 3 });
    const titles = (await hub.gql(`{ practices(first: 5) { edges { node { title } } } }`)).data!.practices.edges.map(
      (e: { node: { title: string } }) => e.node.title,
    );
    expect(titles).toEqual([...titles].sort((a: string, b: string) => a.localeCompare(b, 'en')));
  });

  it('refuses a ranking of 0 or more than 50 places with BAD_USER_INPUT', async () => {
    for (const first of [0, 51]) {
      const { errors } = await hub.gql(RANKING, { variables: { by: 'REUSE', first } });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    }
  });

  it('costs the same number of SQL statements with more practices and adaptations', async () => {
    hub.statements.reset();
    await ranking('REUSE', 5);
    await hub.gql(STATISTICS);
    const before = hub.statements.count;
    for (let i = 0; i < 12; i++) {
      await hub.gql(CREATE, {
        token: coordinator,
        variables: { input: practiceInput({ slug: `zusatz-${i}`, title: `Zusatz ${i}` }) },
      });
    }
    await hub.gql(ADAPT, {
      token: editors.get(TOWNS[5]),
      variables: { input: { sourceId: second, ags: TOWNS[5], changes: 'Noch eine Fassung.' } },
    });
    hub.statements.reset();
    await ranking('REUSE', 5);
    await hub.gql(STATISTICS);
    expect(hub.statements.count).toBe(before);
  });
});

describe('licence', () => {
  it('is unknown (null) until the owner chooses one; the owner sets and clears it, others may not', async () => {
    const created = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ slug: 'lizenz-olpe' }) },
    });
    expect(created.data!.createPractice.licence).toBeNull();
    const id = created.data!.createPractice.id;
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: 'CC_BY_4_0' } } })).data!
        .updatePractice.licence,
    ).toBe('CC_BY_4_0');
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, title: 'Anderer Titel' } } })).data!
        .updatePractice.licence,
    ).toBe('CC_BY_4_0');
    const foreign = await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id, licence: 'CC0_1_0' } } });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: 'MIT' } } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('practice', `id = '${id}' and licence = 'CC_BY_4_0'`)).toBe(1);
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, licence: null } } })).data!.updatePractice
        .licence,
    ).toBeNull();
    expect(await hub.count('practice', 'licence is not null and source is not null')).toBe(0);
  });
});
