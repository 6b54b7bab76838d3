import { withinEdits } from './edit-distance.js';
import type { TextAnalyzer } from './port.js';

/**
 * Marks the words of `text` that match the query, engine-independently: a word matches
 * when one of its analysed terms equals a query term, or is one typo away from a query
 * term of five letters or more. Returns at most `maxLength` characters around the first
 * match with `<mark>…</mark>` around each matching word (other text is HTML-escaped), or
 * null when nothing matches.
 */
export function highlight(
  text: string,
  queryTerms: readonly string[],
  analyzer: TextAnalyzer,
  maxLength = 160,
): string | null {
  if (!text || queryTerms.length === 0) return null;
  const wanted = new Set(queryTerms);
  const fuzzy = queryTerms.filter((t) => t.length >= 5);
  const matches = (word: string) =>
    analyzer
      .terms(word)
      .some((term) => wanted.has(term) || (term.length >= 5 && fuzzy.some((q) => withinEdits(term, q, 1))));
  // matchAll always sets `index`; the fallback only satisfies the type.
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: m[0], at: m.index ?? 0 }));
  const hits = words.filter((w) => matches(w.word));
  if (hits.length === 0) return null;
  let start = Math.max(0, hits[0].at - Math.floor(maxLength / 3));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  const end = Math.min(text.length, start + maxLength);
  const marked = new Set(hits.map((h) => h.at));
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const { word, at } of words) {
    if (at < start || at + word.length > end) continue;
    if (!marked.has(at)) continue;
    out += `${escapeHtml(text.slice(cursor, at))}<mark>${escapeHtml(word)}</mark>`;
    cursor = at + word.length;
  }
  out += escapeHtml(text.slice(cursor, end)) + (end < text.length ? '…' : '');
  return out;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
