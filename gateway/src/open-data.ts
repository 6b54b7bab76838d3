import type { ServerResponse } from 'node:http';
import {
  OPEN_DATA_CONTEXT,
  buildCatalog,
  openDataIndexHtml,
  openDataMetaPath,
  type CatalogOptions,
  type Handler,
  type SubgraphOpenDataMeta,
  type SubgraphRuntime,
} from '@welcome-hub/kit';
import type { PublicRoute } from './public-route.js';

/**
 * The files under /open-data/ by owning subgraph: each serves /open-data/<dataset>.csv and
 * .json (see its src/open-data.ts) and /open-data/meta/<subgraph>.json. The distributed
 * gateway forwards exactly these paths; the open-data test checks the list against the
 * subgraphs' own descriptions.
 */
export const OPEN_DATA_FILES: Readonly<Record<string, readonly string[]>> = {
  municipalities: ['municipalities', 'cooperations', 'memberships', 'participations'],
  practices: ['practices', 'practice-reuse'],
  modules: ['modules', 'module-adoptions'],
  events: ['events'],
};

const FILE_ROUTE: Omit<PublicRoute, 'subgraph'> = {
  methods: 'read',
  requestHeaders: ['accept', 'if-modified-since'],
  responseHeaders: ['content-type', 'cache-control', 'last-modified', 'link', 'access-control-allow-origin'],
  forwarded: false,
};

/** The distributed gateway's forwarding of every open-data file and meta file to its subgraph, by exact path. */
export function openDataPublicRoutes(): Record<string, PublicRoute> {
  const routes: Record<string, PublicRoute> = {};
  for (const [subgraph, datasets] of Object.entries(OPEN_DATA_FILES)) {
    for (const dataset of datasets) {
      for (const format of ['csv', 'json']) routes[`/open-data/${dataset}.${format}`] = { subgraph, ...FILE_ROUTE };
    }
    routes[openDataMetaPath(subgraph)] = { subgraph, ...FILE_ROUTE };
  }
  return routes;
}

/** Where the distributed gateway reads each subgraph's meta file: its process, next to its /graphql. */
export function distributedMetaUrls(subgraphUrls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(OPEN_DATA_FILES)
      .filter((name) => subgraphUrls[name])
      .map((name) => [name, new URL(openDataMetaPath(name), subgraphUrls[name]).toString()]),
  );
}

/** The embedded subgraphs' meta routes, for the loopback server the gateway reads them from. */
export function embeddedMetaRoutes(runtimes: readonly SubgraphRuntime[]): Record<string, Handler> {
  return Object.fromEntries(
    runtimes.flatMap((r) =>
      r.routes[openDataMetaPath(r.name)] ? [[openDataMetaPath(r.name), r.routes[openDataMetaPath(r.name)]]] : [],
    ),
  );
}

/** Meta URLs on the embedded hub's loopback server (`internalUrl`), for the subgraphs that have open data. */
export function embeddedMetaUrls(runtimes: readonly SubgraphRuntime[], internalUrl: string): Record<string, string> {
  return Object.fromEntries(
    Object.keys(embeddedMetaRoutes(runtimes)).map((path) => [
      /\/meta\/(.+)\.json$/.exec(path)![1],
      `${internalUrl}${path}`,
    ]),
  );
}

export interface OpenDataCatalogOptions extends CatalogOptions {
  /** Each subgraph's /open-data/meta/<subgraph>.json, by subgraph name. */
  metaUrls: Record<string, string>;
  /** How long one meta request may take (default 10 s). */
  timeoutMs?: number;
}

class SubgraphUnavailable extends Error {}

async function readMetas(options: OpenDataCatalogOptions): Promise<SubgraphOpenDataMeta[]> {
  return Promise.all(
    Object.entries(options.metaUrls).map(async ([subgraph, url]) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) }).catch(() => null);
      if (!response?.ok) throw new SubgraphUnavailable(subgraph);
      return (await response.json()) as SubgraphOpenDataMeta;
    }),
  );
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

const READ_ONLY = (res: ServerResponse) =>
  send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are allowed here.', { allow: 'GET, HEAD' });
const PUBLIC = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };

/**
 * A handler built on every subgraph's meta file. Without all of them it answers 503: a
 * catalogue missing a subgraph's datasets would make harvesting portals delete them.
 */
function fromMetas(
  options: OpenDataCatalogOptions,
  render: (metas: SubgraphOpenDataMeta[], res: ServerResponse) => void,
): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return READ_ONLY(res);
    let metas: SubgraphOpenDataMeta[];
    try {
      metas = await readMetas(options);
    } catch (error) {
      if (!(error instanceof SubgraphUnavailable)) throw error;
      return send(
        res,
        503,
        'text/plain; charset=utf-8',
        `Die offenen Daten sind gerade nicht vollständig verfügbar (${error.message}).`,
        { 'retry-after': '30' },
      );
    }
    render(metas, res);
  };
}

/**
 * The gateway's part of /open-data/: the DCAT-AP.de catalogue (catalog.jsonld), its JSON-LD
 * context (context.jsonld) and the German index page (/open-data/), built from the
 * subgraphs' meta files. The files themselves come from the subgraphs.
 */
export function openDataCatalogRoutes(options: OpenDataCatalogOptions): Record<string, Handler> {
  const context = JSON.stringify(OPEN_DATA_CONTEXT, null, 2);
  return {
    '/open-data/catalog.jsonld': fromMetas(options, (metas, res) =>
      send(
        res,
        200,
        'application/ld+json; charset=utf-8',
        JSON.stringify(buildCatalog(options, metas), null, 2),
        PUBLIC,
      ),
    ),
    '/open-data/context.jsonld': (req, res) =>
      req.method === 'GET' || req.method === 'HEAD'
        ? send(res, 200, 'application/ld+json; charset=utf-8', context, PUBLIC)
        : READ_ONLY(res),
    '/open-data': (_req, res) =>
      send(res, 301, 'text/plain; charset=utf-8', 'Siehe /open-data/.', { location: '/open-data/' }),
    // A prefix: every other path under /open-data/ is a 404 here rather than the web app's.
    '/open-data/': async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      if (path !== '/open-data/') {
        return send(
          res,
          404,
          'text/plain; charset=utf-8',
          `Unbekannte Datei ${path}. Die Übersicht steht unter /open-data/.`,
        );
      }
      return fromMetas(options, (metas, r) =>
        send(r, 200, 'text/html; charset=utf-8', openDataIndexHtml(options, metas), {
          ...PUBLIC,
          'content-security-policy': "default-src 'none'",
        }),
      )(req, res);
    },
  };
}
