// The relevance set: German queries as coordinators type them, each with the record(s)
// expected among the first three hits on the reference data. Shared by the relevance test
// (embedded engine) and the parity test (both engines).
// Records: "practice:<slug>", "module:<slug>", "event:<slug>", "municipality:<ags>".
export const RELEVANCE: [category: string, query: string, expected: string[]][] = [
  ['compound', 'Neubürgerempfang', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['compound', 'Neubürger Empfang', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['compound', 'Neubürger-Empfänge', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['umlauts', 'neubuerger empfaenge', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['synonym', 'Empfang für Zugezogene', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['stem', 'Empfang an ungewöhnlichem Ort', ['practice:neubuerger-empfaenge-ungewoehnliche-orte']],
  ['exact', 'Willkommensmappe', ['module:willkommensmappe']],
  ['typo', 'Willkomensmappe', ['module:willkommensmappe']],
  ['typo', 'Wilkommensmape', ['module:willkommensmappe']],
  ['synonym', 'Begrüßungsmappe', ['module:willkommensmappe']],
  ['umlauts', 'Begruessungsmappe', ['module:willkommensmappe']],
  ['compound', 'Mappe für Neubürger', ['module:willkommensmappe']],
  ['exact', 'Willkommenstasche', ['module:willkommenstasche']],
  ['compound part', 'Gutschein', ['module:digitales-gutscheinheft']],
  ['typo', 'Gutscheinhefft', ['module:digitales-gutscheinheft']],
  ['exact', 'Quick-Check', ['module:quick-check']],
  ['synonym', 'Selbsteinschätzung Willkommenskultur', ['module:quick-check']],
  ['stem', 'Checklisten Qualitätsstandard', ['module:checkliste-qualitaetsstandards']],
  ['umlauts', 'Qualitaetsstandards', ['module:checkliste-qualitaetsstandards']],
  ['compound', 'Vorlage Ratsbeschluss', ['module:beschlussvorlage-teilnahme']],
  ['exact', 'Welcome Center', ['module:welcome-center']],
  ['synonym', 'Anlaufstelle für Zugezogene', ['module:welcome-center', 'practice:lokal-willkommen-dortmund']],
  ['compound', 'Konzept Willkommensveranstaltung', ['module:veranstaltungskonzepte']],
  [
    'series',
    'Runder Tisch Willkommenskultur',
    ['event:runder-tisch-willkommenskultur-2', 'event:runder-tisch-willkommenskultur-7'],
  ],
  ['event', 'Forum Integration Metropole Ruhr', ['event:forum-integration-2019']],
  ['event', 'Zukunft in Vielfalt', ['event:forum-integration-2019']],
  ['stem', 'Beratung für Geflüchtete im Stadtteil', ['practice:lokal-willkommen-dortmund']],
  ['synonym', 'Flüchtlinge Nachbarschaft', ['practice:lokal-willkommen-dortmund']],
  ['stem', 'Fachkraft mit Familie', ['practice:willkommen-in-siegen']],
  ['umlauts', 'Fachkraefte Familien Siegen', ['practice:willkommen-in-siegen']],
  ['exact', 'welcome.ruhr', ['practice:welcome-ruhr']],
  ['synonym', 'Portal für internationale Fachkräfte', ['practice:welcome-ruhr']],
  ['stem', 'Nachwuchskräfte Migrationshintergrund Stadtverwaltung', ['practice:deine-zukunft-findet-stadt']],
  ['place', 'Bad Sassendorf', ['municipality:05974008']],
  ['place', 'Olpe', ['municipality:05966024']],
  ['place', 'Arnsberg', ['municipality:05958004']],
  ['place', 'Gelsenkirchen', ['municipality:05513000']],
  ['place', 'Luedenscheid', ['municipality:05962032']],
  ['typo place', 'Gelsenkirschen', ['municipality:05513000']],
  ['place', 'Dortmund', ['municipality:05913000', 'practice:lokal-willkommen-dortmund']],
];
export const BAR = 0.9;

type Gql = (
  query: string,
  options?: { variables?: Record<string, unknown> },
) => Promise<{ data?: any; errors?: unknown }>;
export type Entity = { __typename: string; slug?: string; ags?: string } | null;
export const label = (e: Entity) => (e ? `${e.__typename.toLowerCase()}:${e.slug ?? e.ags}` : 'null');

const QUERY = `query($q: String!) { search(query: $q, first: 3) { edges { node { entity {
  __typename ... on Practice { slug } ... on Module { slug } ... on Event { slug } ... on Municipality { ags } } } } } }`;

/** The labels of the first three hits of a query through the gateway. */
export async function top3(gql: Gql, q: string): Promise<string[]> {
  const { data, errors } = await gql(QUERY, { variables: { q } });
  if (errors) throw new Error(`search "${q}" failed: ${JSON.stringify(errors)}`);
  return data!.search.edges.map((e: { node: { entity: Entity } }) => label(e.node.entity));
}

/** hit@3 over the relevance set, and the misses spelled out. */
export async function relevance(gql: Gql): Promise<{ hitAt3: number; misses: string[]; tops: Map<string, string[]> }> {
  const misses: string[] = [];
  const tops = new Map<string, string[]>();
  for (const [category, q, expected] of RELEVANCE) {
    const top = await top3(gql, q);
    tops.set(q, top);
    if (!expected.some((x) => top.includes(x)))
      misses.push(`${category}: "${q}" → [${top.join(', ')}], expected ${expected.join(' or ')}`);
  }
  return { hitAt3: (RELEVANCE.length - misses.length) / RELEVANCE.length, misses, tops };
}
