import { Link } from 'wouter';
import { ModulePage as ModulePageQuery } from '../../generated/operations.js';
import { clearCache, useQuery } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { MODULE_KIND, label } from '../labels.js';
import { ExternalLink } from '../ui/external-link.js';
import { Licence } from '../ui/licence.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import { Prose } from '../ui/text.js';
import { AdoptionForm } from './module/adoption-form.js';
import { Adoptions } from './module/adoptions.js';
import './modules.css';

// A module's page: facts, versions with downloads, Quick-Check criteria, the municipalities
// that use it, and the form to record the own use. The parts live in ./module/.

export function ModulePage({ slug }: { slug: string }) {
  const session = useSession();
  const query = useQuery(ModulePageQuery, { slug });
  const module = query.data?.module ?? null;

  if (query.loading && !module) {
    return (
      <Page title="Modul">
        <Loading what="Das Modul und seine Versionen" />
      </Page>
    );
  }
  if (!module) {
    const notFound = query.errors.length === 0 || isNotFound(query.errors);
    return (
      <Page title={notFound ? 'Modul nicht gefunden' : 'Modul'}>
        {notFound ? (
          <Notice tone="info" role="alert" title="Dieses Modul gibt es nicht (mehr).">
            <p className="kern-body">
              Unter der Adresse „{slug}“ ist kein Modul eingetragen. Vielleicht wurde es umbenannt.{' '}
              <Link href="/module">Zum Modulkatalog</Link>
            </p>
          </Notice>
        ) : (
          <>
            <Errors errors={query.errors} onRetry={query.refetch} />
            <p className="kern-body">
              <Link href="/module">Zum Modulkatalog</Link>
            </p>
          </>
        )}
      </Page>
    );
  }

  const ownAgs = session.ownAgs;
  const own = ownAgs ? (module.adoptions.find((a) => (a.place?.ags ?? a.municipality?.ags) === ownAgs) ?? null) : null;
  const ownName = session.viewer?.municipalities.find((m) => m.ags === ownAgs)?.name ?? 'Ihre Kommune';
  const refresh = () => {
    clearCache();
    query.refetch();
  };

  return (
    <Page title={module.title} lead={module.summary}>
      <Errors errors={query.errors} onRetry={query.refetch} />
      <dl className="facts">
        <dt>Art</dt>
        <dd>{label(MODULE_KIND, module.kind)}</dd>
        <dt>Herausgegeben von</dt>
        <dd>
          {module.municipality ? (
            <Link href={`/kommunen/${module.municipality.ags}`}>{module.municipality.name}</Link>
          ) : module.cooperation ? (
            module.cooperation.name
          ) : (
            'nicht angegeben'
          )}
        </dd>
        <dt>Lizenz</dt>
        <dd>
          <Licence code={module.licence} />
        </dd>
        <dt>Genutzt von</dt>
        <dd>{adoptionText(module.adoptionCount)}</dd>
        <dt>Zuletzt geändert</dt>
        <dd>{formatDate(module.updatedAt)}</dd>
        {module.source ? (
          <>
            <dt>Quelle</dt>
            <dd>{module.source}</dd>
          </>
        ) : null}
      </dl>

      <Section title="Beschreibung">
        {module.description ? <Prose text={module.description} /> : <p className="kern-body">{module.summary}</p>}
      </Section>

      <Section title="Versionen und Downloads" id="versionen">
        {module.versions.length === 0 ? (
          <Empty>
            Von diesem Modul ist noch keine Version mit Downloads veröffentlicht. Fragen Sie bei der Koordination nach
            dem aktuellen Stand.
          </Empty>
        ) : (
          <ol className="module-versions">
            {module.versions.map((v, i) => (
              <li key={v.version} className="kern-card module-versions__item">
                <div className="kern-card__container">
                  <h3 className="kern-heading-small">
                    Version {v.version}
                    {i === 0 ? <span className="visually-hidden"> (aktuell)</span> : null}
                  </h3>
                  <p className="kern-body kern-body--muted">
                    Veröffentlicht am {formatDate(v.releasedOn)}
                    {i === 0 ? ' · aktuelle Version' : ''}
                  </p>
                  {v.notes ? <Prose text={v.notes} headingLevel={4} /> : null}
                  {v.links.length ? (
                    <ul className="kern-list module-downloads">
                      {v.links.map((l) => (
                        <li key={l.url}>
                          <ExternalLink href={l.url} context={`Version ${v.version}`}>
                            {l.title}
                          </ExternalLink>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="kern-body">Zu dieser Version gibt es keine Downloads.</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Hilft im Quick-Check bei" id="kriterien">
        {module.criteria.length === 0 ? (
          <Empty>Das Modul ist noch keinem Kriterium des Quick-Checks zugeordnet.</Empty>
        ) : (
          <ul className="kern-list kern-list--bullet">
            {module.criteria.map((c) => (
              <li key={c.key}>
                {c.title}
                {c.area ? <span className="kern-body--muted"> ({c.area.title})</span> : null}
              </li>
            ))}
          </ul>
        )}
        <p className="kern-body">
          <Link href="/quick-check">Zum Quick-Check</Link>: Finden Sie heraus, wo Ihre Kommune steht.
        </p>
      </Section>

      <Section title="Kommunen, die das Modul nutzen" id="nutzung">
        <Adoptions module={module} />
      </Section>

      <Section title="Nutzung in Ihrer Kommune eintragen" id="eintragen">
        {session.loading ? (
          <Loading what="Ihre Anmeldedaten" />
        ) : !session.viewer ? (
          <p className="kern-body">
            Redakteurinnen und Redakteure einer Kommune tragen hier ein, ob und wie ihre Kommune das Modul nutzt.{' '}
            <a href={signInUrl(`/module/${slug}`)}>Anmelden, um die Nutzung einzutragen</a>
          </p>
        ) : !ownAgs ? (
          <p className="kern-body">
            Ihr Konto gehört zu keiner Kommune. Die Nutzung eines Moduls tragen die Redaktionen der Kommunen ein.
          </p>
        ) : (
          <AdoptionForm
            key={`${module.id}-${ownAgs}`}
            module={module}
            ags={ownAgs}
            municipalityName={ownName}
            existing={own}
            onSaved={refresh}
          />
        )}
      </Section>
    </Page>
  );
}

/** "noch keiner Kommune", "einer Kommune", "3 Kommunen": after "Genutzt von". */
const adoptionText = (count: number) =>
  count === 0 ? 'noch keiner Kommune' : count === 1 ? 'einer Kommune' : `${formatNumber(count)} Kommunen`;
