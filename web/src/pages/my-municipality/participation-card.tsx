import { useEffect, useRef, useState } from 'react';
import {
  DeclareParticipation,
  UpdateParticipationContact,
  WithdrawParticipation,
} from '../../../generated/operations.js';
import { request, type ApiError } from '../../api/client.js';
import { formatDate } from '../../format.js';
import { todayInBerlin } from '../../ui/dates.js';
import { HubForm, type FieldGroup } from './hub-form.js';
import type { Cooperation, Participation } from './types.js';

// Participation declarations: declare, change the contact person, withdraw.

/**
 * One cooperation: the municipality's declaration with its contact person, or the form to
 * declare it. Each change opens in place; cancelling returns the focus to its button.
 */
export function ParticipationCard(props: {
  ags: string;
  name: string;
  cooperation: Cooperation;
  participation: Participation | null;
  onStart: () => void;
  onDone: (message: string) => void;
}) {
  const { ags, name, cooperation, participation, onDone } = props;
  const [mode, setMode] = useState<'view' | 'contact' | 'withdraw'>('view');
  const headingId = `teilnahme-${cooperation.slug}-titel`;
  const contactButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<'contact' | 'withdraw' | null>(null);

  // Cancelling a form returns the focus to the button that opened it.
  useEffect(() => {
    if (mode !== 'view' || !returnTo.current) return;
    (returnTo.current === 'contact' ? contactButton : withdrawButton).current?.focus();
    returnTo.current = null;
  }, [mode]);
  const open = (next: 'contact' | 'withdraw') => {
    props.onStart();
    setMode(next);
  };
  const cancel = () => {
    returnTo.current = mode === 'view' ? null : mode;
    setMode('view');
  };
  const prefix = `teilnahme-${cooperation.slug}`;

  return (
    <article className="kern-card participation" aria-labelledby={headingId}>
      <div className="kern-card__container">
        <h3 className="kern-heading-small participation__title" id={headingId}>
          {cooperation.name}
        </h3>
        {participation ? (
          <>
            <p className="kern-body">
              <span className="kern-badge kern-badge--success">
                <span className="kern-label">Teilnahme aktiv</span>
              </span>{' '}
              Erklärt am {formatDate(participation.declaredOn)}.
            </p>
            {participation.contact ? (
              <p className="kern-body">
                Ansprechperson: {participation.contact.name} ({participation.contact.role}),{' '}
                <a href={`mailto:${participation.contact.email}`}>{participation.contact.email}</a>
              </p>
            ) : null}
            {mode === 'view' ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  ref={contactButton}
                  onClick={() => open('contact')}
                >
                  <span className="kern-label">Ansprechperson ändern</span>
                </button>
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  ref={withdrawButton}
                  onClick={() => open('withdraw')}
                >
                  <span className="kern-label">Teilnahme zurückziehen</span>
                </button>
              </div>
            ) : mode === 'contact' ? (
              <HubForm
                idPrefix={`${prefix}-kontakt`}
                title="Neue Ansprechperson"
                fields={[CONTACT_FIELDS]}
                initial={{
                  name: participation.contact?.name ?? '',
                  role: participation.contact?.role ?? '',
                  email: participation.contact?.email ?? '',
                }}
                submitLabel="Ansprechperson speichern"
                autoFocus
                onCancel={cancel}
                onSubmit={async (values) => {
                  const answer = await request(UpdateParticipationContact, {
                    input: {
                      id: participation.id,
                      contact: { name: values.name, role: values.role, email: values.email },
                    },
                  });
                  if (!answer.data?.updateParticipationContact) return failure(answer.errors);
                  setMode('view');
                  onDone(`Die Ansprechperson für „${cooperation.name}“ ist gespeichert.`);
                  return [];
                }}
              />
            ) : (
              <HubForm
                idPrefix={`${prefix}-rueckzug`}
                title="Rückzug der Teilnahme"
                intro={`${name} nimmt danach nicht mehr an „${cooperation.name}“ teil. Eine neue Teilnahme können Sie jederzeit wieder erklären.`}
                fields={[
                  {
                    key: 'withdrawnOn',
                    label: 'Zurückgezogen am',
                    type: 'date',
                    hint: 'Heute oder ein früherer Tag, nicht vor der Erklärung.',
                    max: todayInBerlin(),
                  },
                ]}
                initial={{ withdrawnOn: todayInBerlin() }}
                submitLabel="Teilnahme verbindlich zurückziehen"
                autoFocus
                onCancel={cancel}
                onSubmit={async (values) => {
                  const answer = await request(WithdrawParticipation, {
                    input: { id: participation.id, withdrawnOn: values.withdrawnOn || null },
                  });
                  if (!answer.data?.withdrawParticipation) return failure(answer.errors);
                  setMode('view');
                  onDone(`Die Teilnahme von ${name} an „${cooperation.name}“ ist zurückgezogen.`);
                  return [];
                }}
              />
            )}
          </>
        ) : (
          <>
            <p className="kern-body">{name} hat die Teilnahme an dieser Kooperation noch nicht erklärt.</p>
            <HubForm
              idPrefix={`${prefix}-erklaerung`}
              title="Teilnahmeerklärung"
              fields={[
                {
                  key: 'declaredOn',
                  label: 'Datum der Erklärung',
                  type: 'date',
                  hint: 'Zum Beispiel der Tag des Ratsbeschlusses; nicht in der Zukunft.',
                  max: todayInBerlin(),
                },
                CONTACT_FIELDS,
              ]}
              initial={{ declaredOn: todayInBerlin(), name: '', role: '', email: '' }}
              snapshot={cooperation}
              submitLabel="Teilnahme erklären"
              onSubmit={async (values) => {
                props.onStart();
                const answer = await request(DeclareParticipation, {
                  input: {
                    ags,
                    cooperation: cooperation.slug,
                    declaredOn: values.declaredOn,
                    contact: { name: values.name, role: values.role, email: values.email },
                  },
                });
                if (!answer.data?.declareParticipation) return failure(answer.errors);
                onDone(`Die Teilnahme von ${name} an „${cooperation.name}“ ist erklärt.`);
                return [];
              }}
            />
          </>
        )}
      </div>
    </article>
  );
}

/** The errors of a failed write; never empty, so a form never mistakes a failure for success. */
const failure = (errors: ApiError[]): ApiError[] => (errors.length > 0 ? errors : [{ message: 'no result' }]);

const CONTACT_FIELDS: FieldGroup = {
  legend: 'Ansprechperson (Projektverantwortliche oder Projektverantwortlicher)',
  fields: [
    { key: 'name', label: 'Name', type: 'text', hint: 'Vor- und Nachname', autoComplete: 'off' },
    {
      key: 'role',
      label: 'Funktion oder Amt',
      type: 'text',
      hint: 'Zum Beispiel „Integrationsbeauftragte“',
      autoComplete: 'off',
    },
    { key: 'email', label: 'E-Mail-Adresse', type: 'email', autoComplete: 'off' },
  ],
};
