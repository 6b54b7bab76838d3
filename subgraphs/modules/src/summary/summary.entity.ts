import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType, idProperty } from '@welcome-hub/kit';
import type { AreaScoreValue, ScoreSummaryValue } from '../assessment/scoring.js';

/**
 * One published Quick-Check summary of a region or district: which assessments it covers and
 * the figures computed from them. The public queries read only these rows, never the
 * assessments themselves (summary.rule.ts decides when a new one may appear).
 */
export const PublishedSummaryEntity = defineEntity({
  name: 'PublishedSummary',
  tableName: 'published_summary',
  // An area's summaries, newest first: every public query reads the latest ones.
  indexes: [{ name: 'published_summary_area_index', properties: ['areaLevel', 'areaCode', 'publishedAt'] }],
  checks: [
    {
      name: 'published_summary_contributors',
      expression: 'cardinality("assessment_ids") = "contributing_municipalities"',
    },
  ],
  properties: {
    ...idProperty(),
    /** An AreaLevel. */
    areaLevel: p.string().length(10).check(`"area_level" in ('REGION', 'DISTRICT')`),
    /** A RegionCode or a 5-digit Kreisschlüssel. */
    areaCode: p.string().length(20),
    publishedAt: p.datetime(),
    // MIN_CONTRIBUTORS (summary.rule.ts), enforced by the database too.
    contributingMunicipalities: p.integer().check(`"contributing_municipalities" >= 3`),
    assessmentIds: p.array().type(TextArrayType).columnType('uuid[]'),
    overall: p.json<ScoreSummaryValue>(),
    areas: p.json<AreaScoreValue[]>(),
  },
});
export type PublishedSummaryRow = InstanceType<typeof PublishedSummaryEntity.class>;
