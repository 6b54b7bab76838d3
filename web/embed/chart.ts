import type { ChartData } from './data.js';
import { escapeHtml, formatValue } from './format.js';
import type { ChartSpec } from './spec.js';

// The chart as SVG markup, laid out for the width it gets: labels above horizontal bars
// (long German names stay readable at 320 px), values printed beside every bar and point.
// Presentation attributes only, no style attributes: the host page's CSP may forbid them.

/** Series colours: each at least 5:1 against white; values are printed, so colour is never the only cue. */
export const COLOURS = ['#1d4f91', '#b3470c', '#5c6770', '#6b3fa0'];
const TEXT = '#1b1b1b';
/** A text's width in pixels at the chart's font size (bold: the values). */
export type Measure = (text: string, bold?: boolean) => number;

export interface Layout {
  /** The chart's width in CSS pixels. */
  width: number;
  /** The host's font size in pixels; texts are 7/8 of it. */
  fontSize: number;
  /** Measures in the host's font (a canvas in the browser); default: an estimate for wide sans-serif faces. */
  measure?: Measure;
}

export interface SvgIds {
  title: string;
  desc: string;
}

function shorten(line: string, maxWidth: number, measure: Measure): string {
  if (measure(line) <= maxWidth) return line;
  let short = line;
  while (short.length > 1 && measure(`${short}…`) > maxWidth) short = short.slice(0, -1);
  return `${short.trimEnd()}…`;
}

/** Greedy word wrap into at most `maxLines` lines of `maxWidth`, the last one shortened with "…". */
export function wrap(text: string, maxWidth: number, measure: Measure, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && measure(longer) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, lines.slice(maxLines - 1).join(' '));
  return lines.map((l) => shorten(l, maxWidth, measure));
}

const round = (n: number) => Math.round(n * 10) / 10;

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" fill="${TEXT}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(content)}</text>`;
}

/** Totals per label: the stack's height, or the single series' value (null stays null). */
function totals(chart: ChartData, spec: ChartSpec): (number | null)[] {
  if (!spec.stacked && chart.series.length === 1) return chart.series[0].values;
  return chart.labels.map((_, i) => {
    const values = chart.series.map((s) => s.values[i]).filter((v): v is number => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  });
}

function scaleMax(chart: ChartData, spec: ChartSpec): number {
  const values = spec.stacked ? totals(chart, spec) : chart.series.flatMap((s) => s.values);
  return spec.max ?? Math.max(1, ...values.filter((v): v is number => v !== null));
}

/** Horizontal bars: a label line, then the bar (or stack) with its value; a stack lists its parts below. */
function bars(
  chart: ChartData,
  spec: ChartSpec,
  { width, fontSize, measure }: Required<Layout>,
): { body: string; height: number } {
  const fs = fontSize * 0.875;
  const line = Math.round(fs * 1.35);
  const barHeight = Math.round(fs * 1.3);
  const max = scaleMax(chart, spec);
  const format = (v: number) => formatValue(v, spec.format);
  const sums = totals(chart, spec);
  const grouped = !spec.stacked && chart.series.length > 1;
  const valueTexts = chart.labels.map((_, i) =>
    grouped
      ? chart.series.map((s) => `${s.name}: ${s.values[i] === null ? spec.nullText : format(s.values[i]!)}`)
      : [sums[i] === null ? '' : format(sums[i]!)],
  );
  const widest = Math.max(...valueTexts.flat().map((t) => measure(t, true)));
  const barSpace = Math.max(width * 0.35, width - widest - 8);
  const scale = (v: number) => (v <= 0 ? 0 : Math.max(2, (barSpace * Math.min(v, max)) / max));
  let y = 0;
  const parts: string[] = [];
  chart.labels.forEach((label, i) => {
    for (const l of wrap(label, width, measure)) {
      y += line;
      parts.push(text(0, y - (line - fs) / 2, l, 'class="label"'));
    }
    y += 4;
    // Grouped: a bar per series; otherwise one bar, of several segments when stacked.
    const drawn = grouped
      ? chart.series.map((s, k) => ({ values: [s.values[i]], k, text: valueTexts[i][k] }))
      : [{ values: chart.series.map((s) => s.values[i]), k: 0, text: valueTexts[i][0] }];
    for (const row of drawn) {
      const baseline = y + barHeight / 2 + fs * 0.35;
      if (row.values.every((v) => v === null)) {
        parts.push(text(0, baseline, grouped ? row.text : spec.nullText, 'font-style="italic"'));
      } else {
        let x = 0;
        row.values.forEach((v, s) => {
          const w = scale(v ?? 0);
          const fill = COLOURS[(grouped ? row.k : s) % COLOURS.length];
          if (w > 0)
            parts.push(
              `<rect class="bar" x="${round(x)}" y="${y}" width="${round(w)}" height="${barHeight}" fill="${fill}" stroke="#fff" stroke-width="1"/>`,
            );
          x += w;
        });
        parts.push(text(x + (x > 0 ? 6 : 0), baseline, row.text, 'font-weight="bold"'));
      }
      y += barHeight + 4;
    }
    if (spec.stacked && chart.series.length > 1) {
      const breakdown = chart.series
        .map((s) => `${s.name} ${s.values[i] === null ? '–' : format(s.values[i]!)}`)
        .join(' · ');
      for (const l of wrap(breakdown, width, measure, 4)) {
        y += line;
        parts.push(text(0, y - (line - fs) / 2, l, 'class="muted"'));
      }
    }
    y += Math.round(fs * 0.9);
  });
  return { body: parts.join(''), height: Math.max(y, 1) };
}

const MARKERS = [
  (x: number, y: number) => `<circle cx="${round(x)}" cy="${round(y)}" r="4.5"/>`,
  (x: number, y: number) => `<rect x="${round(x - 4)}" y="${round(y - 4)}" width="8" height="8"/>`,
  (x: number, y: number) => `<path d="M${round(x)} ${round(y - 5.5)}l5.5 9.5h-11z"/>`,
  (x: number, y: number) => `<path d="M${round(x)} ${round(y - 5.5)}l5.5 5.5-5.5 5.5-5.5-5.5z"/>`,
];

/** Columns or a line over the labels (years): values above, labels below. Null if the width is too small for its texts. */
function columns(
  chart: ChartData,
  spec: ChartSpec,
  { width, fontSize, measure }: Required<Layout>,
): { body: string; height: number } | null {
  const fs = fontSize * 0.875;
  const line = Math.round(fs * 1.35);
  const n = chart.labels.length;
  const slot = width / n;
  const format = (v: number | null) => (v === null ? '' : formatValue(v, spec.format));
  const series = spec.type === 'column' && spec.stacked ? [{ name: '', values: totals(chart, spec) }] : chart.series;
  const widestValue = Math.max(...series.flatMap((s) => s.values.map((v) => measure(format(v), true))));
  const columnsPerSlot = spec.type === 'column' ? series.length : 1;
  const labelLines = chart.labels.map((l) => wrap(l, slot * 0.95, measure, 2));
  const tooNarrow =
    widestValue > (slot * 0.95) / columnsPerSlot || labelLines.some((ls) => ls.some((l) => l.endsWith('…')));
  if (tooNarrow) return null;
  const max = scaleMax(chart, spec);
  // One text line above for the values (two for a line chart with several series), the plot, then the labels.
  const top = line * (spec.type === 'line' ? series.length : 1) + 4;
  const plot = Math.round(Math.min(260, Math.max(160, width * 0.4)));
  const bottom = top + plot;
  const y = (v: number) => bottom - (plot * Math.min(v, max)) / max;
  const parts = [`<line x1="0" x2="${round(width)}" y1="${bottom}" y2="${bottom}" stroke="${TEXT}" stroke-width="1"/>`];
  const center = (i: number) => slot * (i + 0.5);
  if (spec.type === 'column') {
    const columnWidth = Math.min(56, slot * 0.7) / columnsPerSlot;
    for (let i = 0; i < chart.labels.length; i++) {
      for (const [k, s] of series.entries()) {
        const v = s.values[i];
        const x = center(i) - (columnWidth * columnsPerSlot) / 2 + columnWidth * k;
        if (v === null) {
          parts.push(text(x + columnWidth / 2, bottom - 6, '–', 'text-anchor="middle"'));
          continue;
        }
        const h = bottom - y(v);
        if (h > 0)
          parts.push(
            `<rect class="column" x="${round(x)}" y="${round(y(v))}" width="${round(columnWidth - 2)}" height="${round(h)}" fill="${COLOURS[k % COLOURS.length]}"/>`,
          );
        parts.push(text(x + columnWidth / 2 - 1, y(v) - 6, format(v), 'text-anchor="middle" font-weight="bold"'));
      }
    }
  } else {
    for (const [k, s] of series.entries()) {
      const colour = COLOURS[k % COLOURS.length];
      // A null breaks the line: no value there, not a zero.
      const segments: string[][] = [[]];
      for (const [i, v] of s.values.entries()) {
        if (v === null) segments.push([]);
        else segments[segments.length - 1].push(`${round(center(i))},${round(y(v))}`);
      }
      for (const points of segments.filter((p) => p.length > 1))
        parts.push(
          `<polyline class="line" points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>`,
        );
      parts.push(
        `<g fill="${colour}">${s.values.map((v, i) => (v === null ? '' : MARKERS[k % MARKERS.length](center(i), y(v)))).join('')}</g>`,
      );
      for (const [i, v] of s.values.entries()) {
        if (v !== null) {
          parts.push(text(center(i), y(v) - 10 - line * k, format(v), 'text-anchor="middle" font-weight="bold"'));
        }
      }
    }
  }
  for (const [i, lines] of labelLines.entries()) {
    for (const [k, l] of lines.entries()) {
      parts.push(text(center(i), bottom + line * (k + 1), l, 'text-anchor="middle" class="label"'));
    }
  }
  return { body: parts.join(''), height: bottom + line * Math.max(...labelLines.map((l) => l.length)) + 6 };
}

const KINDS: Record<string, string> = { bar: 'Balkendiagramm', column: 'Säulendiagramm', line: 'Liniendiagramm' };

/** The chart in words, for the image's description: what it shows, its extremes, the missing values. */
export function describe(chart: ChartData, spec: ChartSpec): string {
  const kind = `${spec.stacked && chart.series.length > 1 ? 'Gestapeltes ' : ''}${KINDS[spec.type] ?? 'Diagramm'}`;
  const sentences = [
    `${kind}: ${chart.series.map((s) => s.name).join(', ')} je ${spec.labelName}, ${chart.labels.length} ${chart.labels.length === 1 ? 'Eintrag' : 'Einträge'}.`,
  ];
  const sums = totals(chart, spec);
  const known = chart.labels
    .map((label, i) => ({ label, value: sums[i] }))
    .filter((e): e is { label: string; value: number } => e.value !== null);
  if (known.length > 1 && (spec.stacked || chart.series.length === 1)) {
    const sorted = [...known].sort((a, b) => b.value - a.value);
    const highest = sorted[0];
    const lowest = sorted[sorted.length - 1];
    const [most, least] =
      spec.stacked && chart.series.length > 1 ? ['Höchste Summe', 'niedrigste'] : ['Höchster Wert', 'niedrigster'];
    sentences.push(
      `${most}: ${highest.label} mit ${formatValue(highest.value, spec.format)}; ${least}: ${lowest.label} mit ${formatValue(lowest.value, spec.format)}.`,
    );
  }
  const missing = chart.labels.length - known.length;
  if (missing > 0) sentences.push(`${missing} ${missing === 1 ? 'Eintrag' : 'Einträge'} ohne Wert (${spec.nullText}).`);
  if (spec.description) sentences.push(spec.description);
  sentences.push('Alle Werte stehen auch in der Tabelle.');
  return sentences.join(' ');
}

/**
 * The chart as an `<svg role="img">` named by its title and described in words; texts
 * inside it are for the eye (the role hides them from screen readers, the table has them).
 */
export function renderSvg(chart: ChartData, spec: ChartSpec, layout: Layout, ids: SvgIds): string {
  const width = Math.max(200, Math.floor(layout.width));
  const fs = layout.fontSize * 0.875;
  const sized = {
    ...layout,
    width,
    measure: layout.measure ?? ((t: string, bold?: boolean) => t.length * fs * (bold ? 0.68 : 0.6)),
  };
  const overTime = spec.type === 'column' || spec.type === 'line' ? columns(chart, spec, sized) : null;
  const drawn = overTime ?? bars(chart, spec, sized);
  // Too narrow for columns: drawn as bars, and described as what it shows.
  const shown = overTime || spec.type === 'bar' ? spec : { ...spec, type: 'bar' as const };
  const height = Math.ceil(drawn.height);
  return (
    `<svg role="img" aria-labelledby="${ids.title}" aria-describedby="${ids.desc}" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="${round(layout.fontSize * 0.875)}">` +
    `<title id="${ids.title}">${escapeHtml(spec.heading)}</title><desc id="${ids.desc}">${escapeHtml(describe(chart, shown))}</desc>${drawn.body}</svg>`
  );
}
