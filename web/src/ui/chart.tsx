import { useId, type ReactNode } from 'react';
import { formatPercent } from './numbers.js';

/** One line of a chart: its name (shown in the legend) and a value per label (null: no value there). */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** Markers and dash patterns tell the lines apart without colour. */
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
const DASHES = ['', '8 4', '2 4', '12 4 2 4'];

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 24, bottom: 40, left: 52 };

function Marker({ shape, x, y, size = 5 }: { shape: (typeof MARKERS)[number]; x: number; y: number; size?: number }) {
  switch (shape) {
    case 'square':
      return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} />;
    case 'triangle':
      return <polygon points={`${x},${y - size - 1} ${x + size + 1},${y + size} ${x - size - 1},${y + size}`} />;
    case 'diamond':
      return <polygon points={`${x},${y - size - 1} ${x + size + 1},${y} ${x},${y + size + 1} ${x - size - 1},${y}`} />;
    default:
      return <circle cx={x} cy={y} r={size} />;
  }
}

/**
 * A small line chart of percentages over time, as an image with a text alternative:
 * `title` names it (visible, referenced by aria-labelledby) and `summary` says in words
 * what it shows. Pair it with a data table (`children`) for the exact values. Lines
 * differ by marker shape and dash pattern, not by colour alone.
 */
export function LineChart({
  title,
  summary,
  labels,
  series,
  max = 100,
  unit,
  children,
}: {
  title: string;
  summary: string;
  labels: string[];
  series: ChartSeries[];
  max?: number;
  /** Text after each value; without it, the values are percentages ("42 %"). */
  unit?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const titleId = `${id}-titel`;
  const summaryId = `${id}-beschreibung`;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  // Points keep a little distance from the axis labels.
  const inset = 24;
  const x = (i: number) =>
    PAD.left +
    inset +
    (labels.length <= 1 ? (plotWidth - 2 * inset) / 2 : ((plotWidth - 2 * inset) * i) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotHeight - (plotHeight * Math.max(0, Math.min(v, max))) / max;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => Math.round(t * max));
  // At most ~8 date labels along the axis, always the first and the last.
  const step = Math.max(1, Math.ceil(labels.length / 8));
  const format = (v: number) =>
    unit === undefined
      ? formatPercent(v)
      : `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(v)}${unit}`;

  return (
    <figure className="chart">
      <figcaption className="kern-body kern-body--bold chart__title" id={titleId}>
        {title}
      </figcaption>
      <p className="kern-body kern-body--small chart__summary" id={summaryId}>
        {summary}
      </p>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-label="Legende">
          {series.map((s, i) => (
            <li key={s.name} className={`chart__legend-item chart__series--${i % MARKERS.length}`}>
              <svg width="36" height="14" aria-hidden="true" focusable="false">
                <line x1="2" y1="7" x2="34" y2="7" strokeDasharray={DASHES[i % DASHES.length] || undefined} />
                <Marker shape={MARKERS[i % MARKERS.length]} x={18} y={7} size={4} />
              </svg>
              <span className="kern-body kern-body--small">{s.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by aria-labelledby (the visible figcaption
          and summary outside the SVG); a <title> would repeat them as a tooltip */}
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        focusable="false"
      >
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> is not focusable; aria-hidden
            keeps the axis texts from screen readers that do not prune role="img" children */}
        <g className="chart__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
              <text x={PAD.left - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
                {format(t)}
              </text>
            </g>
          ))}
          {labels.map((label, i) =>
            i % step === 0 || i === labels.length - 1 ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the i-th x-axis slot; labels (dates) may repeat
              <text key={`${label}-${i}`} x={x(i)} y={HEIGHT - PAD.bottom + 22} textAnchor="middle">
                {label}
              </text>
            ) : null,
          )}
        </g>
        {series.map((s, si) => {
          const points = s.values.map((v, i) => (v == null ? null : ([x(i), y(v)] as const)));
          // Gaps (null) break the line.
          const paths: string[] = [];
          let current = '';
          for (const p of points) {
            if (!p) {
              if (current) paths.push(current);
              current = '';
              continue;
            }
            current += `${current ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)} `;
          }
          if (current) paths.push(current);
          return (
            // An SVG <g> is not focusable; aria-hidden keeps the value texts from screen readers that do
            // not prune the children of role="img".
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: <g> is not focusable (see above)
            <g key={s.name} className={`chart__series chart__series--${si % MARKERS.length}`} aria-hidden="true">
              {paths.map((d) => (
                <path key={d} d={d} fill="none" strokeDasharray={DASHES[si % DASHES.length] || undefined} />
              ))}
              {points.map((p, i) =>
                p ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the i-th x-axis slot; dates may repeat
                  <g key={i}>
                    <Marker shape={MARKERS[si % MARKERS.length]} x={p[0]} y={p[1]} />
                    {si === 0 && series.length === 1 ? (
                      <text className="chart__value" x={p[0]} y={p[1] - 12} textAnchor="middle">
                        {format(s.values[i]!)}
                      </text>
                    ) : null}
                  </g>
                ) : null,
              )}
            </g>
          );
        })}
      </svg>
      {children}
    </figure>
  );
}
