import { defineEntity, p } from '@mikro-orm/core';

/** A Kreis or a kreisfreie Stadt, keyed by its 5-digit Kreisschlüssel (the AGS prefix). */
export const DistrictEntity = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    code: p.string().length(5).primary(),
    name: p.string().length(120),
    kind: p.string().length(20),
    region: p.string().length(20),
    source: p.text(),
  },
});
export type DistrictRow = InstanceType<typeof DistrictEntity.class>;
