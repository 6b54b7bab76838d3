import { forkForSystem, type BulkAudit, type Em, type Orm } from '@welcome-hub/kit';
import { DATA_DIR, loadReferenceData, type ReferenceData } from '@welcome-hub/reference';
import { describeResult, upsertRows, type Row, type TableResult } from '@welcome-hub/seed';
import { CooperationEntity, MembershipEntity } from './cooperation/cooperation.entity.js';
import { DistrictEntity } from './district/district.entity.js';
import { MunicipalityEntity } from './municipality/municipality.entity.js';

// The reference tables are not audited entities (no API writes them), but the seed keeps
// their official figures current on every run: each inserted or changed row is recorded in
// the audit trail as the system's, so a refreshed population says what it was before.
const AUDIT: Record<string, BulkAudit> = {
  district: { entity: DistrictEntity },
  municipality: { entity: MunicipalityEntity, owner: 'ags' },
  cooperation: { entity: CooperationEntity },
  membership: { entity: MembershipEntity, owner: 'municipalityAgs' },
};

// Municipalities are searchable: their seeded changes reach the search outbox.
const upsert = (em: Em, table: string, key: string[], rows: Row[], fixed: string[] = []) =>
  upsertRows(em, 'municipalities', table, key, rows, {
    fixed,
    audit: AUDIT[table],
    ...(table === 'municipality' ? { outboxKey: 'ags' } : {}),
  });

/**
 * Loads the reference data into the municipalities schema in one transaction, or brings
 * it up to date: only rows whose values differ are written, each with an audit entry.
 * Idempotent: a second run reports every row unchanged.
 */
export async function seedMunicipalities(
  orm: Orm,
  options: { data?: ReferenceData; log?: (line: string) => void } = {},
): Promise<TableResult[]> {
  const data = options.data ?? loadReferenceData(DATA_DIR);
  const log = options.log ?? (() => undefined);
  return forkForSystem(orm.em).transactional(async (em) => {
    const results: TableResult[] = [];
    const step = async (result: Promise<TableResult>) => {
      const r = await result;
      results.push(r);
      log(describeResult(r));
    };
    await step(
      upsert(
        em,
        'district',
        ['code'],
        data.districts.map((d) => ({ code: d.code, name: d.name, kind: d.kind, region: d.region, source: d.source })),
      ),
    );
    await step(
      upsert(
        em,
        'municipality',
        ['ags'],
        data.municipalities.map((m) => ({
          ags: m.ags,
          name: m.name,
          official_name: m.officialName,
          kind: m.kind,
          district_code: m.districtCode,
          region: m.region,
          population: m.population,
          population_date: m.populationDate,
          area_km2: m.areaKm2,
          latitude: m.latitude,
          longitude: m.longitude,
          postal_code: m.postalCode,
          source: m.source,
        })),
      ),
    );
    await step(
      upsert(
        em,
        'cooperation',
        ['slug'],
        data.cooperations.map((c) => ({
          id: crypto.randomUUID(),
          slug: c.slug,
          name: c.name,
          summary: c.summary,
          coordinator: c.coordinator,
          region: c.region,
          founded_year: c.foundedYear,
          participation_requirements: c.participationRequirements,
          source: c.source,
        })),
        ['id'],
      ),
    );
    const ids = new Map(
      ((await em.execute('select id, slug from "municipalities"."cooperation"')) as { id: string; slug: string }[]).map(
        (c) => [c.slug, c.id],
      ),
    );
    await step(
      upsert(
        em,
        'membership',
        ['cooperation_id', 'municipality_ags'],
        data.memberships.map((m) => ({
          id: crypto.randomUUID(),
          cooperation_id: ids.get(m.cooperationSlug),
          municipality_ags: m.ags,
          status: m.status,
          since_year: m.sinceYear,
          note: m.note,
          source: m.source,
        })),
        ['id'],
      ),
    );
    // A municipality's search document names its district and cooperations: when those
    // changed, every municipality goes back through the outbox.
    if (results.some((r) => r.table !== 'municipality' && r.inserted + r.updated > 0)) {
      await em.execute(
        `insert into "municipalities"."search_outbox" (entity_key) select ags from "municipalities"."municipality"`,
      );
    }
    return results;
  });
}

/** True when the municipalities schema holds no municipality yet. */
export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em
    .getConnection()
    .execute('select count(*)::int as n from "municipalities"."municipality"')) as { n: number }[];
  return row.n === 0;
}
