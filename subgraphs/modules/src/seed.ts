import { auditedBy, forkForSystem, type Orm } from '@welcome-hub/kit';
import { loadExampleCatalogue, loadModules } from '@welcome-hub/reference';
import { describeResult, upsertRows, type TableResult } from '@welcome-hub/seed';
import { AreaEntity, CriterionEntity } from './catalogue/catalogue.entity.js';
import { modulesModel } from './model.js';
import { ModuleEntity } from './module/module.entity.js';
import { replayPublications } from './summary/summary.service.js';
import { MODULE_KIND_LABELS, type ModuleKind } from './module/module.type.js';

/** The Südwestfalen cooperation offers the modules of knowledge.json to its members. */
const SOUTH_WESTPHALIA = 'qualitaetsoffensive-willkommen-suedwestfalen';

function kindOf(label: string, slug: string): ModuleKind {
  const entry = Object.entries(MODULE_KIND_LABELS).find(([, l]) => l === label);
  if (!entry) throw new Error(`knowledge.json module ${slug}: unknown kind "${label}"`);
  return entry[0] as ModuleKind;
}

/**
 * Loads the nine modules and the example catalogue, audited as the system's writes.
 * Catalogue rows and module-criterion links are inserted once and never overwritten. Module
 * licences are not seeded: the sources name none, so they stay null until an owner chooses one.
 */
export async function seedModules(orm: Orm, options: { log?: (line: string) => void } = {}): Promise<TableResult[]> {
  const catalogue = loadExampleCatalogue();
  const criteriaOf = (slug: string) =>
    catalogue.areas
      .flatMap((a) => a.criteria)
      .filter((c) => c.modules.includes(slug))
      .map((c) => c.key);
  const now = new Date();
  const modules = loadModules().map((m) => ({
    id: crypto.randomUUID(),
    slug: m.slug,
    title: m.title,
    kind: kindOf(m.kind, m.slug),
    summary: m.summary,
    owner_cooperation: SOUTH_WESTPHALIA,
    criteria: criteriaOf(m.slug),
    source: m.source,
    created_at: now,
    updated_at: now,
    updated_by: 'seed',
  }));
  const areas = catalogue.areas.map((a, i) => ({ key: a.key, title: a.title, position: (i + 1) * 10 }));
  const criteria = catalogue.areas
    .flatMap((a) =>
      a.criteria.map((c) => ({
        key: c.key,
        area_key: a.key,
        title: c.title,
        guidance: c.guidance,
        scale_min: catalogue.scale.min,
        scale_max: catalogue.scale.max,
        required: c.required,
        example: catalogue.example,
        source: catalogue.source,
      })),
    )
    .map((c, i) => ({ ...c, position: (i + 1) * 10 }));
  const insertOnly = (rows: Record<string, unknown>[], key: string) => Object.keys(rows[0]).filter((c) => c !== key);
  return forkForSystem(orm.em).transactional(async (em) => {
    const results = [
      await upsertRows(em, 'modules', 'quality_area', ['key'], areas, {
        fixed: insertOnly(areas, 'key'),
        audit: auditedBy(modulesModel, AreaEntity),
      }),
      await upsertRows(em, 'modules', 'criterion', ['key'], criteria, {
        fixed: insertOnly(criteria, 'key'),
        audit: auditedBy(modulesModel, CriterionEntity),
      }),
      await upsertRows(em, 'modules', 'module', ['slug'], modules, {
        fixed: ['id', 'criteria', 'created_at', 'updated_at', 'updated_by'],
        outboxKey: 'id',
        audit: auditedBy(modulesModel, ModuleEntity),
      }),
      // The seed holds no assessments; a database that already has some gets their summaries here.
      { table: 'published_summary', inserted: await replayPublications(em), updated: 0, unchanged: 0 },
    ];
    for (const r of results) options.log?.(describeResult(r));
    return results;
  });
}

export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em.getConnection().execute('select count(*)::int as n from "modules"."module"')) as {
    n: number;
  }[];
  return row.n === 0;
}
