import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forkForSystem, type Em } from '@welcome-hub/kit';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { AnswerEntity, AssessmentEntity } from '../src/assessment/assessment.entity.js';
import { modulesSubgraph, seedModules } from '../src/server.js';

const CRITERIA = ['online-information', 'welcome-pack', 'personal-welcome', 'contact-point', 'self-assessment'];
/** Every criterion scored alike, so a summary's average is the mean of the towns' scores. */
const answers = (score: number) => CRITERIA.map((criterion) => ({ criterion, score }));
const SUBMIT = `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`;
const SUMMARY = `query($region: RegionCode, $district: ID) {
  assessmentSummary(region: $region, district: $district) { contributingMunicipalities publishedAt overall { average percent answered } areas { area { key } score { average } } }
}`;

let coordinator: string;

beforeAll(async () => {
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});

// The ledger's start-up fill and quality areas, each on a modules subgraph of its own
// (summary-privacy.db.test.ts holds the ledger's rule on a shared one).
describe('the seed', () => {
  let fresh: SubgraphUnderTest;
  beforeAll(async () => {
    fresh = await startTestSubgraph(modulesSubgraph);
  });
  afterAll(() => fresh?.close());

  it('fills an empty ledger from stored assessments by the same rule, in submission order, at start-up', async () => {
    // Kreis Olpe, as a database from before the ledger would hold it.
    const history: [string, string, number][] = [
      ['05966004', '2024-03-10T10:00:00Z', 3],
      ['05966008', '2024-04-10T10:00:00Z', 3],
      ['05966012', '2024-05-10T10:00:00Z', 0],
      ['05966016', '2025-02-10T10:00:00Z', 0],
      ['05966020', '2025-06-10T10:00:00Z', 0],
      ['05966024', '2025-07-10T10:00:00Z', 3],
    ];
    const em = forkForSystem(fresh.runtime.orm.em) as Em;
    const assessments = history.map(([ags, at]) =>
      em.create(AssessmentEntity, {
        id: crypto.randomUUID(),
        municipalityAgs: ags,
        submittedAt: new Date(at),
        submittedBy: 'import',
      }),
    );
    await em.persist(assessments).flush();
    for (const [i, [, , score]] of history.entries()) {
      for (const a of answers(score))
        em.persist(
          em.create(AnswerEntity, {
            id: crypto.randomUUID(),
            assessmentId: assessments[i]!.id,
            criterionKey: a.criterion,
            score: a.score,
            note: null,
          }),
        );
    }
    await em.flush();

    // The start-up hook fills it, though the seed does not run again on a database with modules.
    expect(await modulesSubgraph.isEmpty!(fresh.runtime.orm)).toBe(false);
    await modulesSubgraph.afterMigrate!(fresh.runtime.orm);
    expect(await fresh.count('published_summary')).toBe(4);
    const trend = async (interval: string) =>
      (
        await fresh.gql(
          `query($i: TimeInterval!) { assessmentTrend(district: "05966", interval: $i) { period summary { contributingMunicipalities overall { average } publishedAt } } }`,
          { variables: { i: interval } },
        )
      ).data!.assessmentTrend;
    const three = { contributingMunicipalities: 3, overall: { average: 2 }, publishedAt: '2024-05-10T10:00:00.000Z' };
    const six = { contributingMunicipalities: 6, overall: { average: 1.5 }, publishedAt: '2025-07-10T10:00:00.000Z' };
    const years = await trend('YEAR');
    expect(years.slice(0, 2)).toEqual([
      { period: '2024', summary: three },
      { period: '2025', summary: six },
    ]);
    expect(years.at(-1)).toEqual({ period: String(new Date().getFullYear()), summary: six });
    const months = await trend('MONTH');
    expect(months.slice(0, 2)).toEqual([
      { period: '2024-05', summary: three },
      { period: '2024-06', summary: three },
    ]);
    expect(months.find((m: { period: string }) => m.period === '2025-06').summary).toEqual(three);
    expect(months.find((m: { period: string }) => m.period === '2025-07').summary).toEqual(six);
    expect(
      (await fresh.gql(`{ assessmentSummary(region: SUEDWESTFALEN) { contributingMunicipalities } }`)).data!
        .assessmentSummary,
    ).toEqual({ contributingMunicipalities: 6 });

    // Filled once: a second start or seed publishes nothing more.
    await modulesSubgraph.afterMigrate!(fresh.runtime.orm);
    expect((await seedModules(fresh.runtime.orm)).find((r) => r.table === 'published_summary')).toMatchObject({
      inserted: 0,
    });
    expect(await fresh.count('published_summary')).toBe(4);
  });
});

describe('quality areas', () => {
  let own: SubgraphUnderTest;
  beforeAll(async () => {
    own = await startTestSubgraph(modulesSubgraph);
  });
  afterAll(() => own?.close());

  it('publishes an area only when every contributor answered it: one town of optional criteria would be its own figure', async () => {
    const UPSERT = `mutation($input: UpsertCriterionInput!) { upsertCriterion(input: $input) { key } }`;
    const added = await own.gql(UPSERT, {
      token: coordinator,
      variables: {
        input: {
          key: 'sprachkurse',
          areaKey: 'zusatz',
          areaTitle: 'Zusatz',
          title: 'Sprachkurse vermittelt',
          guidance: 'Freiwillige Angabe.',
          required: false,
        },
      },
    });
    expect(added.errors).toBeUndefined();
    const olpe = ['05966004', '05966008', '05966012'];
    for (const [i, ags] of olpe.entries()) {
      const token = await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] });
      const extra = i === 0 ? [{ criterion: 'sprachkurse', score: 3 }] : [];
      const { errors } = await own.gql(SUBMIT, {
        token,
        variables: { input: { ags, answers: [...answers(2), ...extra] } },
      });
      expect(errors).toBeUndefined();
    }
    const { data } = await own.gql(SUMMARY, { variables: { district: '05966' } });
    expect(data!.assessmentSummary.contributingMunicipalities).toBe(3);
    expect(data!.assessmentSummary.areas.map((a: { area: { key: string } }) => a.area.key)).toEqual([
      'information',
      'arrival',
      'organisation',
    ]);
  });
});
