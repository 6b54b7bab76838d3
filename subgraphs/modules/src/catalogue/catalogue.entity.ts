import { defineEntity, p } from '@mikro-orm/core';
import { slugCheck } from '@welcome-hub/kit';

/** A quality area of the Quick-Check catalogue. */
export const AreaEntity = defineEntity({
  name: 'QualityArea',
  tableName: 'quality_area',
  properties: {
    key: p.string().length(60).primary().check(slugCheck('key')),
    title: p.string().length(200),
    position: p.integer(),
  },
});
export type AreaRow = InstanceType<typeof AreaEntity.class>;

/** A Quick-Check criterion; its key is stable and referenced by assessments and practices. */
export const CriterionEntity = defineEntity({
  name: 'Criterion',
  tableName: 'criterion',
  checks: [{ name: 'criterion_scale', expression: '"scale_max" > "scale_min"' }],
  properties: {
    key: p.string().length(60).primary().check(slugCheck('key')),
    areaKey: p.manyToOne(AreaEntity).mapToPk().fieldName('area_key').foreignKeyName('criterion_area_key_fkey').index(),
    title: p.string().length(200),
    guidance: p.text(),
    scaleMin: p.integer(),
    scaleMax: p.integer(),
    required: p.boolean(),
    position: p.integer(),
    example: p.boolean(),
    source: p.text().nullable(),
  },
});
export type CriterionRow = InstanceType<typeof CriterionEntity.class>;
