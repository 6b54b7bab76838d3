import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { devToken, graphqlClient, openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { startEmbedded, type EmbeddedHub } from '../src/embedded.js';
import { expectEveryWriteAudited, watchAuditing } from '../src/testing/index.js';
import { testPlannerEnv } from '../src/testing/planner.js';

// Quick-Check gaps joined across three subgraphs: assessments and modules (modules),
// ranked practices (practices), municipality names (municipalities).
let db: TestDatabase;
let hub: EmbeddedHub;
let siegen: string;
let coordinator: string;

beforeAll(async () => {
  db = await openTestDatabase();
  hub = await startEmbedded({
    config: parseConfig(gatewayEnv, {
      ...testPlannerEnv(),
      PORT: '0',
      LOG_LEVEL: 'silent',
      RESPONSE_CACHE_TTL_SECONDS: '0',
    }),
    database: db.database,
    log: () => undefined,
  });
  await watchAuditing(hub); // from here on every write is logged, for the check at the end
  siegen = await devToken({ sub: 'editor-siegen', role: 'editor', ags: ['05970040'] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(async () => {
  try {
    if (hub) await expectEveryWriteAudited(hub);
  } finally {
    await hub?.close();
    await db?.close();
  }
});

const gql = () => graphqlClient(`${hub.url}/graphql`);

const GAPS = `{ municipality(ags: "05970040") { name latestAssessment {
  overall { percent }
  gaps { score criterion { key title modules { slug }
    practices(forMunicipality: "05970040") { score distanceKm practice { slug municipality { name } contacts { role email } } } } }
} } }`;

describe('Quick-Check through the gateway', () => {
  it('serves a module', async () => {
    const { data, errors } = await gql()(`{ module(slug: "quick-check") { title kind } }`);
    expect(errors).toBeUndefined();
    expect(data!.module).toEqual({ title: 'Quick-Check Willkommenskultur', kind: 'ANALYSIS_TOOL' });
  });

  it("shows Siegen's editor the gaps with modules and ranked practices of other towns; anonymous callers see no scores", async () => {
    // Practices name the criteria they address (a coordinator records it).
    const practiceIds = (
      await gql()(`{ practices(first: 10) { edges { node { id slug } } } }`)
    ).data!.practices.edges.map((e: { node: { id: string; slug: string } }) => e.node);
    const idOf = (slug: string) => practiceIds.find((p: { slug: string }) => p.slug === slug).id;
    const link = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { slug } }`;
    for (const [slug, criteria, contacts] of [
      [
        'neubuerger-empfaenge-ungewoehnliche-orte',
        ['personal-welcome'],
        [{ role: 'Bürgerbüro', email: 'buergerbuero@example.org' }],
      ],
      ['lokal-willkommen-dortmund', ['personal-welcome', 'contact-point'], undefined],
      ['willkommen-in-siegen', ['personal-welcome'], undefined],
    ] as const) {
      const { errors } = await gql()(link, {
        token: coordinator,
        variables: { input: { id: idOf(slug), criteria, ...(contacts ? { contacts } : {}) } },
      });
      expect(errors).toBeUndefined();
    }

    const answers = {
      'online-information': 3,
      'welcome-pack': 2,
      'personal-welcome': 0,
      'contact-point': 1,
      'self-assessment': 3,
    };
    const submitted = await gql()(
      `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`,
      {
        token: siegen,
        variables: {
          input: {
            ags: '05970040',
            answers: Object.entries(answers).map(([criterion, score]) => ({ criterion, score })),
          },
        },
      },
    );
    expect(submitted.errors).toBeUndefined();

    const anonymous = await gql()(GAPS);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.municipality).toEqual({ name: 'Siegen', latestAssessment: null });

    const { data, errors } = await gql()(GAPS, { token: siegen });
    expect(errors).toBeUndefined();
    const assessment = data!.municipality.latestAssessment;
    expect(assessment.overall.percent).toBe(60);
    expect(assessment.gaps.map((g: { criterion: { key: string } }) => g.criterion.key)).toEqual([
      'personal-welcome',
      'contact-point',
    ]);
    const [welcome, contactPoint] = assessment.gaps;
    expect(welcome.criterion.modules).toEqual([{ slug: 'veranstaltungskonzepte' }]);
    // Siegen's own practice is left out. Dortmund (~85 km, 6× Siegen's population) ranks above
    // Bad Sassendorf (~80 km, an eighth of it): sizes are compared on a log scale.
    const ranked = welcome.criterion.practices;
    expect(ranked.map((r: { practice: { slug: string } }) => r.practice.slug)).toEqual([
      'lokal-willkommen-dortmund',
      'neubuerger-empfaenge-ungewoehnliche-orte',
    ]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(ranked[1].practice).toMatchObject({
      municipality: { name: 'Bad Sassendorf' },
      contacts: [{ role: 'Bürgerbüro', email: 'buergerbuero@example.org' }],
    });
    expect(ranked.every((r: { distanceKm: number }) => r.distanceKm > 70 && r.distanceKm < 100)).toBe(true);
    expect(
      contactPoint.criterion.practices.map(
        (r: { practice: { municipality: { name: string } } }) => r.practice.municipality.name,
      ),
    ).toEqual(['Dortmund']);
  });
  it('answers a practice naming a criterion the catalogue lacks, marking it, not failing', async () => {
    const { data } = await gql()(`{ practice(slug: "welcome-ruhr") { id } }`);
    const link = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { slug } }`;
    const linked = await gql()(link, {
      token: coordinator,
      variables: { input: { id: data!.practice.id, criteria: ['personal-welcome', 'not-in-the-catalogue'] } },
    });
    expect(linked.errors).toBeUndefined();
    const read = await gql()(
      `{ practice(slug: "welcome-ruhr") { criteria { key title inCatalogue area { key } modules { slug } } } }`,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.practice.criteria).toEqual([
      {
        key: 'personal-welcome',
        title: 'Persönliche Begrüßung',
        inCatalogue: true,
        area: { key: 'arrival' },
        modules: [{ slug: 'veranstaltungskonzepte' }],
      },
      { key: 'not-in-the-catalogue', title: 'not-in-the-catalogue', inCatalogue: false, area: null, modules: [] },
    ]);
  });
});
