import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { startMunicipalities, type SubgraphUnderTest } from './support.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
const DORTMUND = '05913000';
const SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';
const RUHR = 'integration-interkommunal';

const DECLARE = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`;
const WITHDRAW = `mutation($input: WithdrawParticipationInput!) { withdrawParticipation(input: $input) { id active } }`;
const STATISTICS = `query($cooperation: String, $interval: TimeInterval!) {
  participationStatistics(cooperation: $cooperation) {
    cooperation { slug }
    byRegion { region regionName municipalities declared active activePercent }
    byDistrict { district { code name region } municipalities declared active activePercent }
    overTime(interval: $interval) { period declared withdrawn active }
  }
}`;

interface Counts {
  municipalities: number;
  declared: number;
  active: number;
  activePercent: number;
}
interface Statistics {
  cooperation: { slug: string } | null;
  byRegion: (Counts & { region: string; regionName: string })[];
  byDistrict: (Counts & { district: { code: string; name: string; region: string } })[];
  overTime: { period: string; declared: number; withdrawn: number; active: number }[];
}

let hub: SubgraphUnderTest;
let coordinator: string;

const contact = { name: 'Anna Beispiel', role: 'Projektverantwortliche', email: 'anna.beispiel@example.org' };
const declare = async (ags: string, cooperation: string, declaredOn: string) => {
  const { data, errors } = await hub.gql(DECLARE, {
    token: coordinator,
    variables: { input: { ags, cooperation, declaredOn, contact } },
  });
  expect(errors).toBeUndefined();
  return data!.declareParticipation.id as string;
};
const statistics = async (variables: Record<string, unknown> = {}) => {
  const { data, errors } = await hub.gql(STATISTICS, { variables: { interval: 'YEAR', ...variables } });
  expect(errors).toBeUndefined();
  return data!.participationStatistics as Statistics;
};
const district = (s: Statistics, code: string) => s.byDistrict.find((d) => d.district.code === code)!;

beforeAll(async () => {
  hub = await startMunicipalities();
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(() => hub?.close());

describe('participationStatistics', () => {
  it('answers all 20 districts and both regions in one request, with nobody taking part yet', async () => {
    const s = await statistics();
    expect(s.byDistrict).toHaveLength(20);
    expect(s.byDistrict.reduce((sum, d) => sum + d.municipalities, 0)).toBe(112);
    expect(s.byRegion.map((r) => [r.region, r.regionName, r.municipalities, r.active])).toEqual([
      ['SUEDWESTFALEN', 'Südwestfalen', 59, 0],
      ['RUHR', 'Ruhr', 53, 0],
    ]);
    expect(s.overTime).toEqual([]);
  });

  it('counts declarations, withdrawals and active municipalities per district, region and year', async () => {
    await declare(SIEGEN, SWF, '2023-05-10');
    const olpe = await declare(OLPE, SWF, '2024-02-01');
    await declare(DORTMUND, RUHR, '2024-03-01');
    const withdrawn = await hub.gql(WITHDRAW, {
      token: coordinator,
      variables: { input: { id: olpe, withdrawnOn: '2025-01-15' } },
    });
    expect(withdrawn.errors).toBeUndefined();

    const s = await statistics();
    expect(district(s, '05970')).toMatchObject({
      district: { name: 'Kreis Siegen-Wittgenstein', region: 'SUEDWESTFALEN' },
      municipalities: 11,
      declared: 1,
      active: 1,
      activePercent: 9.1,
    });
    expect(district(s, '05966')).toMatchObject({ municipalities: 7, declared: 1, active: 0, activePercent: 0 });
    expect(district(s, '05913')).toMatchObject({ municipalities: 1, declared: 1, active: 1, activePercent: 100 });
    expect(s.byRegion.map((r) => [r.region, r.declared, r.active])).toEqual([
      ['SUEDWESTFALEN', 2, 1],
      ['RUHR', 1, 1],
    ]);
    const year = new Date().getFullYear();
    expect(s.overTime.slice(0, 3)).toEqual([
      { period: '2023', declared: 1, withdrawn: 0, active: 1 },
      { period: '2024', declared: 2, withdrawn: 0, active: 3 },
      { period: '2025', declared: 0, withdrawn: 1, active: 2 },
    ]);
    // No gaps up to the current year.
    expect(s.overTime.map((p) => p.period)).toEqual(Array.from({ length: year - 2022 }, (_, i) => String(2023 + i)));
  });

  it('narrows to one cooperation and to monthly buckets', async () => {
    const s = await statistics({ cooperation: SWF, interval: 'MONTH' });
    expect(s.cooperation).toEqual({ slug: SWF });
    expect(district(s, '05913')).toMatchObject({ declared: 0, active: 0 });
    expect(s.overTime[0]).toEqual({ period: '2023-05', declared: 1, withdrawn: 0, active: 1 });
    expect(s.overTime.find((p) => p.period === '2025-01')).toEqual({
      period: '2025-01',
      declared: 0,
      withdrawn: 1,
      active: 1,
    });
  });

  it('refuses a malformed or unknown cooperation with BAD_USER_INPUT at the argument, and an unknown interval', async () => {
    for (const cooperation of ['Nicht da!', 'gibt-es-nicht']) {
      const { data, errors } = await hub.gql(STATISTICS, { variables: { cooperation, interval: 'YEAR' } });
      expect(data?.participationStatistics ?? null).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'cooperation' }] });
    }
    const week = await hub.gql(STATISTICS, { variables: { interval: 'WEEK' } });
    expect(week.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs the same number of SQL statements however many municipalities take part', async () => {
    hub.statements.reset();
    await statistics({ cooperation: SWF });
    const before = hub.statements.count;
    const swf = [
      '05958004',
      '05958008',
      '05958012',
      '05958016',
      '05958020',
      '05962004',
      '05962008',
      '05962012',
      '05962016',
      '05962020',
    ];
    for (const [i, ags] of swf.entries()) await declare(ags, SWF, `2024-${String(i + 1).padStart(2, '0')}-01`);
    hub.statements.reset();
    const s = await statistics({ cooperation: SWF });
    expect(s.byRegion[0].active).toBe(11);
    expect(hub.statements.count).toBe(before);
    // Cooperation lookup, regions, districts, series: four statements.
    expect(before).toBe(4);
  });
});
