import { Link, useLocation, useSearch } from 'wouter';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { Page } from '../ui/page.js';
import { Empty, Loading } from '../ui/states.js';
import { ChooseMunicipality } from './my-municipality/choose-municipality.js';
import { HERE, TITLE } from './my-municipality/common.js';
import { CoordinatorPage } from './my-municipality/coordinator.js';
import { MunicipalityWorkspace } from './my-municipality/workspace.js';
import './municipality.css';

// "Meine Kommune": editors manage their municipality's entries, coordinators get overviews
// across all municipalities and can act for any one. The parts live in ./my-municipality/.

export function MyMunicipalityPage() {
  const session = useSession();
  const chosen = new URLSearchParams(useSearch()).get('kommune');
  const [, navigate] = useLocation();
  // The chosen municipality stands in the address, so a view of one municipality is a link.
  const choose = (ags: string) =>
    navigate(ags ? `${HERE}?kommune=${encodeURIComponent(ags)}` : HERE, { replace: true });

  if (session.loading) {
    return (
      <Page title={TITLE}>
        <Loading what="Angaben zur Anmeldung" />
      </Page>
    );
  }
  const viewer = session.viewer;
  if (!viewer) return <SignedOut />;
  if (viewer.role === 'COORDINATOR') return <CoordinatorPage chosen={chosen} choose={choose} />;
  return <EditorPage viewer={viewer} ownAgs={session.ownAgs} chosen={chosen} choose={choose} />;
}

function SignedOut() {
  return (
    <Page
      title={TITLE}
      lead="Hier verwalten die Redaktionen der Kommunen und die Koordination ihre Einträge im Welcome Hub."
    >
      <p className="kern-body" data-testid="signed-out">
        Bitte melden Sie sich an. Danach sehen Sie die Entwürfe Ihrer Kommune, welche Kommunen sich für Ihre
        Praxisbeispiele interessieren, die Anmeldungen Ihrer Kommune zu Veranstaltungen und ihre Teilnahmeerklärungen zu
        den Kooperationen. Die Koordination sieht hier den Überblick über alle Kommunen.
      </p>
      <p className="kern-body">Alles Übrige im Welcome Hub lesen Sie auch ohne Anmeldung.</p>
      <a className="kern-btn kern-btn--primary" href={signInUrl(HERE)}>
        <span className="kern-label">Zur Anmeldung</span>
      </a>
    </Page>
  );
}

function EditorPage({
  viewer,
  ownAgs,
  chosen,
  choose,
}: {
  viewer: Viewer;
  ownAgs: string | null;
  chosen: string | null;
  choose: (ags: string) => void;
}) {
  const own = viewer.municipalities;
  if (own.length === 0) {
    return (
      <Page title={TITLE}>
        <Empty>
          Ihrem Konto ist noch keine Kommune zugeordnet. Bitte wenden Sie sich an die Koordination des Welcome Hub.
        </Empty>
      </Page>
    );
  }
  const current = own.find((m) => m.ags === chosen) ?? own.find((m) => m.ags === ownAgs) ?? own[0];
  return (
    <Page
      title={TITLE}
      lead={`Entwürfe, Interesse anderer Kommunen, Anmeldungen zu Veranstaltungen und die Teilnahme an Kooperationen für ${current.name}.`}
    >
      {own.length > 1 ? (
        <ChooseMunicipality
          label="Kommune"
          hint="Sie arbeiten für mehrere Kommunen. Die Angaben unten gelten für die gewählte."
          options={[...own].sort((a, b) => a.name.localeCompare(b.name, 'de'))}
          value={current.ags}
          onChange={choose}
        />
      ) : null}
      <p className="kern-body">
        Sie bearbeiten <strong>{current.name}</strong>.{' '}
        <Link href={`/kommunen/${current.ags}`}>Öffentliche Seite von {current.name}</Link>
      </p>
      <MunicipalityWorkspace key={current.ags} ags={current.ags} name={current.name} />
    </Page>
  );
}
