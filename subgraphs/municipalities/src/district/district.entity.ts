import { defineEntity, p } from '@mikro-orm/core';
import { districtCodeCheck } from '@welcome-hub/kit';

/** A Kreis or a kreisfreie Stadt, keyed by its 5-digit Kreisschlüssel (the AGS prefix). */
export const DistrictEntity = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    code: p.string().length(5).primary().check(districtCodeCheck('code')),
    name: p.string().length(120),
    kind: p.string().length(20).check(`"kind" in ('KREIS', 'KREISFREIE_STADT')`),
    region: p.string().length(20).check(`"region" in ('SUEDWESTFALEN', 'RUHR')`),
    source: p.text(),
  },
});
export type DistrictRow = InstanceType<typeof DistrictEntity.class>;
