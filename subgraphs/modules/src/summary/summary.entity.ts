import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType } from '@welcome-hub/kit';
import type { AreaScoreValue, ScoreSummaryValue } from '../assessment/scoring.js';

/**
 * One published Quick-Check summary of a region or district: which assessments it covers and
 * the figures computed from them. The public queries read only these rows, never the
 * assessments themselves (summary.rule.ts decides when a new one may appear).
 */
export const PublishedSummaryEntity = defineEntity({
  name: 'PublishedSummary',
  tableName: 'published_summary',
  properties: {
    id: p.uuid().primary(),
    /** An AreaLevel. */
    areaLevel: p.string().length(10),
    /** A RegionCode or a 5-digit Kreisschlüssel. */
    areaCode: p.string().length(20),
    publishedAt: p.datetime(),
    contributingMunicipalities: p.integer(),
    assessmentIds: p.array().type(TextArrayType).columnType('uuid[]'),
    overall: p.json<ScoreSummaryValue>(),
    areas: p.json<AreaScoreValue[]>(),
  },
});
export type PublishedSummaryRow = InstanceType<typeof PublishedSummaryEntity.class>;
