import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// The start page's initial load: the entry's JavaScript and CSS and everything it imports
// statically, compressed as the hub sends them (gzip). Fonts load only when used.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_BYTES = 250 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

describe('the web app build', () => {
  it('loads the start page with at most 250 KB of compressed JavaScript and CSS', () => {
    const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as Record<string, Chunk>;
    const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
    expect(entry).toBeDefined();
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(entry![0]);
    const sizes = [...files].map((file) => ({ file, gzip: gzipSync(readFileSync(`${dist}${file}`)).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `Start page: ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}; total ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET_BYTES / 1024} KB`,
    );
    expect(sizes.some((s) => s.file.endsWith('.js'))).toBe(true);
    expect(sizes.some((s) => s.file.endsWith('.css'))).toBe(true);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
