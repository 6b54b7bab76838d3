import type { Em, Orm } from '@welcome-hub/kit';
import { loadReferenceData, DATA_DIR, type ReferenceData } from './reference-data.js';

/** What one table's upsert did. */
export interface TableResult {
  table: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Row = Record<string, unknown>;

/** A PostgreSQL array literal: MikroORM inlines parameters, and would spread a JS array into a list. */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Inserts missing rows and updates rows whose values differ; identical rows are not
 * touched, so a second run writes nothing.
 */
async function upsert(em: Em, table: string, key: string[], rows: Row[], fixed: string[] = []): Promise<TableResult> {
  if (rows.length === 0) return { table, inserted: 0, updated: 0, unchanged: 0 };
  const columns = Object.keys(rows[0]);
  const updatable = columns.filter((c) => !key.includes(c) && !fixed.includes(c));
  const q = (c: string) => `"${c}"`;
  const placeholder = (c: string) => (Array.isArray(rows[0][c]) ? '?::text[]' : '?');
  const values = rows.map(() => `(${columns.map(placeholder).join(', ')})`).join(', ');
  const sql =
    `insert into "municipalities"."${table}" as t (${columns.map(q).join(', ')}) values ${values} ` +
    `on conflict (${key.map(q).join(', ')}) do update set ${updatable.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')} ` +
    `where (${updatable.map((c) => `t.${q(c)}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${q(c)}`).join(', ')}) ` +
    'returning (xmax = 0) as inserted';
  const result = (await em.execute(sql, rows.flatMap((row) => columns.map((c) => (Array.isArray(row[c]) ? pgTextArray(row[c] as string[]) : row[c]))))) as { inserted: boolean }[];
  const inserted = result.filter((r) => r.inserted).length;
  return { table, inserted, updated: result.length - inserted, unchanged: rows.length - result.length };
}

/**
 * Loads the reference data into the municipalities schema in one transaction.
 * Idempotent: a second run reports every row unchanged.
 */
export async function seedMunicipalities(orm: Orm, options: { data?: ReferenceData; log?: (line: string) => void } = {}): Promise<TableResult[]> {
  const data = options.data ?? loadReferenceData(DATA_DIR);
  const log = options.log ?? (() => undefined);
  return orm.em.transactional(async (em) => {
    const results: TableResult[] = [];
    const step = async (result: Promise<TableResult>) => {
      const r = await result;
      results.push(r);
      log(`  ${r.table.padEnd(13)} ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`);
    };
    await step(
      upsert(em, 'district', ['code'], data.districts.map((d) => ({ code: d.code, name: d.name, kind: d.kind, region: d.region, source: d.source }))),
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
      ((await em.execute('select id, slug from "municipalities"."cooperation"')) as { id: string; slug: string }[]).map((c) => [c.slug, c.id]),
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
    return results;
  });
}

/** True when the municipalities schema holds no municipality yet. */
export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em.getConnection().execute('select count(*)::int as n from "municipalities"."municipality"')) as { n: number }[];
  return row.n === 0;
}
