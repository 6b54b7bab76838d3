import { allOf, findByKeys, type Condition, type Em, type PageWindow } from '@welcome-hub/kit';
import type { FieldOfAction, PracticeKind, PracticeStatus, TargetGroup } from '../shared/vocabulary.js';
import { PracticeEntity, type PracticeRow } from './practice.entity.js';
import { practiceOrderBy, type PracticeOrder } from './practice.order.js';

export interface PracticeQuery {
  municipality?: string | null;
  cooperation?: string | null;
  region?: string | null;
  district?: string | null;
  targetGroup?: TargetGroup | null;
  fieldOfAction?: FieldOfAction | null;
  kind?: PracticeKind | null;
  status?: PracticeStatus | null;
}

const ORDER = { title: 'asc', id: 'asc' } as const;

/** `visible` is the caller's visibility (practice.visibility.ts); every lookup for a list applies it. */
function where(query: PracticeQuery, visible: Condition): Condition {
  const conditions: Condition[] = [visible];
  if (query.municipality) conditions.push({ ownerAgs: query.municipality });
  if (query.cooperation) conditions.push({ ownerCooperation: query.cooperation });
  if (query.region) conditions.push({ ownerRegion: query.region });
  if (query.district) conditions.push({ ownerDistrict: query.district });
  if (query.kind) conditions.push({ kind: query.kind });
  if (query.status) conditions.push({ status: query.status });
  if (query.targetGroup) conditions.push({ targetGroups: { $contains: [query.targetGroup] } });
  if (query.fieldOfAction) conditions.push({ fieldsOfAction: { $contains: [query.fieldOfAction] } });
  return allOf(...conditions);
}

export async function findPracticePage(
  em: Em,
  query: PracticeQuery,
  visible: Condition,
  window: PageWindow,
  order?: PracticeOrder | null,
): Promise<{ rows: PracticeRow[]; total: number }> {
  const [rows, total] = await em.findAndCount(PracticeEntity, where(query, visible) as never, {
    orderBy: practiceOrderBy(order) as never,
    offset: window.offset,
    limit: window.limit,
  });
  return { rows, total };
}

export function findPractice(em: Em, id: string): Promise<PracticeRow | null> {
  return em.findOne(PracticeEntity, { id });
}

/** A practice known to exist, as `em` (a transaction's, say) reads it now. */
export function getPractice(em: Em, id: string): Promise<PracticeRow> {
  return em.findOneOrFail(PracticeEntity, { id });
}

export function findPracticesByIds(em: Em, ids: readonly string[]): Promise<PracticeRow[]> {
  return em.find(PracticeEntity, { id: { $in: [...ids] } });
}

export function findPracticesBySlugs(em: Em, slugs: readonly string[]): Promise<PracticeRow[]> {
  return em.find(PracticeEntity, { slug: { $in: [...slugs] } });
}

/** Every listed practice of the given municipalities, in title order. */
export function findByOwnerAgs(em: Em, ags: readonly string[], listed: Condition): Promise<PracticeRow[]> {
  return findByKeys(em, PracticeEntity, 'ownerAgs', ags, { orderBy: ORDER, where: listed });
}

export function findByOwnerCooperations(em: Em, slugs: readonly string[], listed: Condition): Promise<PracticeRow[]> {
  return findByKeys(em, PracticeEntity, 'ownerCooperation', slugs, { orderBy: ORDER, where: listed });
}

/** Listed practices addressing any of the given criteria. */
export function findByCriteria(em: Em, keys: readonly string[], listed: Condition): Promise<PracticeRow[]> {
  return em.find(PracticeEntity, allOf(listed, { criteria: { $overlap: [...keys] } }) as never, { orderBy: ORDER });
}

/** Listed direct adaptations of the given practices. */
export function findAdaptationsOf(em: Em, ids: readonly string[], listed: Condition): Promise<PracticeRow[]> {
  return em.find(PracticeEntity, allOf(listed, { adaptedFromId: { $in: [...ids] } }) as never, {
    orderBy: { adaptedAt: 'asc', id: 'asc' },
  });
}
