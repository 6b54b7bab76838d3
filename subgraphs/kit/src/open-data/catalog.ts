import type { DatasetMeta, SubgraphOpenDataMeta } from './dataset.js';
import { CSV_LIST_SEPARATOR, OPEN_DATA_MEDIA_TYPES, openDataCatalogUrl } from './routes.js';

const EU = 'http://publications.europa.eu/resource/authority';

/**
 * The JSON-LD context of the catalogue, served at /open-data/context.jsonld: the DCAT-AP.de
 * namespaces, and which properties hold IRIs or typed values. Plain strings are German.
 */
export const OPEN_DATA_CONTEXT = Object.freeze({
  '@context': {
    '@version': 1.1,
    '@language': 'de',
    dcat: 'http://www.w3.org/ns/dcat#',
    dct: 'http://purl.org/dc/terms/',
    foaf: 'http://xmlns.com/foaf/0.1/',
    vcard: 'http://www.w3.org/2006/vcard/ns#',
    dcatde: 'http://dcat-ap.de/def/dcatde/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    'dct:modified': { '@type': 'xsd:dateTime' },
    'dct:license': { '@type': '@id' },
    'dct:format': { '@type': '@id' },
    'dct:language': { '@type': '@id' },
    'dct:identifier': { '@language': null },
    'dcat:theme': { '@type': '@id' },
    'dcat:mediaType': { '@type': '@id' },
    'dcat:accessURL': { '@type': '@id' },
    'dcat:downloadURL': { '@type': '@id' },
    'dcat:landingPage': { '@type': '@id' },
    'foaf:homepage': { '@type': '@id' },
    'vcard:hasURL': { '@type': '@id' },
  },
});

export interface CatalogOptions {
  /** The hub's public base URL: every download link starts with it. */
  publicUrl: string;
  /** Name of the hub's operator (OPEN_DATA_PUBLISHER). */
  publisher: string;
  /** The operator's web site; default: the hub. */
  publisherUrl?: string;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** Where a dataset's file in `format` is downloaded. */
export const openDataFileUrl = (publicUrl: string, dataset: string, format: 'csv' | 'json') =>
  `${base(publicUrl)}/open-data/${dataset}.${format}`;

const FORMATS = {
  csv: {
    label: 'CSV',
    fileType: `${EU}/file-type/CSV`,
    mediaType: 'https://www.iana.org/assignments/media-types/text/csv',
  },
  json: {
    label: 'JSON',
    fileType: `${EU}/file-type/JSON`,
    mediaType: 'https://www.iana.org/assignments/media-types/application/json',
  },
} as const;

/** Licence, attribution or the rights statement: what a distribution (and its dataset) says about reuse. */
function rightsOf(meta: DatasetMeta): Record<string, unknown> {
  if (meta.licence) {
    return {
      'dct:license': meta.licence.uri,
      ...(meta.attribution ? { 'dcatde:licenseAttributionByText': meta.attribution } : {}),
    };
  }
  return { 'dct:rights': { '@type': 'dct:RightsStatement', 'rdfs:label': meta.rights ?? 'Lizenz unbekannt.' } };
}

function distribution(options: CatalogOptions, meta: DatasetMeta, format: 'csv' | 'json'): Record<string, unknown> {
  const f = FORMATS[format];
  const url = openDataFileUrl(options.publicUrl, meta.name, format);
  const columns = meta.columns.map((c) => `${c.name} (${c.description})`).join('; ');
  const layout =
    format === 'csv'
      ? `CSV nach RFC 4180 mit Kopfzeile, UTF-8, Komma als Trennzeichen; mehrere Werte einer Zelle durch „${CSV_LIST_SEPARATOR}“ getrennt. Spalten: ${columns}.`
      : `JSON-Objekt mit Lizenz („licence“), Namensnennung („attribution“) und den Einträgen („records“). Felder je Eintrag: ${columns}.`;
  return {
    '@id': `${openDataCatalogUrl(options.publicUrl)}#${meta.name}-${format}`,
    '@type': 'dcat:Distribution',
    'dct:title': `${meta.title} (${f.label})`,
    'dct:description': layout,
    'dcat:accessURL': url,
    'dcat:downloadURL': url,
    'dct:format': f.fileType,
    'dcat:mediaType': f.mediaType,
    ...(meta.modified ? { 'dct:modified': meta.modified } : {}),
    ...rightsOf(meta),
  };
}

function publisherOf(options: CatalogOptions): Record<string, unknown> {
  return {
    '@id': `${base(options.publicUrl)}/open-data/catalog.jsonld#publisher`,
    '@type': ['foaf:Agent', 'foaf:Organization'],
    'foaf:name': options.publisher,
    'foaf:homepage': options.publisherUrl ?? `${base(options.publicUrl)}/`,
  };
}

function dataset(options: CatalogOptions, meta: DatasetMeta): Record<string, unknown> {
  const catalog = openDataCatalogUrl(options.publicUrl);
  return {
    '@id': `${catalog}#${meta.name}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `${catalog}#${meta.name}`,
    'dct:title': meta.title,
    'dct:description': `${meta.description} Stand: ${meta.records} Einträge.`,
    'dcat:keyword': meta.keywords,
    'dcat:theme': `${EU}/data-theme/${meta.theme}`,
    'dct:language': `${EU}/language/DEU`,
    'dct:publisher': publisherOf(options),
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': options.publisher,
      'vcard:hasURL': options.publisherUrl ?? `${base(options.publicUrl)}/`,
    },
    'dcat:landingPage': `${base(options.publicUrl)}/open-data/`,
    ...(meta.modified ? { 'dct:modified': meta.modified } : {}),
    ...rightsOf(meta),
    'dcat:distribution': [distribution(options, meta, 'csv'), distribution(options, meta, 'json')],
  };
}

/** The DCAT-AP.de catalogue (JSON-LD) of every dataset the subgraphs describe, its context served beside it. */
export function buildCatalog(options: CatalogOptions, metas: readonly SubgraphOpenDataMeta[]): Record<string, unknown> {
  const datasets = metas.flatMap((m) => m.datasets);
  const newest = datasets
    .map((d) => d.modified)
    .filter((m): m is string => m !== null)
    .sort()
    .at(-1);
  return {
    '@context': `${base(options.publicUrl)}/open-data/context.jsonld`,
    '@id': openDataCatalogUrl(options.publicUrl),
    '@type': 'dcat:Catalog',
    'dct:title': `${options.publisher} – Offene Daten`,
    'dct:description':
      'Offene Daten des Welcome Hubs der Kommunen in Südwestfalen und im Ruhrgebiet: Kommunen mit amtlichen Kennzahlen, Kooperationen, ' +
      'Teilnahmen, gute Praxis und ihre Nachnutzung, Module, Modulübernahmen und Veranstaltungen, jeweils als CSV und JSON.',
    'dct:publisher': publisherOf(options),
    'dct:language': `${EU}/language/DEU`,
    'foaf:homepage': `${base(options.publicUrl)}/`,
    ...(newest ? { 'dct:modified': newest } : {}),
    'dcat:dataset': datasets.map((d) => dataset(options, d)),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function licenceCell(meta: DatasetMeta): string {
  if (meta.licence) return `<a href="${escapeHtml(meta.licence.textUrl)}">${escapeHtml(meta.licence.id)}</a>`;
  return meta.perRecordLicence ? 'je Eintrag (Spalte licence_id)' : 'unbekannt';
}

/** The German index page of /open-data/: every dataset with its files, licence, size and date. */
export function openDataIndexHtml(options: CatalogOptions, metas: readonly SubgraphOpenDataMeta[]): string {
  const rows = metas
    .flatMap((m) => m.datasets)
    .map((d) => {
      const files = (['csv', 'json'] as const)
        .map(
          (f) =>
            `<a href="${escapeHtml(openDataFileUrl(options.publicUrl, d.name, f))}" type="${OPEN_DATA_MEDIA_TYPES[f].split(';')[0]}">${f.toUpperCase()}</a>`,
        )
        .join(' ');
      const modified = d.modified ? `<time datetime="${d.modified}">${d.modified.slice(0, 10)}</time>` : '–';
      return `<tr><th scope="row">${escapeHtml(d.title)}</th><td>${escapeHtml(d.description)}</td><td>${licenceCell(d)}</td><td>${d.records}</td><td>${modified}</td><td>${files}</td></tr>`;
    });
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offene Daten – ${escapeHtml(options.publisher)}</title></head>
<body>
<main>
<h1>Offene Daten</h1>
<p>Die Daten des Welcome Hubs als CSV (RFC 4180, UTF-8, mit Kopfzeile) und JSON. Der <a href="catalog.jsonld" type="application/ld+json">Katalog nach DCAT-AP.de (JSON-LD)</a> beschreibt jeden Datensatz mit Lizenz und Namensnennung. Personenbezogene Daten sind nicht enthalten.</p>
<table>
<caption>Datensätze</caption>
<thead><tr><th scope="col">Datensatz</th><th scope="col">Beschreibung</th><th scope="col">Lizenz</th><th scope="col">Einträge</th><th scope="col">Stand</th><th scope="col">Dateien</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
}
