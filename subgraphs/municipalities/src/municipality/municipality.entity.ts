import { defineEntity, p } from '@mikro-orm/core';
import { agsCheck } from '@welcome-hub/kit';
import { DistrictEntity } from '../district/district.entity.js';

/** A municipality (Gemeinde or Stadt), keyed by its 8-digit AGS. Statistics are official Destatis figures. */
export const MunicipalityEntity = defineEntity({
  name: 'Municipality',
  tableName: 'municipality',
  properties: {
    ags: p.string().length(8).primary().check(agsCheck('ags')),
    name: p.string().length(120),
    officialName: p.string().length(200),
    kind: p.string().length(20).check(`"kind" in ('STADT', 'GEMEINDE')`),
    districtCode: p
      .manyToOne(DistrictEntity)
      .mapToPk()
      .fieldName('district_code')
      .foreignKeyName('municipality_district_code_fkey')
      .index(),
    region: p.string().length(20).index().check(`"region" in ('SUEDWESTFALEN', 'RUHR')`),
    population: p.integer().nullable().check(`"population" >= 0`),
    populationDate: p.date().nullable(),
    areaKm2: p.float().columnType('double precision').nullable(),
    // `between` as PostgreSQL stores it, so the schema generator reads the same expression.
    latitude: p.float().columnType('double precision').nullable().check(`"latitude" >= -90 and "latitude" <= 90`),
    longitude: p.float().columnType('double precision').nullable().check(`"longitude" >= -180 and "longitude" <= 180`),
    postalCode: p.string().length(5).nullable(),
    source: p.text(),
  },
});
export type MunicipalityRow = InstanceType<typeof MunicipalityEntity.class>;
