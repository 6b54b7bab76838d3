import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, loadReferenceData, parseCsv } from '../src/index.js';

describe('reference data', () => {
  const data = loadReferenceData();

  it('holds 112 municipalities in 20 districts, as SOURCES.md counts them', () => {
    expect(data.municipalities).toHaveLength(112);
    expect(data.municipalities.filter((m) => m.region === 'SUEDWESTFALEN')).toHaveLength(59);
    expect(data.municipalities.filter((m) => m.region === 'RUHR')).toHaveLength(53);
    expect(data.districts).toHaveLength(20);
    expect(data.districts.filter((d) => d.kind === 'KREISFREIE_STADT')).toHaveLength(11);
    const swf = data.municipalities.filter((m) => m.region === 'SUEDWESTFALEN');
    expect(swf.filter((m) => m.kind === 'STADT')).toHaveLength(40);
    expect(swf.reduce((sum, m) => sum + m.population, 0)).toBe(1_375_606);
  });

  it('keeps AGS as 8-digit text and carries the official name and postal code', () => {
    const siegen = data.municipalities.find((m) => m.ags === '05970040')!;
    expect(siegen).toMatchObject({
      name: 'Siegen',
      officialName: 'Siegen, Universitätsstadt',
      districtCode: '05970',
      population: 102685,
    });
    expect(data.municipalities.every((m) => /^0\d{7}$/.test(m.ags))).toBe(true);
  });

  it('has the 10 Integration.Interkommunal members and invites all 59 Südwestfalen municipalities', () => {
    const ruhr = data.memberships.filter((m) => m.cooperationSlug === 'integration-interkommunal');
    expect(ruhr).toHaveLength(10);
    expect(
      ruhr
        .filter((m) => m.sinceYear === null)
        .map((m) => m.ags)
        .sort(),
    ).toEqual(['05513000', '05916000']);
    const swf = data.memberships.filter((m) => m.cooperationSlug === 'qualitaetsoffensive-willkommen-suedwestfalen');
    expect(swf).toHaveLength(59);
    expect(swf.every((m) => m.status === 'INVITED' && m.sinceYear === null)).toBe(true);
  });

  it('gives every record a source', () => {
    for (const record of [...data.districts, ...data.municipalities, ...data.cooperations, ...data.memberships]) {
      expect(record.source.length).toBeGreaterThan(5);
    }
  });

  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n')).toEqual([{ a: 'x, y', b: 'say "hi"' }]);
    expect(() => parseCsv('a,b\n1\n')).toThrow(/line 2 has 1 fields, expected 2/);
  });

  // The hub ships a copy of ../shared/data so that a fresh clone runs on its own; it must not drift.
  const shared = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
  (existsSync(shared) ? it : it.skip)('is an unchanged copy of shared/data', () => {
    for (const file of readdirSync(shared)) {
      expect(readFileSync(`${DATA_DIR}/${file}`, 'utf8')).toBe(readFileSync(`${shared}/${file}`, 'utf8'));
    }
  });
});
