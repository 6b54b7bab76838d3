// The choice of a municipality, for editors of several and for coordinators.

/** A municipality to choose, with the text the select shows (default: its name). */
export type Choice = { ags: string; name: string; label?: string };

/** A select of municipalities; choosing one shows its views below (nothing else changes). */
export function ChooseMunicipality({
  options,
  value,
  onChange,
  label: text,
  hint,
}: {
  options: Choice[];
  value: string;
  onChange: (ags: string) => void;
  label: string;
  hint: string;
}) {
  return (
    <div className="kern-form-input choose-municipality">
      <label className="kern-label" htmlFor="kommune-wahl">
        {text}
      </label>
      <div className="kern-hint" id="kommune-wahl-hinweis">
        {hint}
      </div>
      <div className="kern-form-input__select-wrapper">
        <select
          id="kommune-wahl"
          className="kern-form-input__select"
          aria-describedby="kommune-wahl-hinweis"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {value === '' ? <option value="">Bitte wählen</option> : null}
          {options.map((o) => (
            <option key={o.ags} value={o.ags}>
              {o.label ?? o.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
