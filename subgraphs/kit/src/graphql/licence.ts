import { registerEnumType } from 'type-graphql';

/**
 * The licence an owner gives a practice, module or event description. Null means nobody
 * has said: the record is then shown and exported as "licence unknown", never as open.
 */
export enum LicenceCode {
  CC_BY_4_0 = 'CC_BY_4_0',
  CC_BY_SA_4_0 = 'CC_BY_SA_4_0',
  CC0_1_0 = 'CC0_1_0',
  DL_DE_BY_2_0 = 'DL_DE_BY_2_0',
  DL_DE_ZERO_2_0 = 'DL_DE_ZERO_2_0',
}

export interface LicenceInfo {
  /** Short identifier, as licence notices write it. */
  id: string;
  /** German name. */
  label: string;
  /** The licence's entry in the DCAT-AP.de licence vocabulary (what `dct:license` names). */
  uri: string;
  /** Where the licence text is published. */
  textUrl: string;
  /** Reusers must name the source. */
  attribution: boolean;
}

export const LICENCES: Readonly<Record<LicenceCode, LicenceInfo>> = Object.freeze({
  [LicenceCode.CC_BY_4_0]: {
    id: 'CC-BY-4.0',
    label: 'Creative Commons Namensnennung 4.0 International',
    uri: 'http://dcat-ap.de/def/licenses/cc-by/4.0',
    textUrl: 'https://creativecommons.org/licenses/by/4.0/deed.de',
    attribution: true,
  },
  [LicenceCode.CC_BY_SA_4_0]: {
    id: 'CC-BY-SA-4.0',
    label: 'Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International',
    uri: 'http://dcat-ap.de/def/licenses/cc-by-sa/4.0',
    textUrl: 'https://creativecommons.org/licenses/by-sa/4.0/deed.de',
    attribution: true,
  },
  [LicenceCode.CC0_1_0]: {
    id: 'CC0-1.0',
    label: 'Creative Commons Zero 1.0 Universell (gemeinfrei)',
    uri: 'http://dcat-ap.de/def/licenses/cc-zero',
    textUrl: 'https://creativecommons.org/publicdomain/zero/1.0/deed.de',
    attribution: false,
  },
  [LicenceCode.DL_DE_BY_2_0]: {
    id: 'dl-de/by-2-0',
    label: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    uri: 'http://dcat-ap.de/def/licenses/dl-by-de/2.0',
    textUrl: 'https://www.govdata.de/dl-de/by-2-0',
    attribution: true,
  },
  [LicenceCode.DL_DE_ZERO_2_0]: {
    id: 'dl-de/zero-2-0',
    label: 'Datenlizenz Deutschland – Zero – Version 2.0',
    uri: 'http://dcat-ap.de/def/licenses/dl-zero-de/2.0',
    textUrl: 'https://www.govdata.de/dl-de/zero-2-0',
    attribution: false,
  },
});

registerEnumType(LicenceCode, {
  name: 'LicenceCode',
  description:
    'An open licence for a description shared on the hub. A null licence means the owner has not chosen one (unknown; not open).',
  valuesConfig: Object.fromEntries(
    Object.entries(LICENCES).map(([code, l]) => [code, { description: `${l.label} (${l.id}), ${l.textUrl}` }]),
  ),
});

/** The column width the code needs. */
export const LICENCE_CODE_LENGTH = 20;
