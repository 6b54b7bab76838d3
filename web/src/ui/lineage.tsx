import { useId } from 'react';
import { Link } from 'wouter';
import { formatDate, formatNumber } from '../format.js';

/**
 * One practice in a lineage: who adapted from whom. `children` are the practices adapted
 * from it that are known; `more` counts further adaptations below it that are not loaded.
 */
export interface LineageNode {
  slug: string;
  title: string;
  /** The owner's name (municipality or cooperation); null when unknown. */
  owner: string | null;
  draft: boolean;
  /** What this practice changed compared with the one it was adapted from. */
  changes: string | null;
  adaptedAt: string | null;
  more: number;
  children: LineageNode[];
}

const href = (node: LineageNode) => `/praxis/${node.slug}`;

/** "Titel (Kommune)" for lists and link names. */
const named = (node: LineageNode) => (node.owner ? `${node.title} (${node.owner})` : node.title);

/**
 * The lineage of a practice: its ancestors over every hop (`ancestors`, the original first)
 * and everything adapted from it (`current.children`), drawn as a graph (an inline SVG with
 * a link per practice) and written out as lists: "Herkunft" and "Übernommen von". The
 * lists carry everything the graph shows, so screen readers and text enlargement lose nothing.
 */
export function Lineage({ ancestors, current }: { ancestors: LineageNode[]; current: LineageNode }) {
  const id = useId();
  const captionId = `${id}-caption`;
  const summaryId = `${id}-summary`;
  const layout = layoutTree(ancestors, current);
  const count = layout.nodes.length;
  const descendants = countDescendants(current);
  return (
    <div className="lineage">
      <figure className="lineage__figure">
        <figcaption id={captionId} className="kern-body kern-body--bold">
          Herkunft und Übernahmen von „{current.title}“
        </figcaption>
        <p id={summaryId} className="kern-body kern-body--small lineage__legend">
          {formatNumber(count)} Praxisbeispiele:{' '}
          {ancestors.length === 0
            ? 'dieses ist das Original'
            : `${formatNumber(ancestors.length)} ${ancestors.length === 1 ? 'Vorlage' : 'Vorlagen'} davor`}
          ,{' '}
          {descendants === 0
            ? 'bisher nicht übernommen'
            : `${formatNumber(descendants)} ${descendants === 1 ? 'Übernahme' : 'Übernahmen'} danach`}
          . Pfeile zeigen von der Vorlage zur Übernahme; dicker Rahmen: dieses Praxisbeispiel; gestrichelter Rahmen:
          Entwurf. Dieselben Angaben stehen in den Listen unter der Grafik.
        </p>
        <div className="lineage__scroll">
          <LineageGraph layout={layout} labelledBy={`${captionId} ${summaryId}`} arrowId={`${id}-arrow`} />
        </div>
      </figure>
      <div className="lineage__lists">
        {ancestors.length > 0 ? (
          <div>
            <h3 className="kern-heading-small">Herkunft</h3>
            <p className="kern-body">Vom Original bis zu diesem Praxisbeispiel, über jede Station:</p>
            <ol className="kern-list kern-list--number lineage__list">
              {ancestors.map((node, index) => (
                <li key={node.slug}>
                  <Link href={href(node)}>{named(node)}</Link>
                  {node.draft ? ' (Entwurf)' : ''}
                  {index === 0 ? ' – Original' : <Adapted node={node} from={ancestors[index - 1]} />}
                </li>
              ))}
              <li>
                <strong aria-current="page">{named(current)}</strong>
                {current.draft ? ' (Entwurf)' : ''} – dieses Praxisbeispiel
                <Adapted node={current} from={ancestors[ancestors.length - 1]} />
              </li>
            </ol>
          </div>
        ) : null}
        <div>
          <h3 className="kern-heading-small">Übernommen von</h3>
          {current.children.length === 0 && current.more === 0 ? (
            <p className="kern-body">Bisher hat keine Kommune dieses Praxisbeispiel übernommen.</p>
          ) : (
            <>
              <p className="kern-body">
                Diese Kommunen haben das Praxisbeispiel übernommen, direkt oder über weitere Stationen:
              </p>
              <Descendants node={current} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function Adapted({ node, from }: { node: LineageNode; from: LineageNode }) {
  return (
    <>
      {' '}
      – Übernahme von „{from.title}“{node.adaptedAt ? `, übernommen am ${formatDate(node.adaptedAt)}` : ''}
      {node.changes ? (
        <>
          . Geändert: <span className="lineage__changes">{node.changes}</span>
        </>
      ) : null}
    </>
  );
}

function Descendants({ node }: { node: LineageNode }) {
  return (
    <ul className="kern-list kern-list--bullet lineage__list">
      {node.children.map((child) => (
        <li key={child.slug}>
          <Link href={href(child)}>{named(child)}</Link>
          {child.draft ? ' (Entwurf)' : ''}
          {child.adaptedAt ? `, übernommen am ${formatDate(child.adaptedAt)}` : ''}
          {child.changes ? (
            <>
              . Geändert: <span className="lineage__changes">{child.changes}</span>
            </>
          ) : null}
          {child.children.length > 0 || child.more > 0 ? <Descendants node={child} /> : null}
        </li>
      ))}
      {node.more > 0 ? (
        <li>
          {node.children.length > 0 ? 'und ' : ''}
          {formatNumber(node.more)} weitere {node.more === 1 ? 'Übernahme' : 'Übernahmen'}:{' '}
          <Link href={href(node)}>siehe „{node.title}“</Link>
        </li>
      ) : null}
    </ul>
  );
}

const countDescendants = (node: LineageNode): number =>
  node.children.reduce((sum, child) => sum + 1 + countDescendants(child), node.more);

// Layout: columns by generation (left to right), rows by leaves; a parent sits beside its
// first and last child's middle.
const NODE_WIDTH = 232;
const NODE_HEIGHT = 72;
const COLUMN_GAP = 56;
const ROW_GAP = 20;
const MARGIN = 8;

interface Placed {
  node: LineageNode;
  x: number;
  y: number;
  current: boolean;
  original: boolean;
  /** Adaptations below this practice that are not drawn (not loaded). */
  more: number;
}

interface Layout {
  nodes: Placed[];
  edges: { from: Placed; to: Placed }[];
  width: number;
  height: number;
}

/** A practice as drawn: the chain of ancestors leads to `current`, whose adaptations branch out. */
interface Drawn {
  node: LineageNode;
  current: boolean;
  more: number;
  children: Drawn[];
}

function drawnTree(ancestors: LineageNode[], current: LineageNode): Drawn {
  const seen = new Set<string>([...ancestors, current].map((n) => n.slug));
  const below = (node: LineageNode): Drawn => ({
    node,
    current: false,
    more: node.more,
    children: node.children.filter((c) => !seen.has(c.slug) && seen.add(c.slug)).map(below),
  });
  let drawn: Drawn = {
    node: current,
    current: true,
    more: current.more,
    children: current.children.filter((c) => !seen.has(c.slug) && seen.add(c.slug)).map(below),
  };
  for (let i = ancestors.length - 1; i >= 0; i--)
    drawn = { node: ancestors[i], current: false, more: 0, children: [drawn] };
  return drawn;
}

function layoutTree(ancestors: LineageNode[], current: LineageNode): Layout {
  const nodes: Placed[] = [];
  const edges: Layout['edges'] = [];
  let rows = 0;
  let columns = 0;
  const place = (drawn: Drawn, depth: number): Placed => {
    const placed: Placed = {
      node: drawn.node,
      x: MARGIN + depth * (NODE_WIDTH + COLUMN_GAP),
      y: 0,
      current: drawn.current,
      original: depth === 0 && !drawn.current,
      more: drawn.more,
    };
    nodes.push(placed);
    columns = Math.max(columns, depth + 1);
    const kids = drawn.children.map((child) => place(child, depth + 1));
    for (const kid of kids) edges.push({ from: placed, to: kid });
    if (kids.length === 0) {
      placed.y = MARGIN + rows * (NODE_HEIGHT + ROW_GAP);
      rows += 1;
    } else {
      placed.y = (kids[0].y + kids[kids.length - 1].y) / 2;
    }
    return placed;
  };
  place(drawnTree(ancestors, current), 0);
  return {
    nodes,
    edges,
    width: 2 * MARGIN + columns * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
    height: 2 * MARGIN + rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
  };
}

/**
 * The graph: an SVG (role="img", named by the caption) draws the boxes and the arrows; each
 * practice's name is a real link laid over its box, outside the image, so links stay
 * links for keyboards and screen readers (interactive content inside role="img" is not).
 */
function LineageGraph({ layout, labelledBy, arrowId }: { layout: Layout; labelledBy: string; arrowId: string }) {
  return (
    <div className="lineage__canvas" style={{ width: layout.width, height: layout.height }}>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by aria-labelledby (the visible caption
          outside the SVG); a <title> would repeat it as a tooltip */}
      <svg
        role="img"
        aria-labelledby={labelledBy}
        className="lineage__svg"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
      >
        <defs>
          <marker
            id={arrowId}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="lineage__arrow" />
          </marker>
        </defs>
        {layout.edges.map(({ from, to }) => {
          const x1 = from.x + NODE_WIDTH;
          const y1 = from.y + NODE_HEIGHT / 2;
          const x2 = to.x - 2;
          const y2 = to.y + NODE_HEIGHT / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={`${from.node.slug}>${to.node.slug}`}
              className="lineage__edge"
              d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
              markerEnd={`url(#${arrowId})`}
            />
          );
        })}
        {layout.nodes.map((placed) => (
          <rect
            key={placed.node.slug}
            className={[
              'lineage__box',
              placed.current ? 'lineage__box--current' : '',
              placed.node.draft ? 'lineage__box--draft' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            x={placed.x}
            y={placed.y}
            width={NODE_WIDTH}
            height={NODE_HEIGHT}
            rx={4}
          />
        ))}
      </svg>
      <ul className="lineage__nodes" aria-label="Praxisbeispiele in der Grafik">
        {layout.nodes.map((placed) => {
          const { node } = placed;
          const status = placed.current ? 'Dieses Praxisbeispiel' : placed.original ? 'Original' : null;
          const more =
            placed.more > 0 ? `${node.children.length > 0 ? '+' : ''}${formatNumber(placed.more)} weitere` : null;
          const note = [status, node.draft ? 'Entwurf' : null, more].filter(Boolean).join(' · ');
          const content = (
            <>
              <span className="lineage__title">{node.title}</span>
              <span className="lineage__owner">{node.owner ?? 'unbekannt'}</span>
              {note ? <span className="lineage__status">{note}</span> : null}
            </>
          );
          return (
            <li
              key={node.slug}
              className="lineage__node"
              style={{ left: placed.x, top: placed.y, width: NODE_WIDTH, height: NODE_HEIGHT }}
            >
              {placed.current ? (
                <span className="lineage__node-body" aria-current="page">
                  {content}
                </span>
              ) : (
                <Link href={href(node)} className="lineage__node-body lineage__node-link">
                  {content}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
