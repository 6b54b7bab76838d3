import { PgliteDriver } from '@mikro-orm/pglite';
import type { Orm } from '../db/orm.js';
import { AUDIT_TABLE } from '../audit/audit-log.js';
import {
  checkDataset,
  datasetLicence,
  type DatasetMeta,
  type OpenDataRecord,
  type OpenDataset,
  type SqlQuery,
} from './dataset.js';

type Row = Record<string, unknown>;

/** Rows fetched per cursor round trip on the PostgreSQL server. */
const CURSOR_CHUNK = 500;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The one SELECT of a dataset's file: every column under its exported name. */
export function recordsQuery(orm: Orm, dataset: OpenDataset): SqlQuery {
  checkDataset(dataset);
  const from = dataset.from(orm);
  const columns = dataset.columns.map((c) => `${typeof c.sql === 'function' ? c.sql(orm) : c.sql} as ${quote(c.name)}`);
  return { sql: `select ${columns.join(', ')} ${from.sql}`, params: from.params };
}

/**
 * Reads the rows of one statement as they come. On the PostgreSQL server through a cursor
 * (MikroORM's connection stream, pg-cursor underneath), a chunk at a time, so a file of any
 * size never sits in memory. PGlite runs inside this process and its driver cannot stream:
 * there the statement returns all rows at once, which costs nothing a server would.
 */
export async function* readRows(orm: Orm, query: SqlQuery): AsyncGenerator<Row> {
  const connection = orm.em.getConnection();
  if (orm.em.getDriver() instanceof PgliteDriver) {
    yield* (await connection.execute(query.sql, [...query.params])) as Row[];
    return;
  }
  yield* connection.stream<Row>(query.sql, [...query.params], undefined, undefined, CURSOR_CHUNK);
}

/** A dataset's records in file order: one statement, whatever their number. */
export async function* readRecords(orm: Orm, dataset: OpenDataset): AsyncGenerator<OpenDataRecord> {
  for await (const row of readRows(orm, recordsQuery(orm, dataset))) {
    const record: Record<string, unknown> = {};
    for (const column of dataset.columns) {
      const value = row[column.name] ?? null;
      record[column.name] = column.map ? column.map(value) : value;
    }
    yield record as OpenDataRecord;
  }
}

/** SQL for the newest audit entry of the dataset's entities, as an ISO timestamp (null when none). */
function modifiedSql(orm: Orm, dataset: OpenDataset): SqlQuery {
  const entities = dataset.changedBy.map((e) => e.meta.className);
  if (entities.length === 0) return { sql: 'null::text', params: [] };
  const table = `${quote(orm.config.get('schema') ?? 'public')}.${quote(AUDIT_TABLE)}`;
  return {
    sql: `(select to_char(max("at") at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from ${table} where "entity" in (${entities.map(() => '?').join(', ')}))`,
    params: entities,
  };
}

/**
 * When the dataset's records last changed: the newest write the audit trail holds for its
 * entities (every write of an audited entity leaves one, the seed's included). A write to
 * a record the file does not show (a draft) counts too: the date errs towards "newer",
 * which only costs a cache a refetch. One statement.
 */
export async function lastModified(orm: Orm, dataset: OpenDataset): Promise<Date | null> {
  const modified = modifiedSql(orm, dataset);
  const [row] = (await orm.em
    .getConnection()
    .execute(`select ${modified.sql} as "modified"`, [...modified.params])) as { modified: string | null }[];
  return row?.modified ? new Date(row.modified) : null;
}

/** The dataset's entry in its subgraph's meta file: record count and modification time in one statement. */
export async function datasetMeta(orm: Orm, dataset: OpenDataset): Promise<DatasetMeta> {
  const records = recordsQuery(orm, dataset);
  const modified = modifiedSql(orm, dataset);
  const [row] = (await orm.em
    .getConnection()
    .execute(`select (select count(*)::int from (${records.sql}) as "r") as "records", ${modified.sql} as "modified"`, [
      ...records.params,
      ...modified.params,
    ])) as {
    records: number;
    modified: string | null;
  }[];
  const { rights } = dataset;
  return {
    name: dataset.name,
    title: dataset.title,
    description: dataset.description,
    keywords: [...dataset.keywords],
    theme: dataset.theme,
    licence: datasetLicence(rights),
    attribution: rights.kind === 'licence' ? (rights.attribution ?? null) : null,
    rights: rights.kind === 'licence' ? null : rights.note,
    perRecordLicence: rights.kind === 'per-record',
    columns: dataset.columns.map((c) => ({ name: c.name, description: c.description })),
    records: Number(row.records),
    modified: row.modified ? new Date(row.modified).toISOString() : null,
  };
}
