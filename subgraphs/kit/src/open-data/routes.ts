import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Orm } from '../db/orm.js';
import type { Handler } from '../server/http.js';
import type { RouteContext } from '../server/subgraph.js';
import {
  checkDataset,
  datasetLicence,
  type OpenDataRecord,
  type OpenDataset,
  type SubgraphOpenDataMeta,
} from './dataset.js';
import { datasetMeta, lastModified, readRecords } from './rows.js';

export type OpenDataFormat = 'csv' | 'json';

/** Media types of the files; `header=present` tells CSV readers the first line names the columns (RFC 4180). */
export const OPEN_DATA_MEDIA_TYPES: Readonly<Record<OpenDataFormat, string>> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

/** Separates the values of a list column in CSV cells (JSON keeps arrays). */
export const CSV_LIST_SEPARATOR = '|';

const CACHE_CONTROL = 'public, max-age=300';

/** Where a subgraph's datasets are described for the gateway's catalogue. */
export const openDataMetaPath = (subgraph: string) => `/open-data/meta/${subgraph}.json`;

/** The catalogue's address, which every file links to as its description. */
export const openDataCatalogUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/open-data/catalog.jsonld`;

function refuseMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res
    .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
    .end('Only GET and HEAD are allowed here.');
  return true;
}

/** True when the client's copy (If-Modified-Since) is as new as `modified`, at HTTP's one-second precision. */
function unchangedSince(req: IncomingMessage, modified: Date): boolean {
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

/** CSV per RFC 4180 by csv-stringify: a header row, CRLF line ends, quoting where a value needs it. */
function csvStringifier(dataset: OpenDataset): Transform {
  return stringify({
    header: true,
    columns: dataset.columns.map((c) => c.name),
    record_delimiter: 'windows',
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      object: (value) => (Array.isArray(value) ? value.join(CSV_LIST_SEPARATOR) : JSON.stringify(value)),
    },
  });
}

/** The JSON file, written as it is read: its head, then one record after another. */
async function* jsonChunks(
  head: Record<string, unknown>,
  records: AsyncIterable<OpenDataRecord>,
): AsyncGenerator<string> {
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"records":[`;
  let first = true;
  for await (const record of records) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
    first = false;
  }
  yield '\n]}\n';
}

/** Bytes gathered before a write to the response. */
const WRITE_BYTES = 64 * 1024;

/**
 * Gathers the per-record chunks into writes of about WRITE_BYTES: the edge compresses every
 * write separately, and one write per record made a 6 800-row file take 430 ms with gzip
 * instead of 80 ms without (npm run bench:dashboards); gathered, both cost about the same.
 */
function batched(): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      pending.push(buffer);
      size += buffer.length;
      if (size >= WRITE_BYTES) {
        this.push(Buffer.concat(pending));
        pending = [];
        size = 0;
      }
      done();
    },
    flush(done) {
      if (size > 0) this.push(Buffer.concat(pending));
      done();
    },
  });
}

/** A client that leaves mid-file ends the stream (and the cursor with it); nothing to report. */
const clientLeft = (error: unknown, res: ServerResponse) =>
  (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' && res.destroyed;

/** What the JSON file says before its records: the dataset, its licence and attribution, or why it has none. */
function fileHead(dataset: OpenDataset, modified: Date | null, catalog: string): Record<string, unknown> {
  const licence = datasetLicence(dataset.rights);
  return {
    dataset: dataset.name,
    title: dataset.title,
    licence: licence && { id: licence.id, label: licence.label, uri: licence.uri, textUrl: licence.textUrl },
    attribution: dataset.rights.kind === 'licence' ? (dataset.rights.attribution ?? null) : null,
    rights: dataset.rights.kind === 'licence' ? null : dataset.rights.note,
    modified: modified?.toISOString() ?? null,
    catalog,
  };
}

function fileHandler(orm: Orm, context: RouteContext, dataset: OpenDataset, format: OpenDataFormat): Handler {
  const catalog = openDataCatalogUrl(context.publicUrl);
  const licence = datasetLicence(dataset.rights);
  const links = [
    `<${catalog}>; rel="describedby"; type="application/ld+json"`,
    ...(licence ? [`<${licence.uri}>; rel="license"`] : []),
  ];
  return async (req, res) => {
    if (refuseMethod(req, res)) return;
    const modified = await lastModified(orm, dataset);
    const headers: Record<string, string> = {
      'cache-control': CACHE_CONTROL,
      link: links.join(', '),
      // Open data is meant for dashboards in other origins; nothing here depends on credentials.
      'access-control-allow-origin': '*',
      ...(modified ? { 'last-modified': modified.toUTCString() } : {}),
    };
    if (modified && unchangedSince(req, modified)) return void res.writeHead(304, headers).end();
    if (req.method === 'HEAD')
      return void res.writeHead(200, { ...headers, 'content-type': OPEN_DATA_MEDIA_TYPES[format] }).end();

    // The statement runs before the status is sent: a failing one is a 500, not a truncated file.
    const rest = readRecords(orm, dataset);
    try {
      const first = await rest.next();
      const records = (async function* () {
        if (first.done) return;
        yield first.value;
        yield* rest;
      })();
      res.writeHead(200, { ...headers, 'content-type': OPEN_DATA_MEDIA_TYPES[format] });
      if (format === 'csv') await pipeline(Readable.from(records), csvStringifier(dataset), batched(), res);
      else await pipeline(Readable.from(jsonChunks(fileHead(dataset, modified, catalog), records)), batched(), res);
    } catch (error) {
      if (!clientLeft(error, res)) throw error;
    } finally {
      // However the response ended, the cursor closes and its connection returns to the pool.
      await rest.return(undefined);
    }
  };
}

/**
 * The plain HTTP routes of a subgraph's open data (for `SubgraphDefinition.httpRoutes`):
 * /open-data/<dataset>.csv and .json for each dataset, streamed with two statements each
 * (modification time, records) whatever the number of records, and
 * /open-data/meta/<subgraph>.json describing them for the catalogue, one statement per dataset.
 */
export function openDataRoutes(
  subgraph: string,
  datasets: readonly OpenDataset[],
): (orm: Orm, context: RouteContext) => Record<string, Handler> {
  for (const dataset of datasets) checkDataset(dataset);
  return (orm, context) => {
    const routes: Record<string, Handler> = {};
    for (const dataset of datasets) {
      for (const format of ['csv', 'json'] as const)
        routes[`/open-data/${dataset.name}.${format}`] = fileHandler(orm, context, dataset, format);
    }
    routes[openDataMetaPath(subgraph)] = async (req, res) => {
      if (refuseMethod(req, res)) return;
      const meta: SubgraphOpenDataMeta = { subgraph, datasets: [] };
      for (const dataset of datasets) meta.datasets.push(await datasetMeta(orm, dataset));
      res.writeHead(200, { 'content-type': OPEN_DATA_MEDIA_TYPES.json, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(meta));
    };
    return routes;
  };
}
