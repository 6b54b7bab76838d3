import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { AdaptPractice } from '../../../generated/operations.js';
import { clearCache, errorWith, request, type ApiError } from '../../api/client.js';
import { ErrorSummary, TextField, fieldProblems, problemFor } from '../../ui/form.js';
import { Errors, Notice } from '../../ui/states.js';
import type { PracticeNavigationState } from '../practice-edit.js';
import type { Own, Practice } from './common.js';

/** The slug adaptPractice gives an adaptation without its own slug. */
const defaultAdaptationSlug = (source: string, ags: string) =>
  `${source.slice(0, 120 - ags.length - 1).replace(/-+$/, '')}-${ags}`;

const ADAPT_FIELDS = {
  'input.changes': { id: 'uebernahme-aenderungen', label: 'Was ändern Sie für Ihre Kommune?' },
  'input.title': { id: 'uebernahme-titel', label: 'Titel Ihrer Fassung' },
};

/**
 * Adapts the practice for the municipality: a draft of its own opens for editing; if the
 * municipality adapted it before (CONFLICT), a link to that draft instead.
 */
export function AdaptForm({ practice, ownerName, own }: { practice: Practice; ownerName: string; own: Own }) {
  const [, navigate] = useLocation();
  const [changes, setChanges] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [exists, setExists] = useState(false);
  const { problems, rest } = useMemo(() => fieldProblems(errors, ADAPT_FIELDS), [errors]);
  const existing = defaultAdaptationSlug(practice.slug, own.ags);

  const adapt = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setExists(false);
    const answer = await request(AdaptPractice, {
      input: { sourceId: practice.id, ags: own.ags, changes, title: title.trim() === '' ? null : title.trim() },
    });
    setBusy(false);
    if (errorWith(answer.errors, 'CONFLICT')) return setExists(true);
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    clearCache();
    navigate(`/praxis/${answer.data.adaptPractice.slug}/bearbeiten`, {
      state: { adapted: true } satisfies PracticeNavigationState,
    });
  };

  return (
    <form
      className="practice-actions__part"
      noValidate
      aria-labelledby="uebernehmen-titel"
      onSubmit={(event) => {
        event.preventDefault();
        void adapt();
      }}
    >
      <h3 className="kern-heading-small" id="uebernehmen-titel">
        Übernehmen
      </h3>
      <p className="kern-body">
        Legen Sie eine eigene Fassung für {own.name} an. Sie entsteht als Entwurf, den nur Ihre Kommune sieht, bis Sie
        ihn veröffentlichen. Dass sie von {ownerName} stammt, bleibt vermerkt.
      </p>
      <ErrorSummary problems={problems} />
      <Errors errors={rest} />
      {exists ? (
        <Notice tone="info" title={`${own.name} hat dieses Praxisbeispiel schon übernommen.`}>
          <p className="kern-body">
            <Link href={`/praxis/${existing}/bearbeiten`}>Ihre Fassung bearbeiten</Link>
          </p>
        </Notice>
      ) : null}
      <TextField
        id={ADAPT_FIELDS['input.changes'].id}
        label={ADAPT_FIELDS['input.changes'].label}
        hint="3 bis 5.000 Zeichen, zum Beispiel „Empfang im Stadtmuseum statt im Freibad“. Sie können das später noch ändern."
        value={changes}
        onChange={setChanges}
        multiline
        rows={4}
        error={problemFor(problems, 'input.changes')}
      />
      <TextField
        id={ADAPT_FIELDS['input.title'].id}
        label={ADAPT_FIELDS['input.title'].label}
        optional
        hint={`Ohne Angabe: „${practice.title}“.`}
        value={title}
        onChange={setTitle}
        autoComplete="off"
        error={problemFor(problems, 'input.title')}
      />
      <div className="kern-btn-wrapper">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={busy || undefined}>
          <span className="kern-label">Für meine Kommune übernehmen</span>
        </button>
      </div>
    </form>
  );
}
