import { useState } from 'react';
import { MyMunicipality } from '../../../generated/operations.js';
import { clearCache, useQuery } from '../../api/client.js';
import { Section } from '../../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../../ui/states.js';
import { errorsUnder } from '../municipality.js';
import { Drafts } from './drafts.js';
import { Interests } from './interests.js';
import { ParticipationCard } from './participation-card.js';
import { Registrations } from './registrations.js';

// One municipality's workspace: its drafts, the interest of others, its registrations and its
// participation declarations. The same for its editors and for a coordinator acting for it.

/** What an editor (or a coordinator acting for it) manages for one municipality. */
export function MunicipalityWorkspace({
  ags,
  name: givenName,
  onChanged,
}: {
  ags: string;
  name: string;
  onChanged?: () => void;
}) {
  const answer = useQuery(MyMunicipality, { ags });
  const [notice, setNotice] = useState<string | null>(null);
  const { data, errors, refetch } = answer;

  if (!data) {
    if (answer.loading) return <Loading what={`Angaben zu ${givenName}`} />;
    if (isNotFound(errors)) return <Empty>Die Kommune mit dem Gemeindeschlüssel „{ags}“ wurde nicht gefunden.</Empty>;
    return <Errors errors={errors} onRetry={refetch} />;
  }

  const municipality = data.municipality;
  const name = municipality?.name ?? givenName;
  const practiceErrors = errorsUnder(errors, 'practices');
  const registrationErrors = errorsUnder(errors, 'municipality', 'registrations');
  const municipalityErrors = errorsUnder(errors, 'municipality').filter((e) => !registrationErrors.includes(e));
  const otherErrors = errors.filter(
    (e) => !practiceErrors.includes(e) && !registrationErrors.includes(e) && !municipalityErrors.includes(e),
  );
  if (!municipality && municipalityErrors.length === 0) {
    return <Empty>Die Kommune mit dem Gemeindeschlüssel „{ags}“ wurde nicht gefunden.</Empty>;
  }
  const practices = data.practices?.edges.map((e) => e.node) ?? null;

  const done = (message: string) => {
    clearCache();
    setNotice(message);
    refetch();
    onChanged?.();
  };

  return (
    <div aria-busy={answer.loading}>
      <Errors errors={otherErrors} onRetry={refetch} />
      <Drafts name={name} practices={practices} errors={practiceErrors} retry={refetch} />
      <Interests name={name} practices={practices} errors={practiceErrors} retry={refetch} />
      <Registrations
        name={name}
        municipality={municipality}
        errors={[...registrationErrors, ...(municipality ? [] : municipalityErrors)]}
        retry={refetch}
      />
      <Section title="Teilnahme an Kooperationen" id="teilnahme">
        <p className="kern-body">
          Mit einer Teilnahmeerklärung sagt {name} verbindlich zu, an einer Kooperation teilzunehmen. Die Ansprechperson
          sehen nur angemeldete Nutzerinnen und Nutzer des Welcome Hub.
        </p>
        {/* After a write the form that had the focus may be gone: the confirmation takes it. */}
        {notice ? <Notice title={notice} focusKey={notice} /> : null}
        <Errors errors={municipalityErrors} onRetry={refetch} />
        {municipality ? (
          municipality.cooperations.length === 0 ? (
            <Empty>{name} gehört keiner Kooperation an und ist zu keiner eingeladen.</Empty>
          ) : (
            <ul className="participations">
              {municipality.cooperations.map((c) => (
                <li key={c.slug}>
                  <ParticipationCard
                    ags={ags}
                    name={name}
                    cooperation={c}
                    participation={
                      municipality.participations.find((p) => p.cooperation.slug === c.slug && p.active) ?? null
                    }
                    onStart={() => setNotice(null)}
                    onDone={done}
                  />
                </li>
              ))}
            </ul>
          )
        ) : null}
      </Section>
    </div>
  );
}
