import { defineEntity, p } from '@mikro-orm/core';

/** A municipality (Gemeinde or Stadt), keyed by its 8-digit AGS. Statistics are official Destatis figures. */
export const MunicipalityEntity = defineEntity({
  name: 'Municipality',
  tableName: 'municipality',
  properties: {
    ags: p.string().length(8).primary(),
    name: p.string().length(120),
    officialName: p.string().length(200),
    kind: p.string().length(20),
    districtCode: p.string().length(5).index(),
    region: p.string().length(20).index(),
    population: p.integer().nullable(),
    populationDate: p.date().nullable(),
    areaKm2: p.float().columnType("double precision").nullable(),
    latitude: p.float().columnType("double precision").nullable(),
    longitude: p.float().columnType("double precision").nullable(),
    postalCode: p.string().length(5).nullable(),
    source: p.text(),
  },
});
export type MunicipalityRow = InstanceType<typeof MunicipalityEntity.class>;
