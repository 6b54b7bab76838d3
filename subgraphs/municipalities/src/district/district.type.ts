import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { RegionCode } from '../shared/region.js';

export enum DistrictKind {
  KREIS = 'KREIS',
  KREISFREIE_STADT = 'KREISFREIE_STADT',
}

registerEnumType(DistrictKind, {
  name: 'DistrictKind',
  description: 'Whether a district is a Kreis or a city that forms its own district.',
  valuesConfig: {
    KREIS: { description: 'A Kreis with several municipalities.' },
    KREISFREIE_STADT: { description: 'A kreisfreie Stadt: a city that is its own district.' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType('District', {
  description: 'A district (Kreis or kreisfreie Stadt) as in the Destatis Gemeindeverzeichnis.',
})
export class District {
  @Field(() => ID, { description: 'Kreisschlüssel: the first five digits of its municipalities\' AGS, e.g. "05970".' })
  code!: string;

  @Field({ description: 'Name, e.g. "Kreis Siegen-Wittgenstein" or "Dortmund (kreisfreie Stadt)".' })
  name!: string;

  @Field(() => DistrictKind, { description: 'Kreis or kreisfreie Stadt.' })
  kind!: DistrictKind;

  @Field(() => RegionCode, { description: 'Region the district belongs to.' })
  region!: RegionCode;

  @Field({ description: 'Where the record comes from.' })
  source!: string;
}
