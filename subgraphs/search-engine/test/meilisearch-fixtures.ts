import type { SearchDocument } from '@welcome-hub/kit';
import type { TextAnalyzer } from '../src/port.js';

/** What the Meilisearch adapter's tests share: a stand-in analyzer, two documents, and a helper. */

// A stand-in for the German analyzer: lower-case, split on anything but letters and digits.
export const analyzer: TextAnalyzer = {
  terms: (text) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t !== '' && t !== 'und'),
  // "mappe" reads also as "ordner" (as a German compound reads also as its parts).
  queryWords: (text) =>
    analyzer.terms(text).map((term) => (term === 'mappe' ? [['mappe'], ['ordner', 'heft']] : [[term]])),
  fold: (text) => text.toLowerCase(),
  synonymGroups: () => [
    ['mappe', 'ordner', 'heft'],
    ['empfang', 'begruessung'],
    ['heft', 'broschuere'],
  ],
  stopWords: () => ['und', 'der'],
};

export const API_KEY = 'test-master-key-123';
export const UID = 'test-index';

export const PRACTICE: SearchDocument = {
  id: 'PRACTICE:1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
  type: 'PRACTICE',
  key: '1b4e28ba-2fa1-4d2b-a0e4-6c1d2b3c4d5e',
  title: 'Neubürger-Empfang im Rathaus',
  summary: 'Die Gemeinde lädt Zugezogene ein.',
  text: 'Musik und Führung',
  places: ['Testdorf', 'Kreis Test'],
  region: 'SUEDWESTFALEN',
  district: '05974',
  targetGroups: ['NEWCOMERS'],
  fieldsOfAction: ['NEW_HOME'],
  kind: 'EVENT_FORMAT',
  location: { lat: 51.58, lon: 8.17 },
};
export const MODULE: SearchDocument = {
  ...PRACTICE,
  id: 'MODULE:00000000-0000-4000-8000-000000000002',
  type: 'MODULE',
  key: '00000000-0000-4000-8000-000000000002',
  title: 'Willkommensmappe',
  places: [],
  region: null,
  district: null,
  targetGroups: [],
  fieldsOfAction: [],
  kind: null,
  location: null,
};

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
