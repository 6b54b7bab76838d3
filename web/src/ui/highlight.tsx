/** The hub's highlight snippets are HTML-escaped text with <mark>…</mark>: shown as text, never as HTML. */
export function Highlighted({ snippet }: { snippet: string }) {
  const parts = snippet.split(/<mark>(.*?)<\/mark>/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed string, never reordered; may repeat
          <mark key={i}>{decodeEntities(part)}</mark>
        ) : (
          decodeEntities(part)
        ),
      )}
    </>
  );
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};
/** Named so as not to shadow the global `unescape` (which decodes %-escapes, not HTML entities). */
const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
