// What a chart shows and how to read it from a trusted document's answer. No imports: the
// embed's Vite config reads PRESETS to check that every preset's document is committed.

/** How a chart draws its values; `table` draws none and shows the table alone. */
export type ChartType = 'bar' | 'column' | 'line' | 'table';

/** A column of numbers read from each row: its path in the row and its German name. */
export interface ValueColumn {
  path: string;
  name: string;
}

export interface ChartSpec {
  /** The trusted document by operation name (its id is found at build time or in /embed/operations.json). */
  operation?: string;
  /** The trusted document by id ("sha256:…"), for documents the hub trusts beyond the committed ones. */
  documentId?: string;
  variables: Record<string, unknown>;
  /** Path from `data` to the list of rows, e.g. "participationStatistics.byDistrict". */
  rows: string;
  /** Path in a row to its label. */
  label: string;
  /** Header of the label column (German), e.g. "Kreis". */
  labelName: string;
  /** One series per column; ignored when `pivot` is set. */
  values: ValueColumn[];
  /** Rows of (label, key, value): one series per key, in the order of `names`. */
  pivot?: { key: string; value: string; names: Record<string, string> };
  /** Table-only columns: text or numbers that the chart does not draw. */
  details: ValueColumn[];
  type: ChartType;
  stacked: boolean;
  /** German title: the chart's heading and the table's caption. */
  heading: string;
  /** Extra sentence for the image's description, e.g. what "active" means. */
  description?: string;
  format: 'number' | 'percent';
  /** Upper end of the scale; default: the largest value (100 for percentages). */
  max?: number;
  /** Shown instead of a value that is null. */
  nullText: string;
  /** Attribution of figures that are not the hub's own (e.g. Destatis), with their licence id. */
  source?: string;
  licence?: string;
}

/** Chart presets by name: the `chart` attribute. Their documents must be committed trusted documents. */
export const PRESETS: Record<
  string,
  Partial<ChartSpec> & Pick<ChartSpec, 'operation' | 'rows' | 'label' | 'labelName' | 'heading'>
> = {
  'participation-by-district': {
    operation: 'ParticipationByDistrict',
    rows: 'participationStatistics.byDistrict',
    label: 'district.name',
    labelName: 'Kreis',
    values: [{ path: 'active', name: 'aktive Teilnahmen' }],
    details: [
      { path: 'municipalities', name: 'Kommunen' },
      { path: 'declared', name: 'erklärte Teilnahmen' },
    ],
    type: 'bar',
    heading: 'Aktive Teilnahmen nach Kreis',
  },
  'most-reused-practices': {
    operation: 'MostReusedPractices',
    rows: 'practiceRanking',
    label: 'practice.title',
    labelName: 'Praxisbeispiel',
    values: [{ path: 'adaptations', name: 'Übernahmen' }],
    details: [
      { path: 'practice.municipality.name', name: 'Kommune' },
      { path: 'interestedMunicipalities', name: 'interessierte Kommunen' },
    ],
    type: 'bar',
    heading: 'Am häufigsten übernommene Praxisbeispiele',
  },
  'events-per-year': {
    operation: 'EventsPerYear',
    rows: 'eventStatistics.byPeriod',
    label: 'period',
    labelName: 'Jahr',
    values: [{ path: 'events', name: 'Veranstaltungen' }],
    details: [
      { path: 'registrations', name: 'Anmeldungen' },
      { path: 'registeredParticipants', name: 'angemeldete Teilnehmende' },
      { path: 'reportedParticipants', name: 'gemeldete Teilnehmende' },
    ],
    type: 'column',
    heading: 'Veranstaltungen pro Jahr',
  },
  'module-adoption-by-district': {
    operation: 'ModuleAdoptionByDistrict',
    rows: 'moduleAdoptionStatistics.byDistrict',
    label: 'district.name',
    labelName: 'Kreis',
    pivot: {
      key: 'status',
      value: 'adoptions',
      names: { PLANNED: 'geplant', IN_USE: 'im Einsatz', RETIRED: 'beendet' },
    },
    type: 'bar',
    stacked: true,
    heading: 'Einsatz von Modulen nach Kreis',
  },
  'quick-check-by-district': {
    operation: 'QuickCheckByDistrict',
    rows: 'assessmentSummaries',
    label: 'district.name',
    labelName: 'Kreis',
    values: [{ path: 'summary.overall.percent', name: 'Gesamtergebnis' }],
    details: [{ path: 'summary.contributingMunicipalities', name: 'beteiligte Kommunen' }],
    type: 'bar',
    format: 'percent',
    max: 100,
    nullText: 'zu wenige Angaben',
    heading: 'Quick-Check: Gesamtergebnis nach Kreis',
    description:
      'Ergebnisse erscheinen erst, wenn mindestens drei Kommunen eines Kreises den Quick-Check ausgefüllt haben.',
  },
};

const TYPES: ChartType[] = ['bar', 'column', 'line', 'table'];

/** The element's configuration is unusable: the German message is shown, the detail logged. */
export class SpecError extends Error {}

const paths = (value: string) =>
  value
    .split(/[,|]/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The chart an element asks for: its preset (`chart`), with any generic attribute on top
 * of it, or generic attributes alone (`operation` or `document-id`, `rows`, `label`, `value`).
 */
export function specFromAttributes(attribute: (name: string) => string | null): ChartSpec {
  const name = attribute('chart');
  const preset = name ? PRESETS[name] : undefined;
  if (name && !preset)
    throw new SpecError(`Unknown chart preset "${name}"; known: ${Object.keys(PRESETS).join(', ')}.`);
  const get = (key: string) => attribute(key)?.trim() || undefined;
  const valuePaths = paths(get('value') ?? '');
  const valueNames = (get('value-label') ?? '').split('|').map((n) => n.trim());
  let variables = preset?.variables ?? {};
  const rawVariables = get('variables');
  if (rawVariables) {
    try {
      variables = JSON.parse(rawVariables) as Record<string, unknown>;
    } catch {
      throw new SpecError(`The variables attribute is not JSON: ${rawVariables}`);
    }
  }
  const type = (get('type') ?? preset?.type ?? 'bar') as ChartType;
  if (!TYPES.includes(type)) throw new SpecError(`Unknown chart type "${type}"; known: ${TYPES.join(', ')}.`);
  const format = get('format') ?? preset?.format ?? 'number';
  const max = Number(get('max') ?? preset?.max);
  const spec: ChartSpec = {
    operation: get('operation') ?? preset?.operation,
    documentId: get('document-id'),
    variables,
    rows: (get('rows') ?? preset?.rows ?? '').replace(/^data\./, ''),
    label: get('label') ?? preset?.label ?? '',
    labelName: get('label-name') ?? preset?.labelName ?? 'Bezeichnung',
    values: valuePaths.length
      ? valuePaths.map((path, i) => ({ path, name: valueNames[i] || path }))
      : (preset?.values ?? []),
    pivot: valuePaths.length ? undefined : preset?.pivot,
    details: preset?.details ?? [],
    type,
    stacked: attribute('stacked') !== null || Boolean(preset?.stacked),
    heading: get('heading') ?? preset?.heading ?? 'Zahlen aus dem Welcome Hub',
    description: get('description') ?? preset?.description,
    format: format === 'percent' ? 'percent' : 'number',
    max: max > 0 ? max : undefined,
    nullText: get('null-label') ?? preset?.nullText ?? 'keine Angabe',
    source: get('source') ?? preset?.source,
    licence: get('licence') ?? preset?.licence,
  };
  const missing = [
    !spec.operation && !spec.documentId && 'operation (or document-id)',
    !spec.rows && 'rows',
    !spec.label && 'label',
    !spec.values.length && !spec.pivot && 'value',
  ].filter(Boolean);
  if (missing.length) throw new SpecError(`Missing attributes: ${missing.join(', ')}.`);
  return spec;
}
