import type { QuickCheckQuestionsQuery } from '../../../generated/graphql.js';
import { FieldError, OptionalMark, TextField, describedBy } from '../../ui/form.js';
import type { Answer } from './draft.js';
import { scaleLabel } from './scale.js';

type Area = NonNullable<QuickCheckQuestionsQuery['qualityAreas']>[number];
export type Criterion = Area['criteria'][number];

// The ids of a question's parts: the error summary links to the first radio and to the note.
const fieldsetId = (key: string) => `kriterium-${key}`;
export const radioId = (key: string, value: number | 'keine') => `kriterium-${key}-${value}`;
export const noteId = (key: string) => `kriterium-${key}-anmerkung`;

/** One criterion: a radio group for its scale (legend: the criterion) and an optional note. */
export function Question({
  criterion: c,
  answer,
  onChange,
  problem,
  noteProblem,
}: {
  criterion: Criterion;
  answer: Answer;
  onChange: (change: Partial<Answer>) => void;
  problem?: string;
  noteProblem?: string;
}) {
  const id = fieldsetId(c.key);
  const hintId = `${id}-hinweis`;
  const errorId = `${id}-fehler`;
  const values: number[] = [];
  for (let v = c.scaleMin; v <= c.scaleMax; v++) values.push(v);
  const radioProps = {
    className: `kern-form-check__radio${problem ? ' kern-form-check__radio--error' : ''}`,
    type: 'radio' as const,
    name: `antwort-${c.key}`,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy(hintId, problem && errorId),
  };
  return (
    <div className="qc-question">
      <fieldset className={`kern-fieldset${problem ? ' kern-fieldset--error' : ''}`} id={id}>
        <legend className="kern-label">
          {c.title}
          {c.required ? null : <OptionalMark />}
        </legend>
        <div className="kern-hint" id={hintId}>
          {c.guidance}
        </div>
        <FieldError id={errorId} message={problem} />
        <div className="kern-fieldset__body">
          {c.required ? null : (
            <div className="kern-form-check">
              <input
                {...radioProps}
                id={radioId(c.key, 'keine')}
                value=""
                checked={answer.score === null}
                onChange={() => onChange({ score: null })}
              />
              <label className="kern-label" htmlFor={radioId(c.key, 'keine')}>
                keine Angabe
              </label>
            </div>
          )}
          {values.map((v) => (
            <div className="kern-form-check" key={v}>
              <input
                {...radioProps}
                id={radioId(c.key, v)}
                value={v}
                checked={answer.score === v}
                onChange={() => onChange({ score: v })}
              />
              <label className="kern-label" htmlFor={radioId(c.key, v)}>
                {scaleLabel(v, c.scaleMin, c.scaleMax)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id={noteId(c.key)}
        className="qc-question__note"
        label="Anmerkung"
        optional
        labelSuffix={<span className="visually-hidden"> zu {c.title}</span>}
        multiline
        rows={2}
        value={answer.note}
        onChange={(note) => onChange({ note })}
        error={noteProblem}
      />
    </div>
  );
}
