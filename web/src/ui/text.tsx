import { Fragment, type ReactNode } from 'react';
import './text.css';

/**
 * Text the hub's editors wrote, with a small, safe subset of Markdown, rendered as React
 * elements (never as HTML): blank lines separate blocks; "#" lines become subheadings (h3,
 * or h4 with `headingLevel`), "-", "*" or "•" lines a bullet list, "1." or "1)" lines a
 * numbered list; other lines are paragraphs (a line break stays one). Inline, **bold** and
 * [links](https://…) (http and https only); any other markup stays as typed.
 */
export function Prose({ text, headingLevel = 3 }: { text: string; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  const blocks: ReactNode[] = [];
  let key = 0;
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let lines: string[] = [];
    let list: { ordered: boolean; items: string[] } | null = null;
    const flush = () => {
      if (lines.length > 0) {
        blocks.push(
          <p className="kern-body" key={key++}>
            {lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed text, never reordered; lines may repeat
              <Fragment key={i}>
                {i > 0 ? <br /> : null}
                {inline(line)}
              </Fragment>
            ))}
          </p>,
        );
      }
      if (list) {
        const items = list.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed text, never reordered; items may repeat
          <li key={i}>{inline(item)}</li>
        ));
        blocks.push(
          list.ordered ? (
            <ol className="kern-list kern-list--number" key={key++}>
              {items}
            </ol>
          ) : (
            <ul className="kern-list kern-list--bullet" key={key++}>
              {items}
            </ul>
          ),
        );
      }
      lines = [];
      list = null;
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const bullet = /^[-*•]\s+(.*)$/.exec(line);
      const numbered = bullet ? null : /^\d+[.)]\s+(.*)$/.exec(line);
      if (heading) {
        flush();
        blocks.push(
          <Heading className="kern-heading-small" key={key++}>
            {inline(heading[1])}
          </Heading>,
        );
      } else if (bullet || numbered) {
        const ordered = Boolean(numbered);
        if (lines.length > 0 || (list && list.ordered !== ordered)) flush();
        list ??= { ordered, items: [] };
        list.items.push((bullet ?? numbered)![1]);
      } else {
        if (list) flush();
        lines.push(line);
      }
    }
    flush();
  }
  return <div className="prose">{blocks}</div>;
}

/** **Bold** and [links](https://…) inside a line; everything else as text. */
function inline(text: string): ReactNode {
  const parts = text.split(/(\*\*[^*]+\*\*|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/g);
  return parts.map((part, i) => {
    const bold = /^\*\*([^*]+)\*\*$/.exec(part);
    // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed line, never reordered; may repeat
    if (bold) return <strong key={i}>{bold[1]}</strong>;
    const link = /^\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)$/.exec(part);
    if (link)
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed line, never reordered; may repeat
        <a key={i} href={link[2]} rel="noopener noreferrer">
          {link[1]}
        </a>
      );
    return part;
  });
}
