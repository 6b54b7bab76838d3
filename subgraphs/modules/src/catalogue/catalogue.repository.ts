import type { Em } from '@welcome-hub/kit';
import { AreaEntity, CriterionEntity, type AreaRow, type CriterionRow } from './catalogue.entity.js';

/** The quality areas in catalogue order. */
export function listAreas(em: Em): Promise<AreaRow[]> {
  return em.find(AreaEntity, {}, { orderBy: { position: 'asc' } });
}

/** The criteria in catalogue order. */
export function listCriteria(em: Em): Promise<CriterionRow[]> {
  return em.find(CriterionEntity, {}, { orderBy: { position: 'asc' } });
}

export function findArea(em: Em, key: string): Promise<AreaRow | null> {
  return em.findOne(AreaEntity, { key });
}

export function findCriterion(em: Em, key: string): Promise<CriterionRow | null> {
  return em.findOne(CriterionEntity, { key });
}

/** A criterion known to exist (`em` may be a transaction's, which has not loaded it yet). */
export function getCriterion(em: Em, key: string): Promise<CriterionRow> {
  return em.findOneOrFail(CriterionEntity, { key });
}

/** How many quality areas there are: a new one is placed after them. */
export function countAreas(em: Em): Promise<number> {
  return em.count(AreaEntity, {});
}

/** How many criteria there are: a new one is placed after them. */
export function countCriteria(em: Em): Promise<number> {
  return em.count(CriterionEntity, {});
}
