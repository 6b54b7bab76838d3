import { Link } from 'wouter';
import { MunicipalityParticipations, MunicipalityProfile } from '../../generated/operations.js';
import type { MunicipalityParticipationsQuery, MunicipalityProfileQuery } from '../../generated/graphql.js';
import { useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { MUNICIPALITY_KIND, REGION, label } from '../labels.js';
import { Fact, Facts } from '../ui/facts.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading } from '../ui/states.js';
import './municipality.css';
import { AdaptedPractices, HostedEvents, Modules, Practices } from './municipality/sections.js';

type Profile = NonNullable<MunicipalityProfileQuery['municipality']>;
type Participation = NonNullable<MunicipalityParticipationsQuery['municipality']>['participations'][number];

/** The errors reported at `path` or below it, e.g. `['municipality', 'practices']` for a subgraph that is down. */
export function errorsUnder(errors: ApiError[], ...path: (string | number)[]): ApiError[] {
  return errors.filter((e) => e.path && path.every((part, i) => e.path![i] === part));
}

/** The fields of the profile that other subgraphs add: each has its own section and its own error. */
const SECTION_FIELDS = ['cooperations', 'practices', 'adaptedPractices', 'modules', 'hostedEvents'] as const;

export function MunicipalityPage({ ags }: { ags: string }) {
  const session = useSession();
  const profile = useQuery(MunicipalityProfile, { ags });
  const participations = useQuery(MunicipalityParticipations, { ags });
  const municipality = profile.data?.municipality ?? null;

  if (!municipality) {
    if (profile.loading) {
      return (
        <Page title="Kommune">
          <Loading what="Angaben zur Kommune" />
        </Page>
      );
    }
    if (profile.errors.length === 0 || isNotFound(profile.errors)) {
      return (
        <Page title="Kommune nicht gefunden">
          <p className="kern-body" data-testid="not-found">
            Eine Kommune mit dem Gemeindeschlüssel „{ags}“ wurde im Welcome Hub nicht gefunden. Der Amtliche
            Gemeindeschlüssel hat acht Ziffern, zum Beispiel 05970040 für Siegen.
          </p>
          <p className="kern-body">
            <Link href="/">Zur Suche</Link>
          </p>
        </Page>
      );
    }
    return (
      <Page title="Kommune">
        <Errors errors={profile.errors} onRetry={profile.refetch} />
      </Page>
    );
  }

  // Errors of one section show in that section; all others above everything.
  const pageErrors = profile.errors.filter(
    (e) => !SECTION_FIELDS.some((field) => errorsUnder([e], 'municipality', field).length > 0),
  );
  const mayManage = Boolean(
    session.viewer &&
      (session.viewer.role === 'COORDINATOR' || session.viewer.municipalities.some((m) => m.ags === ags)),
  );

  return (
    <Page
      title={municipality.name}
      lead={`${municipality.officialName} · ${label(MUNICIPALITY_KIND, municipality.kind)} in ${municipality.district.name}, ${label(REGION, municipality.region)}`}
    >
      <Errors errors={pageErrors} onRetry={profile.refetch} />
      {mayManage ? (
        <p className="kern-body municipality-actions">
          <Link href={`/meine-kommune?kommune=${municipality.ags}`}>
            Entwürfe, Anmeldungen und Teilnahme von {municipality.name} verwalten
          </Link>
        </p>
      ) : null}
      <Statistics municipality={municipality} />
      <Cooperations
        municipality={municipality}
        errors={errorsUnder(profile.errors, 'municipality', 'cooperations')}
        participations={participations.data?.municipality?.participations ?? null}
        participationErrors={participations.errors}
        participationsLoading={participations.loading && !participations.data}
        retryParticipations={participations.refetch}
        signedIn={Boolean(session.viewer)}
      />
      <Practices
        municipality={municipality}
        errors={errorsUnder(profile.errors, 'municipality', 'practices')}
        retry={profile.refetch}
      />
      <AdaptedPractices
        municipality={municipality}
        errors={errorsUnder(profile.errors, 'municipality', 'adaptedPractices')}
        retry={profile.refetch}
      />
      <Modules
        municipality={municipality}
        errors={errorsUnder(profile.errors, 'municipality', 'modules')}
        retry={profile.refetch}
      />
      <HostedEvents
        municipality={municipality}
        errors={errorsUnder(profile.errors, 'municipality', 'hostedEvents')}
        retry={profile.refetch}
      />
    </Page>
  );
}

/** The official statistics with the attribution the data licence requires, right under them. */
function Statistics({ municipality: m }: { municipality: Profile }) {
  return (
    <Section title="Amtliche Statistik" id="statistik">
      <Facts describedBy="statistik-quelle">
        <Fact term="Einwohnerinnen und Einwohner">
          {m.population == null ? 'nicht bekannt' : formatNumber(m.population)}
          {m.population != null && m.populationDate ? ` (Stand: ${formatDate(m.populationDate)})` : ''}
        </Fact>
        <Fact term="Fläche">{m.areaKm2 == null ? 'nicht bekannt' : `${formatNumber(m.areaKm2)} km²`}</Fact>
        <Fact term="Art">{label(MUNICIPALITY_KIND, m.kind)}</Fact>
        <Fact term="Kreis">{m.district.name}</Fact>
        <Fact term="Region">{label(REGION, m.region)}</Fact>
        <Fact term="Postleitzahl (Verwaltungssitz)">{m.postalCode ?? 'nicht bekannt'}</Fact>
        <Fact term="Amtlicher Gemeindeschlüssel">{m.ags}</Fact>
      </Facts>
      <p className="kern-body kern-body--small attribution" id="statistik-quelle" data-testid="attribution">
        {m.attribution.text}{' '}
        <a href={m.attribution.licenceUrl} rel="license">
          Lizenztext {m.attribution.licence}
        </a>
      </p>
    </Section>
  );
}

function Cooperations(props: {
  municipality: Profile;
  errors: ApiError[];
  participations: Participation[] | null;
  participationErrors: ApiError[];
  participationsLoading: boolean;
  retryParticipations: () => void;
  signedIn: boolean;
}) {
  const { municipality: m, participations, signedIn } = props;
  const bySlug = new Map((participations ?? []).map((p) => [p.cooperation.slug, p]));
  // A declaration for a cooperation the profile does not list still shows.
  const cooperations = [
    ...m.cooperations,
    ...(participations ?? []).map((p) => p.cooperation).filter((c) => !m.cooperations.some((k) => k.slug === c.slug)),
  ];
  return (
    <Section title="Kooperationen und Teilnahme" id="kooperationen">
      <Errors errors={props.errors} />
      <Errors errors={props.participationErrors} onRetry={props.retryParticipations} />
      {props.participationsLoading ? <Loading what="Teilnahmeerklärungen" /> : null}
      {cooperations.length === 0 ? (
        <Empty>{m.name} gehört keiner Kooperation im Welcome Hub an und ist zu keiner eingeladen.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="kern-table">
            <caption className="kern-title">Kooperationen von {m.name} und ihre Teilnahmeerklärungen</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Kooperation
                </th>
                <th scope="col" className="kern-table__header">
                  Teilnahme erklärt am
                </th>
                <th scope="col" className="kern-table__header">
                  Stand
                </th>
                {signedIn ? (
                  <th scope="col" className="kern-table__header">
                    Ansprechperson
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {cooperations.map((c) => {
                const p = bySlug.get(c.slug);
                return (
                  <tr className="kern-table__row" key={c.slug}>
                    <th scope="row" className="kern-table__header">
                      {c.name}
                    </th>
                    <td className="kern-table__cell">
                      {p ? formatDate(p.declaredOn) : participations ? 'keine Erklärung' : 'nicht verfügbar'}
                    </td>
                    <td className="kern-table__cell">
                      {p ? (
                        <span className={`kern-badge ${p.active ? 'kern-badge--success' : 'kern-badge--warning'}`}>
                          <span className="kern-label">{p.active ? 'aktiv' : 'zurückgezogen'}</span>
                        </span>
                      ) : participations ? (
                        'Teilnahme nicht erklärt'
                      ) : (
                        'unbekannt'
                      )}
                    </td>
                    {signedIn ? (
                      <td className="kern-table__cell">
                        {p?.contact ? (
                          <>
                            {p.contact.name} ({p.contact.role}),{' '}
                            <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                          </>
                        ) : (
                          '–'
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!signedIn && cooperations.length > 0 ? (
        <p className="kern-body kern-hint">
          Die Ansprechpersonen der Teilnahmeerklärungen sehen Sie nach der{' '}
          <a href={signInUrl(`/kommunen/${m.ags}`)}>Anmeldung</a>.
        </p>
      ) : null}
    </Section>
  );
}
