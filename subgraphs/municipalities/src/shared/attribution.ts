import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Source and licence of official statistics; show it wherever the figures are displayed.' })
export class DataAttribution {
  @Field({ description: 'Attribution text to display (German), as the licence requires.' })
  text!: string;

  @Field({ description: 'Licence identifier.' })
  licence!: string;

  @Field({ description: 'Where the licence text is published.' })
  licenceUrl!: string;
}

/** Destatis' required attribution (dl-de/by-2-0), with the BKG credit for coordinates; see subgraphs/reference/data/SOURCES.md. */
export const OFFICIAL_STATISTICS_ATTRIBUTION: DataAttribution = Object.freeze({
  text:
    'Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD (Gebietsstand 31.10.2025; ' +
    'Bevölkerung 31.12.2024 auf Basis Zensus 2022; Fläche 31.12.2024) und Gemeindeverzeichnis-Informationssystem GV-ISys, ' +
    'Auszug 31.12.2023 (Mittelpunktkoordinaten: © GeoBasis-DE / BKG); im Auftrag der Herausgebergemeinschaft ' +
    'Statistische Ämter des Bundes und der Länder; Datenlizenz Deutschland – Namensnennung – Version 2.0 ' +
    '(dl-de/by-2-0, www.govdata.de/dl-de/by-2-0); Daten auszugsweise entnommen und umformatiert.',
  licence: 'dl-de/by-2-0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
});
