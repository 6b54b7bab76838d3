import { Link, useLocation, useSearch } from 'wouter';
import { ModuleCatalogue, QuickCheckQuestions } from '../../generated/operations.js';
import type { ModuleCatalogueQuery, ModuleKind } from '../../generated/graphql.js';
import { useQuery } from '../api/client.js';
import { formatDate, formatNumber } from '../format.js';
import { MODULE_KIND, label } from '../labels.js';
import { Licence } from '../ui/licence.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, Loading } from '../ui/states.js';
import { KindBadge } from './module/badges.js';
import './modules.css';

type CatalogueModule = NonNullable<ModuleCatalogueQuery['modules']>['edges'][number]['node'];

/** More than the catalogue holds today (nine modules); downloads are on each module's page, which keeps a page's cost low. */
const PAGE_SIZE = 100;

export function ModulesPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const kind = params.get('art');
  const criterion = params.get('kriterium');
  const validKind = kind && kind in MODULE_KIND ? (kind as ModuleKind) : null;
  const filter = { ...(validKind ? { kind: validKind } : {}), ...(criterion ? { criterion } : {}) };
  const catalogue = useQuery(ModuleCatalogue, { filter, first: PAGE_SIZE, after: null });
  const connection = catalogue.data?.modules ?? null;
  const modules = connection?.edges.map((e) => e.node) ?? [];
  // The criterion's title: from the modules shown, else from the Quick-Check catalogue.
  const questions = useQuery(QuickCheckQuestions, {}, { skip: !criterion });
  const criterionTitle = criterion
    ? (modules.flatMap((m) => m.criteria).find((c) => c.key === criterion)?.title ??
      questions.data?.qualityAreas?.flatMap((a) => a.criteria).find((c) => c.key === criterion)?.title ??
      criterion)
    : null;

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    navigate(query ? `/module?${query}` : '/module');
  };

  const count = connection?.totalCount ?? 0;
  const announcement =
    catalogue.loading || !connection
      ? ''
      : count === 0
        ? 'Keine Module'
        : count === 1
          ? 'Ein Modul'
          : `${formatNumber(count)} Module`;

  return (
    <Page
      title="Module"
      lead="Checklisten, Vorlagen, Materialien und Konzepte der Kooperationen: ein regionaler Rahmen, den jede Kommune vor Ort füllt."
    >
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is no landmark before Chrome/Firefox 118
          and Safari 17, newer than the build target (es2022); role="search" works in all */}
      <form
        className="module-filter"
        role="search"
        aria-label="Module filtern"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="modul-art">
            Art des Moduls
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="modul-art"
              className="kern-form-input__select"
              value={validKind ?? ''}
              onChange={(event) => setParam('art', event.target.value || null)}
            >
              <option value="">alle Arten</option>
              {Object.entries(MODULE_KIND).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      {criterion ? (
        <p className="kern-body">
          Nur Module zum Quick-Check-Kriterium „{criterionTitle}“.{' '}
          <Link href={validKind ? `/module?art=${validKind}` : '/module'}>Alle Module zeigen</Link>
        </p>
      ) : null}

      <Section title="Module im Katalog" id="katalog">
        <p className="kern-body" role="status" aria-live="polite">
          {announcement}
          {announcement && validKind ? ` der Art „${label(MODULE_KIND, validKind)}“` : ''}
          {announcement ? '.' : ''}
        </p>
        <Errors errors={catalogue.errors} onRetry={catalogue.refetch} />
        {catalogue.loading && modules.length === 0 ? <Loading what="Module" /> : null}
        {!catalogue.loading && connection && modules.length === 0 ? (
          <Empty>
            {validKind || criterion ? (
              <>
                Zu diesem Filter gibt es kein Modul. <Link href="/module">Alle Module zeigen</Link>
              </>
            ) : (
              'Im Katalog ist noch kein Modul eingetragen.'
            )}
          </Empty>
        ) : null}
        {modules.length > 0 ? (
          <ul className="module-list" aria-busy={catalogue.loading}>
            {modules.map((m) => (
              <ModuleCard key={m.id} module={m} />
            ))}
          </ul>
        ) : null}
        {connection?.pageInfo.hasNextPage ? (
          <p className="kern-body">
            Angezeigt werden die ersten {formatNumber(modules.length)} von {formatNumber(connection.totalCount)}{' '}
            Modulen. Grenzen Sie die Auswahl mit der Art ein.
          </p>
        ) : null}
      </Section>
    </Page>
  );
}

function ModuleCard({ module: m }: { module: CatalogueModule }) {
  const latest = m.versions[0] ?? null;
  return (
    <li className="kern-card module-card">
      <div className="kern-card__container">
        <p className="module-card__kind">
          <KindBadge kind={m.kind} />
        </p>
        <h3 className="kern-heading-small module-card__title">
          <Link href={`/module/${m.slug}`}>{m.title}</Link>
        </h3>
        <p className="kern-body">{m.summary}</p>
        <dl className="facts module-card__facts">
          <dt>Aktuelle Version</dt>
          <dd>
            {latest ? `${latest.version} vom ${formatDate(latest.releasedOn)}` : 'noch keine Version veröffentlicht'}
          </dd>
          {m.versions.length > 1 ? (
            <>
              <dt>Versionen</dt>
              <dd>{formatNumber(m.versions.length)}</dd>
            </>
          ) : null}
          <dt>Genutzt von</dt>
          <dd>
            {m.adoptionCount === 0
              ? 'noch keiner Kommune'
              : `${m.adoptionCount === 1 ? 'einer Kommune' : `${formatNumber(m.adoptionCount)} Kommunen`} (${formatNumber(m.inUseCount)} im Einsatz)`}
          </dd>
          {m.criteria.length ? (
            <>
              <dt>Hilft bei</dt>
              <dd>{m.criteria.map((c) => c.title).join(', ')}</dd>
            </>
          ) : null}
          {m.licence ? (
            <>
              <dt>Lizenz</dt>
              <dd>
                <Licence code={m.licence} />
              </dd>
            </>
          ) : null}
        </dl>
        {latest ? (
          <p className="kern-body">
            <Link href={`/module/${m.slug}`}>Downloads und alle Versionen von „{m.title}“</Link>
          </p>
        ) : null}
      </div>
    </li>
  );
}
