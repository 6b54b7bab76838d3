import { defineEntity, p } from '@mikro-orm/core';

/** A quality area of the Quick-Check catalogue. */
export const AreaEntity = defineEntity({
  name: 'QualityArea',
  tableName: 'quality_area',
  properties: {
    key: p.string().length(60).primary(),
    title: p.string().length(200),
    position: p.integer(),
  },
});
export type AreaRow = InstanceType<typeof AreaEntity.class>;

/** A Quick-Check criterion; its key is stable and referenced by assessments and practices. */
export const CriterionEntity = defineEntity({
  name: 'Criterion',
  tableName: 'criterion',
  properties: {
    key: p.string().length(60).primary(),
    areaKey: p.string().length(60).index(),
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
