import { useId, useState, type KeyboardEvent } from 'react';

export interface Option {
  value: string;
  /** Said and shown after the value, e.g. the kind of record. */
  detail?: string;
}

/**
 * A text field with suggestions as you type: the ARIA 1.2 combobox pattern (list
 * autocomplete). Arrow keys move through the suggestions, Enter takes one, Escape closes
 * them; the field keeps the focus throughout.
 */
export function Combobox(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter without a chosen suggestion, or a suggestion taken. */
  onSubmit?: (value: string) => void;
  options: Option[];
  name?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open && props.options.length > 0;
  const take = (value: string) => {
    props.onChange(value);
    setOpen(false);
    setActive(-1);
    props.onSubmit?.(value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && props.options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % props.options.length);
    } else if (event.key === 'ArrowUp' && props.options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? props.options.length - 1 : a - 1));
    } else if (event.key === 'Escape') {
      // With suggestions shown, Escape only closes them; otherwise a search field clears itself, as browsers do.
      if (shown) event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter') {
      if (shown && active >= 0) {
        event.preventDefault();
        take(props.options[active].value);
      } else {
        setOpen(false);
      }
    }
  };
  return (
    <div className="kern-form-input combobox">
      <label className="kern-label" htmlFor={`${id}-input`}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <input
        id={`${id}-input`}
        className="kern-form-input__input"
        type="search"
        name={props.name}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <div className="visually-hidden" role="status" aria-live="polite">
        {shown
          ? `${props.options.length} ${props.options.length === 1 ? 'Vorschlag' : 'Vorschläge'}, mit den Pfeiltasten erreichbar.`
          : ''}
      </div>
      {/* The WAI-ARIA 1.2 combobox pattern: the suggestions' popup is a listbox (checked with axe-core). */}
      <ul
        id={`${id}-list`}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the combobox pattern's listbox
        role="listbox"
        aria-label={`Vorschläge für ${props.label}`}
        className="combobox__list"
        hidden={!shown}
      >
        {props.options.map((option, index) => (
          // Combobox pattern: the focus stays in the field, aria-activedescendant points at the option.
          // biome-ignore lint/a11y/useFocusableInteractive: options are no tab stops in a combobox
          <li
            key={`${option.value}-${option.detail ?? ''}`}
            id={`${id}-option-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox
            role="option"
            aria-selected={index === active}
            className={index === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
            // mousedown, not click: the field's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              take(option.value);
            }}
          >
            {option.value}
            {option.detail ? <span className="combobox__detail"> ({option.detail})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
