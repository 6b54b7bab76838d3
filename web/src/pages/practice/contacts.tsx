import { useLocation } from 'wouter';
import { signInUrl, useSession } from '../../api/session.js';
import { Empty } from '../../ui/states.js';
import type { Practice } from './common.js';

/** The contact persons as cards; the hub answers them to the signed-in only (null: not for you, or not available). */
export function Contacts({ practice }: { practice: Practice }) {
  const session = useSession();
  const [location] = useLocation();
  if (practice.contacts === null) {
    if (session.viewer) return <Empty>Die Kontaktdaten sind gerade nicht abrufbar.</Empty>;
    return (
      <p className="kern-body">
        Kontaktdaten sehen angemeldete Nutzerinnen und Nutzer. <a href={signInUrl(location)}>Zur Anmeldung</a>
      </p>
    );
  }
  if (practice.contacts.length === 0) return <Empty>Keine Ansprechpersonen angegeben.</Empty>;
  return (
    <ul className="practice__contacts">
      {practice.contacts.map((contact, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: no id, every field may be empty; read-only list
        <li key={index} className="kern-card">
          <div className="kern-card__container">
            <div className="kern-card__body">
              <p className="kern-body kern-body--bold">{contact.name ?? contact.role ?? 'Ansprechperson'}</p>
              {contact.name && contact.role ? <p className="kern-body">{contact.role}</p> : null}
              {contact.email ? (
                <p className="kern-body">
                  E-Mail: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </p>
              ) : null}
              {contact.phone ? (
                <p className="kern-body">
                  Telefon: <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                </p>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
