import { Link } from 'wouter';
import { CoordinatorOverview, Municipalities } from '../../../generated/operations.js';
import { useQuery } from '../../api/client.js';
import { Page, Section } from '../../ui/page.js';
import { Empty, Errors, Loading } from '../../ui/states.js';
import { errorsUnder } from '../municipality.js';
import { ChooseMunicipality, type Choice } from './choose-municipality.js';
import { TITLE } from './common.js';
import {
  OverviewCatalogue,
  OverviewDrafts,
  OverviewEvents,
  OverviewModules,
  OverviewParticipations,
} from './overview.js';
import { MunicipalityWorkspace } from './workspace.js';

// Coordinators: overviews across municipalities, and the views of any one municipality.

/** The overviews, in page order: each shows the errors under its field of the answer. */
const OVERVIEW_SECTIONS = [
  { field: 'cooperations', id: 'alle-teilnahmeerklaerungen', title: 'Teilnahmeerklärungen aller Kommunen' },
  { field: 'events', id: 'alle-veranstaltungen', title: 'Veranstaltungen und Anmeldungen' },
  { field: 'modules', id: 'alle-module', title: 'Module und ihre Nutzung' },
  { field: 'qualityAreas', id: 'quick-check-katalog', title: 'Quick-Check-Katalog' },
  { field: 'practices', id: 'alle-entwuerfe', title: 'Entwürfe aller Kommunen' },
] as const;

/** The coordinator's page: the overviews, then any one municipality's workspace. */
export function CoordinatorPage({ chosen, choose }: { chosen: string | null; choose: (ags: string) => void }) {
  const overview = useQuery(CoordinatorOverview, {});
  const directory = useQuery(Municipalities, { first: 200 });
  const data = overview.data;
  const errorsOf = (field: string) => errorsUnder(overview.errors, field);
  const pageErrors = overview.errors.filter((e) => !OVERVIEW_SECTIONS.some((s) => errorsOf(s.field).includes(e)));
  const choices: Choice[] = (directory.data?.municipalities?.edges.map((e) => e.node) ?? [])
    .map((m) => ({ ags: m.ags, name: m.name, label: `${m.name} (${m.district.name})` }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags));
  const current = chosen ? (choices.find((c) => c.ags === chosen) ?? null) : null;

  return (
    <Page
      title={TITLE}
      lead="Überblick für die Koordination: Teilnahmeerklärungen, Veranstaltungen, Module, der Quick-Check-Katalog und die Entwürfe aller Kommunen."
    >
      <nav aria-label="Auf dieser Seite" className="kern-body">
        <ul className="kern-list">
          {OVERVIEW_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#fuer-eine-kommune">Für eine Kommune handeln</a>
          </li>
        </ul>
      </nav>
      {overview.loading && !data ? <Loading what="Übersichten" /> : null}
      <Errors errors={pageErrors} onRetry={overview.refetch} />
      {data ? (
        <>
          <OverviewParticipations data={data} errors={errorsOf('cooperations')} retry={overview.refetch} />
          <OverviewEvents data={data} errors={errorsOf('events')} retry={overview.refetch} />
          <OverviewModules data={data} errors={errorsOf('modules')} retry={overview.refetch} />
          <OverviewCatalogue data={data} errors={errorsOf('qualityAreas')} retry={overview.refetch} />
          <OverviewDrafts data={data} errors={errorsOf('practices')} retry={overview.refetch} />
        </>
      ) : null}
      <Section title="Für eine Kommune handeln" id="fuer-eine-kommune">
        <p className="kern-body">
          Wählen Sie eine Kommune, um wie ihre Redaktion Entwürfe, Interesse, Anmeldungen und Teilnahmeerklärungen zu
          sehen und zu ändern.
        </p>
        <Errors errors={directory.errors} onRetry={directory.refetch} />
        {directory.loading && !directory.data ? <Loading what="Kommunen" /> : null}
        {choices.length > 0 ? (
          <ChooseMunicipality
            label="Kommune"
            hint="Die Angaben erscheinen unter der Auswahl."
            options={choices}
            value={current?.ags ?? ''}
            onChange={choose}
          />
        ) : null}
        {chosen && directory.data && !current ? (
          <Empty>Eine Kommune mit dem Gemeindeschlüssel „{chosen}“ wurde nicht gefunden.</Empty>
        ) : null}
        {current ? (
          <p className="kern-body">
            <Link href={`/kommunen/${current.ags}`}>Öffentliche Seite von {current.name}</Link>
          </p>
        ) : null}
      </Section>
      {current ? (
        <MunicipalityWorkspace key={current.ags} ags={current.ags} name={current.name} onChanged={overview.refetch} />
      ) : null}
    </Page>
  );
}
