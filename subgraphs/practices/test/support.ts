import { startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { practicesSubgraph } from '../src/server.js';

export type { SubgraphUnderTest };

/** The practices subgraph on a fresh, migrated and seeded database, served over HTTP. */
export const startPractices = () => startTestSubgraph(practicesSubgraph);

/** A complete, valid createPractice input; override what a test is about. */
export function practiceInput(overrides: Record<string, unknown> = {}) {
  return {
    owner: { ags: '05966024' },
    slug: 'willkommen-in-olpe',
    title: 'Willkommen in Olpe',
    summary: 'Neu zugezogene Familien werden persönlich begrüßt und erhalten die Willkommensmappe.',
    kind: 'EVENT_FORMAT',
    targetGroups: ['FAMILIES'],
    fieldsOfAction: ['NEW_HOME'],
    status: 'ACTIVE',
    startedYear: 2022,
    links: [{ title: 'Stadt Olpe', url: 'https://www.olpe.de/' }],
    contacts: [{ name: 'Eva Test', role: 'Bürgerbüro', email: 'eva.test@example.org', phone: '+49 2761 83-0' }],
    tags: ['Empfang'],
    ...overrides,
  };
}
