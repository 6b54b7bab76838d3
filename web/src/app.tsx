import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation, useSearch } from 'wouter';
import { Viewer } from '../generated/operations.js';
import { clearCache, useQuery } from './api/client.js';
import { SessionContext, signInUrl, type Session } from './api/session.js';
import { ROLE } from './labels.js';
import { Page, cameBack } from './ui/page.js';
import { StartPage } from './pages/start.js';
import { PracticePage } from './pages/practice.js';
import { MunicipalityPage } from './pages/municipality.js';
import { EventsPage } from './pages/events.js';
import { EventPage } from './pages/event.js';
import { ModulesPage } from './pages/modules.js';
import { ModulePage } from './pages/module.js';
import { QuickCheckPage } from './pages/quick-check.js';
import { MyMunicipalityPage } from './pages/my-municipality.js';
import { PracticeEditPage } from './pages/practice-edit.js';
import { SeriesPage } from './pages/series.js';
import { AssessmentPage } from './pages/assessment.js';

/** The main navigation: every journey starts from one of these. */
const NAVIGATION = [
  { href: '/', label: 'Suche' },
  { href: '/module', label: 'Module' },
  { href: '/quick-check', label: 'Quick-Check' },
  { href: '/veranstaltungen', label: 'Veranstaltungen' },
  { href: '/meine-kommune', label: 'Meine Kommune' },
];

export function App() {
  const [generation, setGeneration] = useState(0);
  const viewer = useQuery(Viewer, {});
  const { refetch } = viewer;
  const refresh = useCallback(() => {
    clearCache();
    setGeneration((g) => g + 1);
    refetch();
  }, [refetch]);
  // A session can end while the tab sleeps: ask again who is signed in when it is shown.
  useEffect(() => {
    const again = () => document.visibilityState === 'visible' && refetch();
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, [refetch]);
  const session = useMemo<Session>(() => {
    const current = viewer.data?.viewer ?? null;
    return {
      viewer: current,
      loading: viewer.loading && !viewer.data,
      ownAgs: current?.municipalities[0]?.ags ?? null,
      refresh,
    };
  }, [viewer.data, viewer.loading, refresh]);

  return (
    <SessionContext.Provider value={session}>
      <Layout key={generation}>
        <Switch>
          <Route path="/" component={StartPage} />
          <Route path="/praxis/:slug">{(params) => <PracticePage slug={params.slug} />}</Route>
          <Route path="/praxis/:slug/bearbeiten">{(params) => <PracticeEditPage slug={params.slug} />}</Route>
          <Route path="/kommunen/:ags">{(params) => <MunicipalityPage ags={params.ags} />}</Route>
          <Route path="/veranstaltungen" component={EventsPage} />
          <Route path="/veranstaltungen/reihen/:slug">{(params) => <SeriesPage slug={params.slug} />}</Route>
          <Route path="/veranstaltungen/:slug">{(params) => <EventPage slug={params.slug} />}</Route>
          <Route path="/module" component={ModulesPage} />
          <Route path="/module/:slug">{(params) => <ModulePage slug={params.slug} />}</Route>
          <Route path="/quick-check" component={QuickCheckPage} />
          <Route path="/quick-check/ergebnis/:id">{(params) => <AssessmentPage id={params.id} />}</Route>
          <Route path="/meine-kommune" component={MyMunicipalityPage} />
          <Route>
            <Page title="Seite nicht gefunden">
              <p className="kern-body">
                Diese Adresse gibt es im Welcome Hub nicht. <Link href="/">Zur Suche</Link>
              </p>
            </Page>
          </Route>
        </Switch>
      </Layout>
    </SessionContext.Provider>
  );
}

function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  // A new page starts at its top. (Braces: scrollTo returns a promise in current Chromium, and an effect may return only its clean-up.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: location is the trigger (each navigation)
  useEffect(() => {
    if (!cameBack()) window.scrollTo(0, 0);
  }, [location]);
  return (
    <>
      <a className="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link href="/" className="site-name">
            Welcome Hub <span className="site-name__sub">Südwestfalen und Ruhrgebiet</span>
          </Link>
          <Account />
        </div>
        <nav aria-label="Hauptnavigation" className="site-nav">
          <ul>
            {NAVIGATION.map((item) => {
              const current = item.href === '/' ? location === '/' : location.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main id="inhalt" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p className="kern-body kern-body--muted">
          Welcome Hub: Kommunen in Südwestfalen und im Ruhrgebiet teilen, wie sie Neuzugezogene willkommen heißen.
          Amtliche Statistik: Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung – Version 2.0.
          Schnittstelle für Partner: <a href="/graphql">/graphql</a>.
        </p>
        <p className="kern-body kern-body--muted">
          <a href="/open-data/">Offene Daten</a> (CSV, JSON, DCAT-AP.de-Katalog) ·{' '}
          <a href="/embed/demo.html">Diagramme zum Einbetten</a>
        </p>
      </footer>
    </>
  );
}

function Account() {
  const [location] = useLocation();
  const search = useSearch();
  const here = search ? `${location}?${search}` : location;
  return (
    <SessionContext.Consumer>
      {(session) =>
        // While the session is asked for, the place says it is busy (screen readers, and the browser tests wait for it).
        session.loading ? (
          <span className="account" aria-busy="true" />
        ) : session.viewer ? (
          <form method="post" action="/auth/logout" className="account" onSubmit={forgetThisTab}>
            <span className="kern-body">
              Angemeldet: {session.viewer.name ?? session.viewer.subject} (
              {ROLE[session.viewer.role] ?? session.viewer.role}
              {session.viewer.municipalities.length
                ? `, ${session.viewer.municipalities.map((m) => m.name).join(', ')}`
                : ''}
              )
            </span>
            <button type="submit" className="kern-btn kern-btn--tertiary">
              <span className="kern-label">Abmelden</span>
            </button>
          </form>
        ) : (
          <a className="kern-btn kern-btn--secondary account" href={signInUrl(here)}>
            <span className="kern-label">Anmelden</span>
          </a>
        )
      }
    </SessionContext.Consumer>
  );
}

/**
 * Signing out leaves nothing of the person in this tab: drafts kept in sessionStorage
 * (the Quick-Check's answers, interest marks) are removed before the browser leaves.
 */
function forgetThisTab() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('welcome-hub:')) sessionStorage.removeItem(key);
}

// A page restored from the back-forward cache may show what a signed-out person must not see: load it anew.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
