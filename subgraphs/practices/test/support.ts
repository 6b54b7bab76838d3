import { expect } from '@jest/globals';
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

export const OLPE = '05966024';
export const CREATE = `mutation($input: CreatePracticeInput!) {
  createPractice(input: $input) { id slug title region status draft municipality { ags } cooperation { slug } contacts { email } }
}`;
export const UPDATE = `mutation($input: UpdatePracticeInput!) {
  updatePractice(input: $input) { title summary startedYear endedYear updatedBy }
}`;

/** The slugs of the practices `filter` finds (a GraphQL input literal), sorted. */
export async function slugsOf(hub: SubgraphUnderTest, filter: string, token?: string): Promise<string[]> {
  const query = `{ practices(filter: ${filter}) { totalCount edges { node { slug } } } }`;
  const { data, errors } = await hub.gql(query, { token });
  expect(errors).toBeUndefined();
  return data!.practices.edges.map((e: { node: { slug: string } }) => e.node.slug).sort();
}
