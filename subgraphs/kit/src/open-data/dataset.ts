import type { EntitySchema } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';
import { LICENCES, LicenceCode, type LicenceInfo } from '../graphql/licence.js';
import { isSlug } from '../rules/slug.js';

/** A value of an exported record, as the API gives it: enum codes, ISO dates, lists as arrays. */
export type OpenDataValue = string | number | boolean | null | readonly string[];
export type OpenDataRecord = Readonly<Record<string, OpenDataValue>>;

/** SQL text with `?` placeholders and their values, in order. */
export interface SqlQuery {
  sql: string;
  params: readonly unknown[];
}

/** One column of a file: its name in the CSV header and the JSON records, and where its value comes from. */
export interface OpenDataColumn {
  /** Lower-case English snake_case. */
  name: string;
  /** What it holds (German), for the catalogue. */
  description: string;
  /** SQL expression over the dataset's FROM clause; a function when it depends on the migrated schema. */
  sql: string | ((orm: Orm) => string);
  /** Turns the selected value into the exported one (default: as selected). */
  map?: (value: unknown) => OpenDataValue;
}

/**
 * On what terms a dataset may be reused. Only what a source or an owner has stated: a
 * dataset without a stated licence says so and names none.
 */
export type DatasetRights =
  /** One licence for every record, e.g. the Destatis figures (dl-de/by-2-0) with their attribution. */
  | { kind: 'licence'; licence: LicenceCode; attribution?: string }
  /** Each record names its own licence in `licence_id`/`licence_uri`; empty there means unknown. */
  | { kind: 'per-record'; note: string }
  /** Nobody has stated a licence (yet): `note` says so in German. */
  | { kind: 'unknown'; note: string };

/** A file pair /open-data/<name>.csv and .json, served by the subgraph that owns its records. */
export interface OpenDataset {
  /** Kebab-case file name without extension, e.g. "module-adoptions". */
  name: string;
  /** German title, for the catalogue. */
  title: string;
  /** German description, for the catalogue. */
  description: string;
  /** German keywords (dcat:keyword). */
  keywords: readonly string[];
  /** EU data theme code (http://publications.europa.eu/resource/authority/data-theme/…), e.g. "REGI". */
  theme: string;
  rights: DatasetRights;
  columns: readonly OpenDataColumn[];
  /**
   * The FROM (joins, WHERE, ORDER BY) of the one statement that reads every record, in file
   * order. Only what the public may see: visibility rules belong here, in SQL.
   */
  from(orm: Orm): SqlQuery;
  /** Audited entities whose writes change the records: their newest audit entry dates the dataset. */
  changedBy: readonly EntitySchema<any, any>[];
}

/** What a subgraph's /open-data/meta/<subgraph>.json says about one of its datasets. */
export interface DatasetMeta {
  name: string;
  title: string;
  description: string;
  keywords: string[];
  theme: string;
  /** The dataset's licence; null when records carry their own or none is known. */
  licence: LicenceInfo | null;
  /** Attribution the licence requires (German); null when none is required or known. */
  attribution: string | null;
  /** German statement of the rights where no single licence applies; null otherwise. */
  rights: string | null;
  /** Records carry `licence_id`/`licence_uri`. */
  perRecordLicence: boolean;
  columns: { name: string; description: string }[];
  /** Number of records in the files right now. */
  records: number;
  /** ISO timestamp of the newest change of its records; null when none is recorded. */
  modified: string | null;
}

/** The body of /open-data/meta/<subgraph>.json. */
export interface SubgraphOpenDataMeta {
  subgraph: string;
  datasets: DatasetMeta[];
}

const COLUMN_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Throws on a dataset whose names break the file conventions: a programming error, caught at start. */
export function checkDataset(dataset: OpenDataset): void {
  if (!isSlug(dataset.name)) throw new TypeError(`Open-data dataset name "${dataset.name}" must be kebab-case.`);
  const names = dataset.columns.map((c) => c.name);
  const bad = names.filter((n) => !COLUMN_NAME.test(n));
  if (bad.length > 0)
    throw new TypeError(`Open-data columns of ${dataset.name} must be snake_case: ${bad.join(', ')}.`);
  if (new Set(names).size !== names.length) throw new TypeError(`Open-data columns of ${dataset.name} repeat a name.`);
}

/** The licence a stored code names, or null: unknown codes and free text are never guessed at. */
export function licenceOf(code: unknown): LicenceInfo | null {
  return typeof code === 'string' && Object.hasOwn(LICENCES, code) ? LICENCES[code as LicenceCode] : null;
}

/** The dataset licence's metadata, or null. */
export function datasetLicence(rights: DatasetRights): LicenceInfo | null {
  return rights.kind === 'licence' ? LICENCES[rights.licence] : null;
}

/** SQL rendering a timestamptz as the API does (ISO 8601, UTC, milliseconds), the same on PGlite and PostgreSQL. */
export function isoTimestamp(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The `licence_id` and `licence_uri` columns of a record-licensed dataset, read from the
 * entity's `licence` code. Until the entity has that property (its migration may land
 * later), both stay empty: unknown, never invented.
 */
export function licenceColumns(entity: EntitySchema<any, any>, alias: string): OpenDataColumn[] {
  const sql = () => (entity.meta.properties.licence ? `${alias}."licence"` : 'null::varchar');
  return [
    {
      name: 'licence_id',
      description:
        'Kennung der Lizenz, die die Eigentümerin für diesen Eintrag gewählt hat (z. B. CC-BY-4.0); leer: Lizenz unbekannt',
      sql,
      map: (v) => licenceOf(v)?.id ?? null,
    },
    {
      name: 'licence_uri',
      description: 'URI der Lizenz im DCAT-AP.de-Lizenzvokabular; leer: Lizenz unbekannt',
      sql,
      map: (v) => licenceOf(v)?.uri ?? null,
    },
  ];
}
