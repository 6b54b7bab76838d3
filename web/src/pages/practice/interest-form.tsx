import { useMemo, useState } from 'react';
import { MarkInterest, RemoveInterest } from '../../../generated/operations.js';
import { errorWith, request, type ApiError } from '../../api/client.js';
import { ErrorSummary, TextField, fieldProblems, problemFor } from '../../ui/form.js';
import { Errors, Notice } from '../../ui/states.js';
import type { Own, Practice } from './common.js';

/**
 * Marks (with an optional note to the owner) or withdraws the municipality's interest; a
 * CONFLICT or NOT_FOUND means it was already so, and says so.
 */
export function InterestForm({
  practice,
  ownerName,
  own,
  onChanged,
}: {
  practice: Practice;
  ownerName: string;
  own: Own;
  onChanged: () => void;
}) {
  // What the hub says, until this form changes it (then the refetch agrees).
  const [marked, setMarked] = useState(() => practice.ownInterests.some((i) => i.municipality?.ags === own.ags));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { problems, rest } = useMemo(
    () => fieldProblems(errors, { 'input.note': { id: 'interesse-nachricht', label: `Nachricht an ${ownerName}` } }),
    [errors, ownerName],
  );
  const remember = (value: boolean) => setMarked(value);

  const mark = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setDone(null);
    const answer = await request(MarkInterest, {
      input: { practiceId: practice.id, ags: own.ags, note: note.trim() || null },
    });
    setBusy(false);
    if (errorWith(answer.errors, 'CONFLICT')) {
      remember(true);
      setDone(`${own.name} hat bereits Interesse an diesem Praxisbeispiel bekundet.`);
      return;
    }
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    remember(true);
    setNote('');
    setDone(
      `Interesse bekundet: ${ownerName} sieht jetzt, dass sich ${own.name} für dieses Praxisbeispiel interessiert.`,
    );
    onChanged();
  };

  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setDone(null);
    const answer = await request(RemoveInterest, { input: { practiceId: practice.id, ags: own.ags } });
    setBusy(false);
    if (errorWith(answer.errors, 'NOT_FOUND')) {
      remember(false);
      setDone(`${own.name} hatte kein Interesse bekundet.`);
      return;
    }
    if (answer.errors.length > 0 || !answer.data) return setErrors(answer.errors);
    remember(false);
    setDone('Interesse zurückgezogen.');
    onChanged();
  };

  return (
    <form
      className="practice-actions__part"
      noValidate
      aria-labelledby="interesse-titel"
      onSubmit={(event) => {
        event.preventDefault();
        void (marked ? withdraw() : mark());
      }}
    >
      <h3 className="kern-heading-small" id="interesse-titel">
        Interesse
      </h3>
      <p className="kern-body">
        {marked
          ? `${own.name} hat Interesse an diesem Praxisbeispiel bekundet. ${ownerName} sieht das und kann sich bei Ihnen melden.`
          : `Zeigen Sie ${ownerName}, dass sich ${own.name} für dieses Praxisbeispiel interessiert. ${ownerName} sieht, wer interessiert ist, und kann sich bei Ihnen melden.`}
      </p>
      <ErrorSummary problems={problems} />
      <Errors errors={rest} />
      {done ? <Notice title={done} /> : null}
      {marked ? null : (
        <TextField
          id="interesse-nachricht"
          label={`Nachricht an ${ownerName}`}
          optional
          hint="Bis 1.000 Zeichen, zum Beispiel eine Frage oder wer bei Ihnen zuständig ist."
          value={note}
          onChange={setNote}
          multiline
          rows={3}
          error={problemFor(problems, 'input.note')}
        />
      )}
      <div className="kern-btn-wrapper">
        <button
          type="submit"
          className={`kern-btn ${marked ? 'kern-btn--secondary' : 'kern-btn--primary'}`}
          aria-disabled={busy || undefined}
        >
          <span className="kern-label">{marked ? 'Interesse zurückziehen' : 'Interesse bekunden'}</span>
        </button>
      </div>
    </form>
  );
}
