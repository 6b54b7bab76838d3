import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearch, useLocation } from 'wouter';
import { Districts, Search, Suggest, Vocabularies } from '../../generated/operations.js';
import type { SearchQuery, SearchQueryVariables } from '../../generated/graphql.js';
import { useQuery, type ApiError } from '../api/client.js';
import { useSession } from '../api/session.js';
import { formatNumber } from '../format.js';
import { REGION, SEARCH_TYPE, label } from '../labels.js';
import { Combobox } from '../ui/combobox.js';
import { Highlighted } from '../ui/highlight.js';
import { Page } from '../ui/page.js';
import { Empty, Errors, Loading } from '../ui/states.js';

type Hit = NonNullable<SearchQuery['search']>['edges'][number]['node'];
type Facets = NonNullable<SearchQuery['search']>['facets'];

/** The filters, as they stand in the address (so every search is a deep link). */
const PARAMS = {
  typ: 'type',
  region: 'region',
  kreis: 'district',
  zielgruppe: 'targetGroup',
  handlungsfeld: 'fieldOfAction',
  art: 'kind',
} as const;
type FacetName = (typeof PARAMS)[keyof typeof PARAMS];
const RADII = [10, 25, 50];

/** Waits until typing pauses this long before asking the hub. */
const TYPING_PAUSE_MS = 100;
const PAGE_SIZE = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Where a hit leads in the app. */
export function hitHref(hit: Hit): string | null {
  const entity = hit.entity;
  if (!entity) return null;
  if ('ags' in entity) return `/kommunen/${entity.ags}`;
  if (!('slug' in entity)) return null;
  if (hit.type === 'PRACTICE') return `/praxis/${entity.slug}`;
  if (hit.type === 'MODULE') return `/module/${entity.slug}`;
  if (hit.type === 'EVENT') return `/veranstaltungen/${entity.slug}`;
  return null;
}

export function StartPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const session = useSession();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const typed = useDebounced(text.trim(), TYPING_PAUSE_MS);
  // The address changed from elsewhere (a link, the navigation, back or forward): the field follows.
  // Not when the address only caught up with the typing (the text the effect below wrote): the
  // field may already hold letters typed since, and on a slow device writing them back lost them.
  const written = useRef<string | null>(null);
  const [shownQuery, setShownQuery] = useState(query);
  if (query !== shownQuery) {
    setShownQuery(query);
    if (query !== written.current) {
      written.current = null;
      if (query !== text.trim()) setText(query);
    }
  }

  // What is typed goes into the address (replacing it: the back button leaves the search, not each letter).
  // Only when the typing pauses: on query or params it would write the old text back over a
  // back/forward navigation (and params is a new object on every render).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on typing pauses only (see above)
  useEffect(() => {
    if (typed === query) return;
    const next = new URLSearchParams(params);
    if (typed) next.set('q', typed);
    else next.delete('q');
    written.current = typed;
    navigate(`/?${next}`, { replace: true });
  }, [typed]);

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/?${next}`);
  };

  const near = params.get('umkreis');
  const home = session.viewer?.municipalities[0];
  const filter: NonNullable<SearchQueryVariables['filter']> = {};
  const type = params.get('typ');
  if (type) filter.types = [type as never];
  if (params.get('region')) filter.region = params.get('region') as never;
  if (params.get('kreis')) filter.district = params.get('kreis');
  if (params.get('zielgruppe')) filter.targetGroup = params.get('zielgruppe');
  if (params.get('handlungsfeld')) filter.fieldOfAction = params.get('handlungsfeld');
  if (params.get('art')) filter.kind = params.get('art');
  if (near && home?.location) filter.near = { lat: home.location.lat, lon: home.location.lon, radiusKm: Number(near) };

  const [pages, setPages] = useState(1);
  const search = useQuery(
    Search,
    { query, filter, first: PAGE_SIZE * pages, after: null },
    { skip: query === '', keepPrevious: true },
  );
  // A new search starts with one page again.
  const searchKey = `${query}|${JSON.stringify(filter)}`;
  const [shownSearch, setShownSearch] = useState(searchKey);
  if (searchKey !== shownSearch) {
    setShownSearch(searchKey);
    setPages(1);
  }
  const suggestions = useQuery(Suggest, { prefix: text.trim(), first: 8 }, { skip: text.trim().length < 2 });
  const vocabularies = useQuery(Vocabularies, {});
  const districts = useQuery(Districts, {});

  const labels = useMemo(() => {
    const v = vocabularies.data;
    return {
      type: SEARCH_TYPE,
      region: REGION,
      district: Object.fromEntries((districts.data?.districts ?? []).map((d) => [d.code, d.name])),
      targetGroup: Object.fromEntries((v?.targetGroups ?? []).map((t) => [t.code, t.label])),
      fieldOfAction: Object.fromEntries((v?.fieldsOfAction ?? []).map((t) => [t.code, t.label])),
      kind: Object.fromEntries((v?.practiceKinds ?? []).map((t) => [t.code, t.label])),
    } satisfies Record<FacetName, Record<string, string>>;
  }, [vocabularies.data, districts.data]);

  const result = search.data?.search ?? null;
  return (
    <Page
      title="Konzepte finden und übernehmen"
      lead="Praxisbeispiele, Module, Veranstaltungen und Kommunen aus Südwestfalen und dem Ruhrgebiet."
    >
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is no landmark before Chrome/Firefox 118
          and Safari 17, newer than the build target (es2022); role="search" works in all */}
      <div role="search" className="search" aria-label="Suche im Welcome Hub">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setParam('q', text.trim() || null);
          }}
        >
          <Combobox
            label="Suchbegriff"
            hint="Zum Beispiel „Neubürgerempfang“, „Fachkräfte“ oder der Name einer Kommune. Ergebnisse erscheinen beim Tippen."
            name="q"
            value={text}
            onChange={setText}
            onSubmit={(value) => setParam('q', value.trim() || null)}
            options={(suggestions.data?.suggest ?? []).map((s) => ({
              value: s.text,
              detail: label(SEARCH_TYPE, s.type),
            }))}
          />
        </form>
        {query ? (
          <div className="search__layout">
            <Filters
              facets={result?.facets ?? null}
              labels={labels}
              params={params}
              setParam={setParam}
              nearAvailable={Boolean(home?.location)}
              homeName={home?.name}
            />
            <Results
              query={query}
              loading={search.loading}
              hits={result?.edges.map((e) => e.node) ?? []}
              total={result?.totalCount ?? 0}
              errors={search.errors}
              retry={search.refetch}
              more={result?.pageInfo.hasNextPage && pages * PAGE_SIZE < 200 ? () => setPages((p) => p + 1) : null}
            />
          </div>
        ) : (
          <Entry />
        )}
      </div>
    </Page>
  );
}

function Entry() {
  return (
    <div className="entry">
      <h2 className="kern-heading-medium">Womit möchten Sie beginnen?</h2>
      <ul className="kern-list cards">
        <li>
          <Link href="/?q=Neub%C3%BCrgerempfang">Neubürger-Empfänge</Link>: wie andere Kommunen Zugezogene begrüßen
        </li>
        <li>
          <Link href="/?q=Fachkr%C3%A4fte">Fachkräfte gewinnen</Link>: Praxisbeispiele rund um Arbeit und Ausbildung
        </li>
        <li>
          <Link href="/quick-check">Quick-Check</Link>: wo steht Ihre Kommune, und was hilft weiter?
        </li>
        <li>
          <Link href="/module">Module</Link>: Checklisten, Vorlagen und Materialien zum Übernehmen
        </li>
        <li>
          <Link href="/veranstaltungen">Veranstaltungen</Link>: Runde Tische, Foren und Empfänge
        </li>
      </ul>
    </div>
  );
}

const FACETS: { name: FacetName; param: string; title: string }[] = [
  { name: 'type', param: 'typ', title: 'Art des Eintrags' },
  { name: 'region', param: 'region', title: 'Region' },
  { name: 'district', param: 'kreis', title: 'Kreis' },
  { name: 'targetGroup', param: 'zielgruppe', title: 'Zielgruppe' },
  { name: 'fieldOfAction', param: 'handlungsfeld', title: 'Handlungsfeld' },
  { name: 'kind', param: 'art', title: 'Art des Praxisbeispiels' },
];

function Filters(props: {
  facets: Facets | null;
  labels: Record<FacetName, Record<string, string>>;
  params: URLSearchParams;
  setParam: (name: string, value: string | null) => void;
  nearAvailable: boolean;
  homeName?: string;
}) {
  return (
    <aside className="filters" aria-label="Filter">
      <h2 className="kern-heading-small">Filter</h2>
      {FACETS.map(({ name, param, title }) => {
        const selected = props.params.get(param) ?? '';
        const counts = props.facets?.[name] ?? [];
        if (counts.length === 0 && !selected) return null;
        const id = `filter-${param}`;
        return (
          <div className="kern-form-input" key={name}>
            <label className="kern-label" htmlFor={id}>
              {title}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select
                id={id}
                className="kern-form-input__select"
                value={selected}
                onChange={(event) => props.setParam(param, event.target.value || null)}
              >
                <option value="">alle</option>
                {selected && !counts.some((c) => c.value === selected) ? (
                  <option value={selected}>{label(props.labels[name], selected)}</option>
                ) : null}
                {counts.map((c) => (
                  <option key={c.value} value={c.value}>
                    {label(props.labels[name], c.value)} ({formatNumber(c.count)})
                  </option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="filter-umkreis">
          In der Nähe meiner Kommune
        </label>
        {props.nearAvailable ? null : (
          <div className="kern-hint" id="filter-umkreis-hint">
            Nach der Anmeldung: Umkreis um Ihre Kommune.
          </div>
        )}
        <div className="kern-form-input__select-wrapper">
          <select
            id="filter-umkreis"
            className="kern-form-input__select"
            disabled={!props.nearAvailable}
            aria-describedby={props.nearAvailable ? undefined : 'filter-umkreis-hint'}
            value={props.nearAvailable ? (props.params.get('umkreis') ?? '') : ''}
            onChange={(event) => props.setParam('umkreis', event.target.value || null)}
          >
            <option value="">überall</option>
            {RADII.map((r) => (
              <option key={r} value={r}>
                bis {r} km um {props.homeName ?? 'meine Kommune'}
              </option>
            ))}
          </select>
        </div>
      </div>
    </aside>
  );
}

function Results(props: {
  query: string;
  loading: boolean;
  hits: Hit[];
  total: number;
  errors: ApiError[];
  retry: () => void;
  more: (() => void) | null;
}) {
  const failed = props.errors.length > 0 && props.hits.length === 0;
  const announcement =
    props.loading || failed
      ? ''
      : props.total === 0
        ? `Keine Treffer für „${props.query}“.`
        : props.hits.length < props.total
          ? `${formatNumber(props.total)} Treffer für „${props.query}“, die ersten ${formatNumber(props.hits.length)} werden angezeigt.`
          : `${formatNumber(props.total)} Treffer für „${props.query}“.`;
  return (
    <div className="results">
      <h2 className="kern-heading-small">Ergebnisse</h2>
      <p className="kern-body" role="status" aria-live="polite" data-testid="result-count">
        {announcement}
      </p>
      <Errors errors={props.errors} onRetry={props.retry} />
      {props.loading && props.hits.length === 0 ? <Loading what="Treffer" /> : null}
      {!props.loading && props.total === 0 && !failed ? (
        <Empty>
          Versuchen Sie ein anderes Wort, entfernen Sie Filter oder suchen Sie nach dem Namen einer Kommune.
        </Empty>
      ) : null}
      <ol className="hits" aria-busy={props.loading}>
        {props.hits.map((hit, index) => {
          const href = hitHref(hit);
          const snippet = hit.highlights.find((h) => h.field !== 'title') ?? null;
          const owner = hit.entity && 'municipality' in hit.entity ? hit.entity.municipality?.name : null;
          return (
            <li key={`${hit.type}-${href ?? index}`} className="hit kern-card">
              <div className="kern-card__container">
                <p className="kern-body kern-body--muted hit__type">
                  {label(SEARCH_TYPE, hit.type)}
                  {owner ? ` · ${owner}` : ''}
                </p>
                <h3 className="kern-heading-small hit__title">
                  {href ? <Link href={href}>{hit.title}</Link> : <span>{hit.title} (nicht mehr verfügbar)</span>}
                </h3>
                {snippet ? (
                  <p className="kern-body hit__snippet">
                    <Highlighted snippet={snippet.snippet} />
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {props.more ? (
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={() => !props.loading && props.more?.()}
          aria-disabled={props.loading || undefined}
        >
          <span className="kern-label">Weitere Treffer laden</span>
        </button>
      ) : null}
    </div>
  );
}
