import { useEffect, useRef, useState } from 'react';
import { SetModuleAdoption } from '../../../generated/operations.js';
import type { AdoptionStatus } from '../../../generated/graphql.js';
import { request, type ApiError } from '../../api/client.js';
import { formatDate, formatNumber } from '../../format.js';
import { ADOPTION_STATUS, label } from '../../labels.js';
import {
  ErrorSummary,
  FieldError,
  OptionalMark,
  TextField,
  describedBy,
  fieldProblems,
  problemCountTitle,
  problemFor,
  type FieldProblem,
} from '../../ui/form.js';
import { Errors, Notice } from '../../ui/states.js';
import type { Adoption, Module } from './common.js';

// Recording the own municipality's use of a module: status, local notes and own links,
// checked in the browser first; the hub's field errors show at the same fields.

const STATUSES: AdoptionStatus[] = ['PLANNED', 'IN_USE', 'RETIRED'];
const STATUS_HINT: Record<AdoptionStatus, string> = {
  PLANNED: 'Ihre Kommune bereitet den Einsatz vor.',
  IN_USE: 'Ihre Kommune setzt das Modul ein.',
  RETIRED: 'Ihre Kommune hat das Modul eingesetzt, nutzt es aber nicht mehr.',
};
const MAX_NOTES = 5000;
const MAX_LINKS = 20;

interface LinkRow {
  /** Stable React key (rows can be removed). */
  id: number;
  title: string;
  url: string;
}

let nextLinkId = 1;

/** An editor records their municipality's use of the module: status, local notes and own links. */
export function AdoptionForm(props: {
  module: Module;
  ags: string;
  municipalityName: string;
  existing: Adoption | null;
  onSaved: () => void;
}) {
  const { module, ags, municipalityName, existing } = props;
  const [status, setStatus] = useState<AdoptionStatus | ''>(existing?.status ?? '');
  const [notes, setNotes] = useState(existing?.localNotes ?? '');
  const [links, setLinks] = useState<LinkRow[]>(() =>
    (existing?.links ?? []).map((l) => ({ id: nextLinkId++, title: l.title, url: l.url })),
  );
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<AdoptionStatus | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusRow, setFocusRow] = useState<number | null>(null);

  useEffect(() => {
    if (focusRow !== null) document.getElementById(`nutzung-link-${focusRow}-titel`)?.focus();
  }, [focusRow]);

  const problem = (key: string) => problemFor(problems, key);

  const submit = async () => {
    if (saving) return;
    setSaved(null);
    setErrors([]);
    const found: FieldProblem[] = [];
    if (!status)
      found.push({
        key: 'status',
        target: 'nutzung-status-PLANNED',
        label: 'Status der Nutzung',
        message: 'Bitte wählen Sie einen Status.',
      });
    if (notes.trim().length > MAX_NOTES)
      found.push({
        key: 'notes',
        target: 'nutzung-notizen',
        label: 'Lokale Anpassungen und Notizen',
        message: `Bitte kürzen Sie den Text auf höchstens ${formatNumber(MAX_NOTES)} Zeichen.`,
      });
    // Rows left completely empty are dropped; the others must be complete.
    const filled = links.map((l, index) => ({ ...l, index })).filter((l) => l.title.trim() || l.url.trim());
    for (const l of filled) {
      if (!l.title.trim())
        found.push({
          key: `link-${l.index}-title`,
          target: `nutzung-link-${l.id}-titel`,
          label: `Link ${l.index + 1}, Linktext`,
          message: 'Bitte geben Sie einen Linktext ein.',
        });
      if (!/^https?:\/\/\S+$/i.test(l.url.trim()))
        found.push({
          key: `link-${l.index}-url`,
          target: `nutzung-link-${l.id}-adresse`,
          label: `Link ${l.index + 1}, Adresse`,
          message:
            'Bitte geben Sie eine vollständige Adresse mit http:// oder https:// an, zum Beispiel https://www.siegen.de/.',
        });
    }
    if (filled.length > MAX_LINKS)
      found.push({
        key: 'links',
        target: 'nutzung-link-hinzufuegen',
        label: 'Eigene Links',
        message: `Höchstens ${MAX_LINKS} Links sind möglich.`,
      });
    setProblems(found);
    if (found.length > 0 || !status) return;

    setSaving(true);
    const answer = await request(SetModuleAdoption, {
      input: {
        moduleId: module.id,
        ags,
        status,
        localNotes: notes.trim() ? notes.trim() : null,
        links: filled.map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
      },
    }).catch(() => ({ data: null, errors: [{ message: 'network', extensions: { code: 'NETWORK' } }] as ApiError[] }));
    setSaving(false);
    const { problems: fromHub, rest } = fieldProblems(answer.errors, (field) => {
      const link = /^input\.links\[(\d+)\]\.(title|url)$/.exec(field);
      if (link) {
        const row = filled[Number(link[1])];
        if (row) {
          return link[2] === 'title'
            ? {
                key: `link-${row.index}-title`,
                target: `nutzung-link-${row.id}-titel`,
                label: `Link ${row.index + 1}, Linktext`,
              }
            : {
                key: `link-${row.index}-url`,
                target: `nutzung-link-${row.id}-adresse`,
                label: `Link ${row.index + 1}, Adresse`,
              };
        }
      }
      if (field === 'input.localNotes')
        return { key: 'notes', target: 'nutzung-notizen', label: 'Lokale Anpassungen und Notizen' };
      if (field === 'input.status')
        return { key: 'status', target: 'nutzung-status-PLANNED', label: 'Status der Nutzung' };
      if (field === 'input.links') return { key: 'links', target: 'nutzung-link-hinzufuegen', label: 'Eigene Links' };
      return { key: field || 'form', target: 'nutzung-speichern', label: 'Eingabe' };
    });
    if (fromHub.length > 0) {
      setProblems(fromHub);
      setErrors(rest);
      return;
    }
    if (answer.errors.length > 0 || !answer.data) {
      setErrors(answer.errors.length ? answer.errors : [{ message: 'no data' }]);
      return;
    }
    setSaved(answer.data.setModuleAdoption.status);
    props.onSaved();
  };

  return (
    <form
      className="adoption-form"
      noValidate
      aria-busy={saving}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="kern-body">
        {existing
          ? `${municipalityName} hat die Nutzung zuletzt am ${formatDate(existing.updatedAt)} eingetragen. Sie können sie hier ändern.`
          : `Tragen Sie ein, ob ${municipalityName} das Modul plant, einsetzt oder nicht mehr nutzt. Andere Kommunen sehen so, wen sie fragen können.`}
      </p>
      <ErrorSummary problems={problems} title={problemCountTitle(problems.length)} />
      <Errors errors={errors} />
      {saved ? <Notice title={`Gespeichert: ${municipalityName} – ${label(ADOPTION_STATUS, saved)}.`} /> : null}

      <fieldset className={`kern-fieldset${problem('status') ? ' kern-fieldset--error' : ''}`} id="nutzung-status">
        <legend className="kern-label">Status der Nutzung</legend>
        <FieldError id="nutzung-status-fehler" message={problem('status')} />
        <div className="kern-fieldset__body">
          {STATUSES.map((s) => (
            <div className="kern-form-check" key={s}>
              <input
                className={`kern-form-check__radio${problem('status') ? ' kern-form-check__radio--error' : ''}`}
                type="radio"
                id={`nutzung-status-${s}`}
                name="nutzung-status"
                value={s}
                checked={status === s}
                onChange={() => setStatus(s)}
                aria-invalid={problem('status') ? true : undefined}
                aria-describedby={describedBy(
                  `nutzung-status-${s}-hinweis`,
                  problem('status') && 'nutzung-status-fehler',
                )}
              />
              <label className="kern-label" htmlFor={`nutzung-status-${s}`}>
                {label(ADOPTION_STATUS, s)}
              </label>
              <span className="kern-hint adoption-status__hint" id={`nutzung-status-${s}-hinweis`}>
                {STATUS_HINT[s]}
              </span>
            </div>
          ))}
        </div>
      </fieldset>

      <TextField
        id="nutzung-notizen"
        name="localNotes"
        label="Lokale Anpassungen und Notizen"
        optional
        hint={`Was Ihre Kommune vor Ort ergänzt oder verändert hat, höchstens ${formatNumber(MAX_NOTES)} Zeichen. Für alle sichtbar.`}
        multiline
        rows={5}
        value={notes}
        onChange={setNotes}
        error={problem('notes')}
      />

      <div>
        <h3 className="kern-heading-small">
          Eigene Links
          <OptionalMark />
        </h3>
        <p className="kern-hint" id="nutzung-links-hinweis">
          Zum Beispiel Ihre angepasste Fassung oder die Seite Ihrer Kommune dazu, höchstens {MAX_LINKS} Links.
        </p>
        <FieldError id="nutzung-links-fehler" message={problem('links')} />
      </div>
      {links.length === 0 ? <p className="kern-body">Noch keine eigenen Links.</p> : null}
      {links.map((row, index) => {
        const titleProblem = problem(`link-${index}-title`);
        const urlProblem = problem(`link-${index}-url`);
        return (
          <fieldset
            className={`kern-fieldset adoption-link${titleProblem || urlProblem ? ' kern-fieldset--error' : ''}`}
            key={row.id}
          >
            <legend className="kern-label">Link {index + 1}</legend>
            <div className="kern-fieldset__body adoption-link__body">
              <TextField
                id={`nutzung-link-${row.id}-titel`}
                label="Linktext"
                value={row.title}
                maxLength={200}
                onChange={(title) => setLinks((all) => all.map((l) => (l.id === row.id ? { ...l, title } : l)))}
                error={titleProblem}
              />
              <TextField
                id={`nutzung-link-${row.id}-adresse`}
                label="Adresse (URL)"
                hint="Beginnt mit https:// oder http://"
                type="url"
                inputMode="url"
                autoComplete="url"
                value={row.url}
                onChange={(url) => setLinks((all) => all.map((l) => (l.id === row.id ? { ...l, url } : l)))}
                error={urlProblem}
              />
              <button
                type="button"
                className="kern-btn kern-btn--tertiary"
                onClick={() => {
                  setLinks((all) => all.filter((l) => l.id !== row.id));
                  setProblems([]);
                  addButton.current?.focus();
                }}
              >
                <span className="kern-label">Link {index + 1} entfernen</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <p>
        <button
          type="button"
          id="nutzung-link-hinzufuegen"
          ref={addButton}
          className="kern-btn kern-btn--secondary"
          disabled={links.length >= MAX_LINKS}
          aria-describedby="nutzung-links-hinweis"
          onClick={() => {
            const id = nextLinkId++;
            setLinks((all) => [...all, { id, title: '', url: '' }]);
            setFocusRow(id);
          }}
        >
          <span className="kern-label">Link hinzufügen</span>
        </button>
      </p>

      <div className="modules-actions">
        <button
          type="submit"
          id="nutzung-speichern"
          className="kern-btn kern-btn--primary"
          aria-disabled={saving || undefined}
        >
          <span className="kern-label">Nutzung speichern</span>
        </button>
        <span role="status" className="kern-body">
          {saving ? 'Wird gespeichert …' : ''}
        </span>
      </div>
    </form>
  );
}
