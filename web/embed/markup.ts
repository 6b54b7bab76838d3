import { COLOURS } from './chart.js';
import type { ChartData } from './data.js';
import { escapeHtml, formatDate, formatValue } from './format.js';
import type { ChartSpec } from './spec.js';

// The HTML around the chart: the data table (the same figures, for screen readers and as
// the fallback), the legend, the source line and the loading, error and empty states.

/** The states' texts (German). */
export const MESSAGES = {
  loading: 'Die Daten werden geladen …',
  error: 'Die Daten konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  empty: 'Für diese Darstellung liegen keine Daten vor.',
  showTable: 'Tabelle anzeigen',
  total: 'insgesamt',
};

/** Licences whose attribution names them in full, by id. */
const LICENCES: Record<string, { name: string; url: string }> = {
  'dl-de/by-2-0': {
    name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    url: 'https://www.govdata.de/dl-de/by-2-0',
  },
  'dl-de/zero-2-0': {
    name: 'Datenlizenz Deutschland – Zero – Version 2.0',
    url: 'https://www.govdata.de/dl-de/zero-2-0',
  },
};

/** A state in place of the chart: loading, error (with a button to try again) or empty. */
export function renderState(state: 'loading' | 'error' | 'empty'): string {
  const message = `<p class="state${state === 'error' ? ' error' : ''}" role="status">${MESSAGES[state]}</p>`;
  return state === 'error' ? `${message}<button type="button" class="retry">${MESSAGES.retry}</button>` : message;
}

function cell(value: string | number | null, spec: ChartSpec, format: ChartSpec['format'] = 'number'): string {
  if (value === null) return `<td class="none">${escapeHtml(spec.nullText)}</td>`;
  return typeof value === 'number'
    ? `<td class="num">${formatValue(value, format)}</td>`
    : `<td>${escapeHtml(value)}</td>`;
}

/** The figures as a table: a row per label, a column per series (and the total of a stack), then the details. */
export function renderTable(chart: ChartData, spec: ChartSpec): string {
  const stackTotal = spec.stacked && chart.series.length > 1;
  const header = [
    `<th scope="col">${escapeHtml(spec.labelName)}</th>`,
    ...chart.series.map((s) => `<th scope="col" class="num">${escapeHtml(s.name)}</th>`),
    stackTotal ? `<th scope="col" class="num">${MESSAGES.total}</th>` : '',
    ...chart.details.map((d) => `<th scope="col">${escapeHtml(d.name)}</th>`),
  ].join('');
  const rows = chart.labels.map((label, i) => {
    const values = chart.series.map((s) => s.values[i]);
    const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    return (
      `<tr><th scope="row">${escapeHtml(label)}</th>${values.map((v) => cell(v, spec, spec.format)).join('')}` +
      `${stackTotal ? cell(total, spec, spec.format) : ''}${chart.details.map((d) => cell(d.values[i], spec)).join('')}</tr>`
    );
  });
  return `<table><caption>${escapeHtml(spec.heading)}</caption><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The table in a scrollable box (wide tables stay inside 320 px), behind a "Tabelle
 * anzeigen" disclosure unless `open`; a `table` chart shows it alone, always open.
 */
export function renderTableBlock(chart: ChartData, spec: ChartSpec, open: boolean): string {
  const box = `<div class="scroll" tabindex="0" role="group" aria-label="${escapeHtml(`Tabelle: ${spec.heading}`)}">${renderTable(chart, spec)}</div>`;
  if (spec.type === 'table') return box;
  return `<details${open ? ' open' : ''}><summary>${MESSAGES.showTable}</summary>${box}</details>`;
}

/** The series' names beside their colours (decoration: the values are printed, the table names them). */
export function renderLegend(chart: ChartData, spec: ChartSpec): string {
  if (chart.series.length < 2 || spec.type === 'table') return '';
  const items = chart.series.map(
    (s, k) =>
      `<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${COLOURS[k % COLOURS.length]}"/></svg>${escapeHtml(s.name)}</li>`,
  );
  return `<ul class="legend" aria-hidden="true">${items.join('')}</ul>`;
}

/**
 * Where the figures come from: the hub with the date they were fetched, and for official
 * statistics their source and licence as the licence asks (dl-de/by-2-0: name it, link it).
 */
export function renderSource(spec: ChartSpec, fetchedAt: Date, hub: string): string {
  const hubLink = `<a href="${escapeHtml(hub)}/">Welcome Hub</a>`;
  const date = `abgerufen am ${formatDate(fetchedAt)}`;
  const licence = spec.licence ? LICENCES[spec.licence] : undefined;
  if (!spec.source && !spec.licence) return `<p class="source">Quelle: ${hubLink}, ${date}.</p>`;
  const source = escapeHtml(
    spec.source ?? (spec.licence === 'dl-de/by-2-0' ? 'Statistisches Bundesamt (Destatis)' : 'siehe Welcome Hub'),
  );
  const licenceText = licence
    ? `; Lizenz: <a href="${licence.url}">${licence.name} (${escapeHtml(spec.licence!)})</a>`
    : spec.licence
      ? `; Lizenz: ${escapeHtml(spec.licence)}`
      : '';
  return `<p class="source">Quelle: ${source}${licenceText}; bereitgestellt vom ${hubLink}, ${date}.</p>`;
}
