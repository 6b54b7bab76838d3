import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { referenceDirectory } from '@welcome-hub/reference';
import { modulesSubgraph } from '../src/server.js';

const CRITERIA = ['online-information', 'welcome-pack', 'personal-welcome', 'contact-point', 'self-assessment'];
/** Every criterion scored alike, so a summary's average is the mean of the towns' scores. */
const answers = (score: number) => CRITERIA.map((criterion) => ({ criterion, score }));
const SUBMIT = `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`;
const SUMMARY = `query($region: RegionCode, $district: ID) {
  assessmentSummary(region: $region, district: $district) { contributingMunicipalities publishedAt overall { average percent answered } areas { area { key } score { average } } }
}`;

let hub: SubgraphUnderTest;
let coordinator: string;

async function submit(ags: string, score: number) {
  const token = await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] });
  const { errors } = await hub.gql(SUBMIT, { token, variables: { input: { ags, answers: answers(score) } } });
  expect(errors).toBeUndefined();
}

async function summary(variables: { region?: string; district?: string }) {
  const { data, errors } = await hub.gql(SUMMARY, { variables });
  expect(errors).toBeUndefined();
  return data!.assessmentSummary;
}

beforeAll(async () => {
  hub = await startTestSubgraph(modulesSubgraph);
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(() => hub?.close());

describe('the ledger of published summaries', () => {
  const district = { district: '05970' }; // Kreis Siegen-Wittgenstein
  const region = { region: 'SUEDWESTFALEN' };

  it('publishes a district from its third contributor on', async () => {
    await submit('05970004', 3);
    await submit('05970008', 3);
    expect(await summary(district)).toBeNull();
    await submit('05970012', 0);
    expect(await summary(district)).toMatchObject({
      contributingMunicipalities: 3,
      overall: { average: 2, percent: 66.67, answered: 15 },
    });
    // All three lie in a published district: the region tells nothing more.
    expect(await summary(region)).toMatchObject({ contributingMunicipalities: 3, overall: { average: 2 } });
  });

  it('withstands the differencing attack: one more town leaves the published figures exactly as they were', async () => {
    const before = await summary(district);
    const regionBefore = await summary(region);
    await submit('05970016', 0);
    // Subtracting the snapshot before from the one after would give the fourth town's scores;
    // the two are identical, so it gives nothing.
    expect(await summary(district)).toEqual(before);
    expect(await summary(region)).toEqual(regionBefore);
    await submit('05970020', 0);
    expect(await summary(district)).toEqual(before);
    // The third change since the last publication: now the figures move, by three towns at once.
    await submit('05970024', 3);
    const after = await summary(district);
    expect(after).toMatchObject({
      contributingMunicipalities: 6,
      overall: { average: 1.5, percent: 50, answered: 30 },
    });
    expect(new Date(after.publishedAt).getTime()).toBeGreaterThan(new Date(before.publishedAt).getTime());
    expect(await summary(region)).toMatchObject({ contributingMunicipalities: 6, overall: { average: 1.5 } });
    expect(await hub.count('published_summary', `area_level = 'DISTRICT' and area_code = '05970'`)).toBe(2);
  });

  it('counts a municipality that submits again as a changed contributor', async () => {
    const before = await summary(district);
    await submit('05970004', 0);
    expect(await summary(district)).toEqual(before);
    await submit('05970004', 1);
    // Still one contributor changed, however often it submits.
    expect(await summary(district)).toEqual(before);
    await submit('05970008', 0);
    expect(await summary(district)).toEqual(before);
    await submit('05970012', 3);
    // 1, 0, 3 (submitted again) with 0, 0, 3: the same six towns, three of them changed.
    expect(await summary(district)).toMatchObject({
      contributingMunicipalities: 6,
      overall: { average: 1.17, percent: 38.89 },
    });
    const [row] = (await hub.runtime.orm.em
      .getConnection()
      .execute(
        `select assessment_ids::text[] as ids from modules.published_summary where area_code = '05970' order by published_at desc limit 1`,
      )) as { ids: string[] }[];
    const latest = (await hub.runtime.orm.em
      .getConnection()
      .execute(
        `select distinct on (municipality_ags) id from modules.assessment where municipality_ags like '05970%' order by municipality_ags, submitted_at desc`,
      )) as { id: string }[];
    expect([...row!.ids].sort()).toEqual(latest.map((a) => a.id).sort());
  });

  it('withholds a region while one or two of its contributors lie outside its published districts', async () => {
    const ruhr = { region: 'RUHR' };
    const [dortmund, wesel, recklinghausen] = [
      '05913000',
      ['05170004', '05170008', '05170012'],
      ['05562004', '05562008', '05562012'],
    ] as const;
    await submit(dortmund, 3); // a district of one: never covered by a district summary
    await submit(wesel[0], 2);
    await submit(wesel[1], 2);
    // Three towns, none in a published district: the region shows three.
    expect(await summary(ruhr)).toMatchObject({ contributingMunicipalities: 3, overall: { average: 2.33 } });
    for (const ags of recklinghausen) await submit(ags, 1);
    expect(await summary({ district: '05562' })).toMatchObject({
      contributingMunicipalities: 3,
      overall: { average: 1 },
    });
    expect(await summary(ruhr)).toMatchObject({ contributingMunicipalities: 6, overall: { average: 1.67 } });
  });

  it('withholds a district whose figures would leave the region minus its districts describing one town', async () => {
    const ruhr = { region: 'RUHR' };
    const weselThird = '05170012';
    const before = await summary(ruhr);
    // Kreis Wesel now has three contributors of its own, but the region's figures (Dortmund,
    // two Wesel towns, Kreis Recklinghausen) minus Recklinghausen's and Wesel's would be
    // Dortmund's answers against the third Wesel town's: Wesel stays unpublished.
    await submit(weselThird, 2);
    expect(await summary({ district: '05170' })).toBeNull();
    expect(await summary(ruhr)).toEqual(before);
    // Two more kreisfreie Städte: three contributors changed, and six lie outside published
    // districts, so the region moves; then Wesel may publish (Dortmund, Bochum, Essen and an
    // earlier Wesel answer remain outside: four).
    await submit('05911000', 1);
    await submit('05113000', 1);
    expect(await summary(ruhr)).toMatchObject({ contributingMunicipalities: 9, overall: { average: 1.56 } });
    await submit('05170004', 0);
    expect(await summary({ district: '05170' })).toMatchObject({
      contributingMunicipalities: 3,
      overall: { average: 1.33 },
    });
  });

  it('lists every region and all 20 districts in one call, null where nothing is published', async () => {
    const query = `query($level: AreaLevel!) { assessmentSummaries(level: $level) { level region district { code } summary { contributingMunicipalities overall { average } } } }`;
    const districts = (await hub.gql(query, { variables: { level: 'DISTRICT' } })).data!.assessmentSummaries;
    expect(districts).toHaveLength(20);
    expect(districts.filter((d: { summary: unknown }) => d.summary !== null)).toEqual([
      {
        level: 'DISTRICT',
        region: 'RUHR',
        district: { code: '05170' },
        summary: { contributingMunicipalities: 3, overall: { average: 1.33 } },
      },
      {
        level: 'DISTRICT',
        region: 'RUHR',
        district: { code: '05562' },
        summary: { contributingMunicipalities: 3, overall: { average: 1 } },
      },
      {
        level: 'DISTRICT',
        region: 'SUEDWESTFALEN',
        district: { code: '05970' },
        summary: { contributingMunicipalities: 6, overall: { average: 1.17 } },
      },
    ]);
    expect(districts[0]).toEqual({ level: 'DISTRICT', region: 'RUHR', district: { code: '05112' }, summary: null });
    const regions = (await hub.gql(query, { variables: { level: 'REGION' } })).data!.assessmentSummaries;
    expect(regions).toEqual([
      {
        level: 'REGION',
        region: 'SUEDWESTFALEN',
        district: null,
        summary: { contributingMunicipalities: 6, overall: { average: 1.17 } },
      },
      {
        level: 'REGION',
        region: 'RUHR',
        district: null,
        summary: { contributingMunicipalities: 9, overall: { average: 1.56 } },
      },
    ]);
  });
});

describe('reading the ledger', () => {
  const TREND = `query($region: RegionCode, $district: ID, $interval: TimeInterval!) {
    assessmentTrend(region: $region, district: $district, interval: $interval) { period summary { contributingMunicipalities overall { average } } }
  }`;

  it('refuses a bad area, naming the argument', async () => {
    for (const variables of [{}, { region: 'RUHR', district: '05970' }, { district: 'Siegen' }]) {
      for (const query of [SUMMARY, TREND]) {
        const { errors } = await hub.gql(query, { variables: { interval: 'YEAR', ...variables } });
        expect(errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'district' in variables && !('region' in variables) ? 'district' : 'region' }],
        });
      }
    }
    expect((await hub.gql(`{ assessmentSummaries(level: COUNTY) { level } }`)).errors?.[0].extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('gives a trend that starts with the first publication and ends now', async () => {
    const year = String(new Date().getFullYear());
    const { data } = await hub.gql(
      `{ assessmentTrend(district: "05970") { period summary { contributingMunicipalities overall { average } } } }`,
    );
    expect(data!.assessmentTrend).toEqual([
      { period: year, summary: { contributingMunicipalities: 6, overall: { average: 1.17 } } },
    ]);
    expect(
      (await hub.gql(TREND, { variables: { district: '05966', interval: 'MONTH' } })).data!.assessmentTrend,
    ).toEqual([]);
  });

  it("records every publication as the system's, for coordinators only", async () => {
    const TRAIL = `query($filter: AuditTrailFilter) { modulesAuditTrail(filter: $filter, first: 200) { edges { node { subject action } } } }`;
    const entries = (
      await hub.gql(TRAIL, { token: coordinator, variables: { filter: { entity: 'PublishedSummary' } } })
    ).data!.modulesAuditTrail.edges;
    expect(entries).toHaveLength(await hub.count('published_summary'));
    expect(new Set(entries.map((e: { node: unknown }) => JSON.stringify(e.node)))).toEqual(
      new Set([JSON.stringify({ subject: 'system', action: 'CREATE' })]),
    );
    const editor = await devToken({ sub: 'editor-05970004', role: 'editor', ags: ['05970004'] });
    const own = await hub.gql(TRAIL, {
      token: editor,
      variables: { filter: { entity: 'PublishedSummary', municipality: '05970004' } },
    });
    expect(own.data!.modulesAuditTrail.edges).toEqual([]);
    expect(
      (await hub.gql(TRAIL, { token: editor, variables: { filter: { entity: 'PublishedSummary' } } })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('writes nothing for a refused or bad submission', async () => {
    const published = await hub.count('published_summary');
    const input = { ags: '05970028', answers: answers(2) };
    expect((await hub.gql(SUBMIT, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const other = await devToken({ sub: 'editor-05970004', role: 'editor', ags: ['05970004'] });
    expect((await hub.gql(SUBMIT, { token: other, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const own = await devToken({ sub: 'editor-05970028', role: 'editor', ags: ['05970028'] });
    const bad = await hub.gql(SUBMIT, { token: own, variables: { input: { ...input, answers: answers(7) } } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('assessment', `municipality_ags = '05970028'`)).toBe(0);
    expect(await hub.count('published_summary')).toBe(published);
  });
});

describe('statements', () => {
  const READ = `{
    districts: assessmentSummaries(level: DISTRICT) { district { code } summary { contributingMunicipalities areas { area { key } score { percent } } } }
    regions: assessmentSummaries(level: REGION) { region summary { overall { average } } }
    one: assessmentSummary(district: "05970") { contributingMunicipalities }
    trend: assessmentTrend(region: SUEDWESTFALEN, interval: MONTH) { period summary { contributingMunicipalities } }
  }`;

  async function readStatements(): Promise<number> {
    hub.statements.reset();
    const { errors } = await hub.gql(READ);
    expect(errors).toBeUndefined();
    return hub.statements.count;
  }

  it('reads the ledger, and submits, in a fixed number of statements whatever the data size', async () => {
    // A few published summaries (Hochsauerlandkreis), so that the first count reads quality areas too.
    for (const ags of ['05958004', '05958008', '05958012']) await submit(ags, 2);
    const before = await readStatements();
    // Two districts' worth of towns, each submitting twice: dozens of assessments and publications.
    const towns = [...referenceDirectory().municipalities]
      .filter(([, m]) => ['05974', '05962'].includes(m.districtCode))
      .map(([ags]) => ags);
    expect(towns).toHaveLength(29);
    const costs = new Map<number, Set<number>>();
    for (const [round, score] of [
      [0, 1],
      [1, 2],
    ]) {
      for (const ags of towns) {
        const published = await hub.count('published_summary');
        hub.statements.reset();
        await submit(ags, (score! + round!) % 4);
        const statements = hub.statements.count;
        const added = (await hub.count('published_summary')) - published;
        costs.set(added, (costs.get(added) ?? new Set()).add(statements));
      }
    }
    // A submission costs the same whatever is stored; each summary it publishes adds the same few.
    expect(costs.has(0) && costs.size > 1).toBe(true);
    for (const counts of costs.values()) expect(counts.size).toBe(1);
    expect(await hub.count('published_summary')).toBeGreaterThan(10);
    expect(await readStatements()).toBe(before);
  });
});
