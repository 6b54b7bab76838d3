/**
 * `source` (TypeScript) with its comments blanked out, strings and line breaks kept, so
 * that a pattern finds code only and reports the line it is on. A small scanner, not a
 * parser: it knows strings, template literals with their `${…}` code, and comments; a
 * regular expression literal holding a quote or `//` would confuse it.
 */
export function stripComments(source: string): string {
  const out: string[] = [];
  code(source, 0, out, false);
  return out.join('');
}

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** Copies code from `start`, comments blanked; with `nested`, up to and including the `}` closing a template's `${`. Returns where it stopped. */
function code(source: string, start: number, out: string[], nested: boolean): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && (next === '/' || next === '*')) {
      const end = next === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : next === '/' ? end : end + 2;
      out.push(blank(source.slice(i, stop)));
      i = stop;
    } else if (c === '`') {
      i = template(source, i, out);
    } else if (c === '"' || c === "'") {
      const stop = quotedEnd(source, i);
      out.push(source.slice(i, stop));
      i = stop;
    } else {
      out.push(c);
      i++;
      if (c === '{') depth++;
      if (c === '}' && depth-- === 0 && nested) return i;
    }
  }
  return i;
}

/** Copies the template literal opening at `start`, its `${…}` parts as code; returns the index after it. */
function template(source: string, start: number, out: string[]): number {
  out.push('`');
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      out.push(source.slice(i, i + 2));
      i += 2;
    } else if (c === '`') {
      out.push(c);
      return i + 1;
    } else if (c === '$' && source[i + 1] === '{') {
      out.push('${');
      i = code(source, i + 2, out, true);
    } else {
      out.push(c);
      i++;
    }
  }
  return i;
}

/** Where the quoted string opening at `start` ends: after its closing quote, or at the line's end. */
function quotedEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i + 1;
    else if (source[i] === '\n') return i;
  }
  return source.length;
}

/** The 1-based line of `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
