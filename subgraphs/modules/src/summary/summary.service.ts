import {
  AreaLevel,
  InputValidator,
  districtCodeSchema,
  forkForSystem,
  periodsBetween,
  type Em,
  type Orm,
  type RegionCode,
  type TimeInterval,
} from '@welcome-hub/kit';
import { listSubmissions } from '../assessment/assessment.repository.js';
import type { Context } from '../context.js';
import type { DistrictRef } from '../federation/references.js';
import { areaDirectory } from '../shared/areas.js';
import { PublishedSummaryEntity } from './summary.entity.js';
import {
  candidateOf,
  figuresOf,
  isLedgerFilled,
  lastPublishedPerPeriod,
  latestPublished,
  latestPublishedPerArea,
  lockLedger,
  lockRegion,
  regionRemainderAfter,
  type AreaKey,
  type PublishedFigures,
} from './summary.repository.js';
import { mayPublish, remainderIsAnonymous } from './summary.rule.js';

/** A published summary as `AssessmentSummary`. */
export type SummaryValue = Omit<PublishedFigures, 'areaCode'>;

/** One entry of `assessmentSummaries`. */
export interface AreaSummaryValue {
  level: AreaLevel;
  region: RegionCode;
  district: DistrictRef | null;
  summary: SummaryValue | null;
}

/** One entry of `assessmentTrend`. */
export interface PeriodValue {
  period: string;
  summary: SummaryValue;
}

/**
 * A fork of `em` that writes in `em`'s transaction, recorded as the system's: the ledger's
 * rows follow from the rule, not from what the caller asked for.
 */
function systemWriter(em: Em): Em {
  const writer = forkForSystem(em);
  writer.setTransactionContext(em.getTransactionContext());
  return writer;
}

/**
 * Publishes the summaries of the district and region of `ags` that the rule (summary.rule.ts)
 * allows, in `em`'s transaction. `asOf` replays the state after an earlier submission (the
 * seed); null publishes the current state. Returns how many were published.
 */
export async function publishSummaries(em: Em, ags: string, asOf: Date | null): Promise<number> {
  const directory = areaDirectory();
  const district = ags.slice(0, 5);
  const region = directory.regionOfDistrict.get(district);
  if (!region || !directory.members.get(district)?.includes(ags)) return 0;
  await lockRegion(em, region);
  const publishedAt = asOf ?? new Date();
  const writer = systemWriter(em);
  let published = 0;
  // The district first: the region's rule reads the districts' newest summaries.
  const areas: AreaKey[] = [
    { level: AreaLevel.DISTRICT, code: district },
    { level: AreaLevel.REGION, code: region },
  ];
  for (const area of areas) {
    const covering = area.level === AreaLevel.REGION ? directory.districtsOfRegion.get(region)! : [];
    const candidate = await candidateOf(em, area, directory.members.get(area.code)!, covering, asOf);
    // Both ways round: a district summary must not leave the region's published figures
    // covering one or two towns beyond the districts' (the region's own check only runs
    // when the region publishes). Asked whether or not the district may publish otherwise,
    // so a submission's statements do not depend on the data.
    const remainder =
      area.level === AreaLevel.DISTRICT
        ? await regionRemainderAfter(
            em,
            region,
            directory.districtsOfRegion.get(region)!,
            district,
            candidate.assessmentIds,
          )
        : null;
    if (!mayPublish(area.level, candidate)) continue;
    if (remainder?.hasRegion && !remainderIsAnonymous(remainder.uncovered)) continue;
    const figures = await figuresOf(em, candidate.assessmentIds);
    const row = writer.create(PublishedSummaryEntity, {
      areaLevel: area.level,
      areaCode: area.code,
      publishedAt,
      contributingMunicipalities: candidate.candidates,
      assessmentIds: candidate.assessmentIds,
      ...figures,
    });
    await writer.persist(row).flush();
    published++;
  }
  return published;
}

/**
 * Fills an empty ledger from the assessments already stored, replaying them in submission
 * order under the same rule: for a database that held assessments before the ledger existed.
 * Returns how many summaries were published.
 */
export async function replayPublications(em: Em): Promise<number> {
  if (await isLedgerFilled(em)) return 0;
  let published = 0;
  for (const s of await listSubmissions(em)) published += await publishSummaries(em, s.ags, new Date(s.submittedAt));
  return published;
}

/**
 * After every migration run (SubgraphDefinition.afterMigrate): a database that held
 * assessments before the ledger existed gets their summaries, whether or not it is seeded
 * again. One statement when the ledger is filled; processes starting together take turns.
 */
export async function fillLedger(orm: Orm): Promise<void> {
  await forkForSystem(orm.em).transactional(async (em) => {
    await lockLedger(em);
    await replayPublications(em);
  });
}

/** Checks `region`/`district` arguments: exactly one, a district as a 5-digit Kreisschlüssel. */
function areaArgument(region: RegionCode | null, district: string | null): AreaKey {
  const v = new InputValidator();
  v.check((region == null) !== (district == null), 'region', 'give exactly one of region or district');
  // The shared rule, in the wording clients of this query already know.
  if (district != null) v.rule(districtCodeSchema, district, 'district', 'must be a 5-digit Kreisschlüssel');
  v.throwIfInvalid();
  return region != null ? { level: AreaLevel.REGION, code: region } : { level: AreaLevel.DISTRICT, code: district! };
}

function summaryOf(published: PublishedFigures): SummaryValue {
  const { areaCode: _, ...summary } = published;
  return summary;
}

/** The area's latest published summary; null while none was published (or the district is unknown). */
export async function assessmentSummary(
  ctx: Context,
  region: RegionCode | null,
  district: string | null,
): Promise<SummaryValue | null> {
  const published = await latestPublished(ctx.em, areaArgument(region, district));
  return published && summaryOf(published);
}

/** Every region's or every district's latest published summary, null where none was published. */
export async function assessmentSummaries(ctx: Context, level: AreaLevel): Promise<AreaSummaryValue[]> {
  const directory = areaDirectory();
  const published = new Map((await latestPublishedPerArea(ctx.em, level)).map((p) => [p.areaCode, summaryOf(p)]));
  if (level === AreaLevel.REGION) {
    return directory.regions.map((region) => ({
      level,
      region,
      district: null,
      summary: published.get(region) ?? null,
    }));
  }
  return directory.districts.map((code) => ({
    level,
    region: directory.regionOfDistrict.get(code)!,
    district: { code },
    summary: published.get(code) ?? null,
  }));
}

/**
 * Per period, from the one of the area's first publication to the current one, the summary
 * in force at the period's end (or now): the last one published up to then.
 */
export async function assessmentTrend(
  ctx: Context,
  region: RegionCode | null,
  district: string | null,
  interval: TimeInterval,
): Promise<PeriodValue[]> {
  const { periods, current } = await lastPublishedPerPeriod(ctx.em, areaArgument(region, district), interval);
  if (periods.length === 0) return [];
  const byPeriod = new Map(periods.map(({ period, published }) => [period, summaryOf(published)]));
  const last = periods.at(-1)!.period > current ? periods.at(-1)!.period : current;
  let inForce: SummaryValue | undefined;
  return periodsBetween(interval, periods[0]!.period, last).map((period) => {
    inForce = byPeriod.get(period) ?? inForce;
    return { period, summary: inForce! };
  });
}
