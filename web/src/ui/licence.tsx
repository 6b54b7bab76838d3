import type { LicenceCode } from '../../generated/graphql.js';

/** The open licences a description may carry (the API's LicenceCode), with their German names. */
export const LICENCES: Record<LicenceCode, { name: string; short: string; url: string }> = {
  CC_BY_4_0: {
    name: 'Creative Commons Namensnennung 4.0 International',
    short: 'CC BY 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.de',
  },
  CC_BY_SA_4_0: {
    name: 'Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International',
    short: 'CC BY-SA 4.0',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.de',
  },
  CC0_1_0: {
    name: 'Creative Commons Zero 1.0 Universell (gemeinfrei)',
    short: 'CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.de',
  },
  DL_DE_BY_2_0: {
    name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    short: 'dl-de/by-2-0',
    url: 'https://www.govdata.de/dl-de/by-2-0',
  },
  DL_DE_ZERO_2_0: {
    name: 'Datenlizenz Deutschland – Zero – Version 2.0',
    short: 'dl-de/zero-2-0',
    url: 'https://www.govdata.de/dl-de/zero-2-0',
  },
};

/** A licence as a link to its text; an unknown one is said to be unknown, never presented as open. */
export function Licence({ code }: { code: LicenceCode | null | undefined }) {
  if (!code) return <>nicht angegeben – die Weiternutzung bitte mit der Eigentümerin klären</>;
  const licence = LICENCES[code];
  return (
    <a href={licence.url} rel="license">
      {licence.name} ({licence.short})
    </a>
  );
}

/** A choice of licence for a form: a select with "not chosen" first. */
export function LicenceSelect({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: LicenceCode | null;
  onChange: (code: LicenceCode | null) => void;
  error?: string | null;
}) {
  const hintId = `${id}-hinweis`;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        Lizenz der Beschreibung
      </label>
      <div className="kern-hint" id={hintId}>
        Unter welcher Lizenz andere Kommunen Ihre Beschreibung weiterverwenden dürfen. Ohne Angabe gilt sie als nicht
        freigegeben.
      </div>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          name={id}
          className={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value === '' ? null : (event.target.value as LicenceCode))}
        >
          <option value="">Keine Angabe (nicht freigegeben)</option>
          {Object.entries(LICENCES).map(([code, licence]) => (
            <option key={code} value={code}>
              {licence.short}: {licence.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
