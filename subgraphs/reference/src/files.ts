import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference data shipped with the hub (a copy of shared/data; see data/SOURCES.md). */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** One file of the reference data, as text. */
export function readDataFile(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
