import { registerEnumType } from 'type-graphql';

/** The two regions of the hub; shared by every subgraph so that the enum composes. */
export enum RegionCode {
  SUEDWESTFALEN = 'SUEDWESTFALEN',
  RUHR = 'RUHR',
}

registerEnumType(RegionCode, {
  name: 'RegionCode',
  description: 'A region of the hub.',
  valuesConfig: {
    SUEDWESTFALEN: {
      description:
        'Südwestfalen: the 59 municipalities of Hochsauerlandkreis, Märkischer Kreis, Kreis Olpe, Kreis Siegen-Wittgenstein and Kreis Soest.',
    },
    RUHR: { description: 'Ruhr: the 53 municipalities of the Regionalverband Ruhr (RVR).' },
  },
});
