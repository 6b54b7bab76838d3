import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { AssessmentHistory, QuickCheckQuestions, SubmitAssessment } from '../../generated/operations.js';
import type { AssessmentHistoryQuery, QuickCheckQuestionsQuery } from '../../generated/graphql.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { LineChart } from '../ui/chart.js';
import { ErrorSummary, FieldError, OptionalMark, TextField, describedBy, fieldProblems, problemCountTitle, problemFor, type FieldProblem } from '../ui/form.js';
import { formatPercent } from '../ui/numbers.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, Loading } from '../ui/states.js';
import './modules.css';

type Area = NonNullable<QuickCheckQuestionsQuery['qualityAreas']>[number];
type Criterion = Area['criteria'][number];
type HistoryEntry = NonNullable<NonNullable<AssessmentHistoryQuery['municipality']>['assessments']>[number];

/** The steps of the usual 0–3 scale in words. */
const SCALE_0_3 = ['nicht vorhanden', 'in Planung', 'teilweise umgesetzt', 'vollständig umgesetzt'];

/** A score in words: the 0–3 scale's steps, other scales by number with their ends named. */
export function scaleLabel(score: number, min: number, max: number): string {
  if (min === 0 && max === 3 && SCALE_0_3[score]) return SCALE_0_3[score];
  if (score === min) return `${score} – trifft nicht zu`;
  if (score === max) return `${score} – trifft voll zu`;
  return String(score);
}

/** "in Planung (1 von 3)". */
export const scoreText = (score: number, min: number, max: number): string => `${scaleLabel(score, min, max)} (${score} von ${max})`;

const shortDate = new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'numeric', year: '2-digit', timeZone: 'Europe/Berlin' });

interface Answer {
  score: number | null;
  note: string;
}
type Answers = Record<string, Answer>;

/** Answers survive the sign-in (a full page load) and reloads in this tab until they are saved. */
const DRAFT_KEY = 'welcome-hub:quick-check-entwurf';
const MAX_NOTE = 2000;

function loadDraft(): Answers {
  try {
    const raw = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const answers: Answers = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const v = value as Partial<Answer> | null;
      if (!v || typeof v !== 'object') continue;
      answers[key] = { score: typeof v.score === 'number' ? v.score : null, note: typeof v.note === 'string' ? v.note : '' };
    }
    return answers;
  } catch {
    return {};
  }
}

function saveDraft(answers: Answers) {
  try {
    if (Object.values(answers).some((a) => a.score !== null || a.note)) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(answers));
    else sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage may be unavailable (private mode): answers then live as long as the page.
  }
}

const fieldsetId = (key: string) => `kriterium-${key}`;
const radioId = (key: string, value: number | 'keine') => `kriterium-${key}-${value}`;
const noteId = (key: string) => `kriterium-${key}-anmerkung`;

export function QuickCheckPage() {
  const session = useSession();
  const [, navigate] = useLocation();
  const questions = useQuery(QuickCheckQuestions, {});
  const areas = useMemo(() => (questions.data?.qualityAreas ?? []).filter((a) => a.criteria.length > 0), [questions.data]);
  const criteria = useMemo(() => areas.flatMap((a) => a.criteria), [areas]);
  const ags = session.ownAgs;
  const municipalityName = session.viewer?.municipalities.find((m) => m.ags === ags)?.name ?? null;

  const [answers, setAnswers] = useState<Answers>(loadDraft);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    saveDraft(answers);
  }, [answers]);

  const answerOf = (key: string): Answer => answers[key] ?? { score: null, note: '' };
  const setAnswer = (key: string, change: Partial<Answer>) => setAnswers((all) => ({ ...all, [key]: { ...(all[key] ?? { score: null, note: '' }), ...change } }));
  const problemOf = (key: string) => problemFor(problems, key);

  const answered = criteria.filter((c) => answerOf(c.key).score !== null).length;
  const canSave = Boolean(session.viewer && ags);
  const example = criteria.some((c) => c.example);

  const submit = async () => {
    if (saving) return;
    setErrors([]);
    const found: FieldProblem[] = [];
    for (const c of criteria) {
      const a = answerOf(c.key);
      if (c.required && a.score === null) found.push({ key: c.key, target: radioId(c.key, c.scaleMin), label: c.title, message: 'Bitte wählen Sie eine Antwort.' });
      if (a.note.trim().length > MAX_NOTE)
        found.push({ key: `${c.key}:note`, target: noteId(c.key), label: `Anmerkung zu ${c.title}`, message: `Bitte kürzen Sie die Anmerkung auf höchstens ${formatNumber(MAX_NOTE)} Zeichen.` });
    }
    setProblems(found);
    if (found.length > 0 || !ags) return;

    const sent = criteria.filter((c) => answerOf(c.key).score !== null);
    setSaving(true);
    const answer = await request(SubmitAssessment, {
      input: {
        ags,
        answers: sent.map((c) => {
          const a = answerOf(c.key);
          return { criterion: c.key, score: a.score!, note: a.note.trim() ? a.note.trim() : null };
        }),
      },
    }).catch(() => ({ data: null, errors: [{ message: 'network', extensions: { code: 'NETWORK' } }] as ApiError[] }));
    setSaving(false);

    const byKey = new Map(criteria.map((c) => [c.key, c]));
    const { problems: fromHub, rest } = fieldProblems(answer.errors, (field, message) => {
      const at = /^input\.answers\[(\d+)\](?:\.(\w+))?$/.exec(field);
      const named = /criterion "([^"]+)"/.exec(message)?.[1];
      const criterion = at ? sent[Number(at[1])] : named ? byKey.get(named) : undefined;
      if (criterion && at?.[2] === 'note') return { key: `${criterion.key}:note`, target: noteId(criterion.key), label: `Anmerkung zu ${criterion.title}` };
      if (criterion) return { key: criterion.key, target: radioId(criterion.key, criterion.scaleMin), label: criterion.title };
      return { key: field || 'form', target: 'quick-check-speichern', label: field === 'input.ags' ? 'Kommune' : 'Eingabe' };
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
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      // nothing stored
    }
    clearCache();
    navigate(`/quick-check/ergebnis/${answer.data.submitAssessment.id}`);
  };

  return (
    <Page
      title="Quick-Check"
      lead="Wo steht Ihre Kommune beim Willkommenheißen? Bewerten Sie jedes Kriterium. Das Ergebnis zeigt, wo es Handlungsbedarf gibt, welche Module helfen und wie vergleichbare Kommunen es lösen."
    >
      <Intro signedIn={Boolean(session.viewer)} loading={session.loading} ags={ags} municipalityName={municipalityName} />
      {example ? (
        <p className="kern-body kern-body--muted">
          Hinweis: Dies ist ein Beispiel-Katalog. Er zeigt, wie der Quick-Check im Welcome Hub funktioniert; die Koordination ersetzt ihn durch die Kriterien des echten
          Quick-Checks.
        </p>
      ) : null}

      <Errors errors={questions.errors} onRetry={questions.refetch} />
      {questions.loading && areas.length === 0 ? <Loading what="Die Fragen des Quick-Checks" /> : null}
      {!questions.loading && questions.data && areas.length === 0 ? <Empty>Der Katalog des Quick-Checks enthält noch keine Kriterien.</Empty> : null}

      {areas.length > 0 ? (
        <form
          className="quick-check"
          noValidate
          aria-busy={saving}
          aria-label="Fragebogen des Quick-Checks"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div className="kern-progress quick-check__progress">
            <label className="kern-label" htmlFor="quick-check-fortschritt">
              {formatNumber(answered)} von {formatNumber(criteria.length)} Fragen beantwortet
            </label>
            <progress id="quick-check-fortschritt" max={criteria.length} value={answered}>
              {formatNumber(answered)} von {formatNumber(criteria.length)}
            </progress>
          </div>
          <ErrorSummary problems={problems} title={problemCountTitle(problems.length)} />

          {areas.map((area) => (
            <Section key={area.key} title={area.title} id={`bereich-${area.key}`}>
              {area.criteria.map((c) => (
                <Question
                  key={c.key}
                  criterion={c}
                  answer={answerOf(c.key)}
                  onChange={(change) => setAnswer(c.key, change)}
                  problem={problemOf(c.key)}
                  noteProblem={problemOf(`${c.key}:note`)}
                />
              ))}
            </Section>
          ))}

          <div className="modules-actions quick-check__actions">
            <Errors errors={errors} />
            {canSave ? (
              <>
                <button type="submit" id="quick-check-speichern" className="kern-btn kern-btn--primary" aria-disabled={saving || undefined}>
                  <span className="kern-label">Bewertung speichern</span>
                </button>
                <span role="status" className="kern-body">
                  {saving ? 'Wird gespeichert …' : ''}
                </span>
              </>
            ) : session.loading ? null : !session.viewer ? (
              <a className="kern-btn kern-btn--primary" href={signInUrl('/quick-check')} id="quick-check-speichern">
                <span className="kern-label">Zum Speichern anmelden</span>
              </a>
            ) : (
              <p className="kern-body" id="quick-check-speichern">
                Speichern können nur Redaktionen einer Kommune; Ihr Konto gehört zu keiner Kommune.
              </p>
            )}
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => {
                setAnswers({});
                setProblems([]);
                setErrors([]);
              }}
            >
              <span className="kern-label">Antworten zurücksetzen</span>
            </button>
          </div>
        </form>
      ) : null}

      <Section title="Bisherige Ergebnisse" id="verlauf">
        {session.loading ? (
          <Loading what="Ihre Anmeldedaten" />
        ) : !session.viewer ? (
          <p className="kern-body">
            Ergebnisse sind vertraulich: Nur die Kommune selbst und die Koordination sehen sie.{' '}
            <a href={signInUrl('/quick-check')}>Anmelden, um die Ergebnisse Ihrer Kommune zu sehen</a>
          </p>
        ) : !ags ? (
          <p className="kern-body">Ihr Konto gehört zu keiner Kommune. Ergebnisse einer Kommune öffnen Sie über deren Ergebnisseite.</p>
        ) : (
          <History ags={ags} />
        )}
      </Section>
    </Page>
  );
}

function Intro({ signedIn, loading, ags, municipalityName }: { signedIn: boolean; loading: boolean; ags: string | null; municipalityName: string | null }) {
  if (loading) return null;
  if (!signedIn) {
    return (
      <div className="kern-alert kern-alert--info">
        <div className="kern-alert__header">
          <span className="kern-icon kern-icon--info" aria-hidden="true" />
          <span className="kern-title">Ohne Anmeldung ausprobieren</span>
        </div>
        <div className="kern-alert__body">
          <p className="kern-body">
            Sie können alle Fragen ohne Anmeldung ansehen und beantworten. Zum Speichern melden Sie sich mit dem Konto Ihrer Kommune an; Ihre Antworten bleiben dabei in
            diesem Browser-Tab erhalten. <a href={signInUrl('/quick-check')}>Anmelden</a>
          </p>
        </div>
      </div>
    );
  }
  if (!ags) return null;
  return (
    <p className="kern-body">
      Sie bewerten für <strong>{municipalityName ?? ags}</strong>. Frühere Bewertungen bleiben erhalten; unten sehen Sie, wie sich Ihre Kommune entwickelt.
    </p>
  );
}

/** One criterion: a radio group for its scale (legend: the criterion) and an optional note. */
function Question({
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
              <input {...radioProps} id={radioId(c.key, 'keine')} value="" checked={answer.score === null} onChange={() => onChange({ score: null })} />
              <label className="kern-label" htmlFor={radioId(c.key, 'keine')}>
                keine Angabe
              </label>
            </div>
          )}
          {values.map((v) => (
            <div className="kern-form-check" key={v}>
              <input {...radioProps} id={radioId(c.key, v)} value={v} checked={answer.score === v} onChange={() => onChange({ score: v })} />
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

/** The municipality's assessments over time: a chart with a table of the same values. */
function History({ ags }: { ags: string }) {
  const history = useQuery(AssessmentHistory, { ags });
  const municipality = history.data?.municipality ?? null;
  const entries = municipality?.assessments ?? null;

  if (history.loading && !history.data) return <Loading what="Die bisherigen Ergebnisse" />;
  if (!municipality || !entries) {
    return (
      <>
        <Errors errors={history.errors} onRetry={history.refetch} />
        {history.errors.length === 0 ? <Empty>Die bisherigen Ergebnisse Ihrer Kommune sind für Ihr Konto nicht sichtbar.</Empty> : null}
      </>
    );
  }
  if (entries.length === 0) {
    return (
      <>
        <Errors errors={history.errors} onRetry={history.refetch} />
        <Empty>{municipality.name} hat den Quick-Check noch nicht gespeichert. Nach dem ersten Speichern sehen Sie hier die Entwicklung.</Empty>
      </>
    );
  }
  return (
    <>
      <Errors errors={history.errors} onRetry={history.refetch} />
      <HistoryChart name={municipality.name} entries={entries} />
    </>
  );
}

function HistoryChart({ name, entries }: { name: string; entries: HistoryEntry[] }) {
  // Newest first from the API; the chart reads left to right, oldest first.
  const chronological = [...entries].reverse();
  const areas: { key: string; title: string }[] = [];
  for (const e of chronological) for (const a of e.areas) if (!areas.some((x) => x.key === a.area.key)) areas.push({ key: a.area.key, title: a.area.title });
  const areaPercent = (e: HistoryEntry, key: string) => e.areas.find((a) => a.area.key === key)?.score.percent ?? null;
  const first = chronological[0];
  const last = chronological[chronological.length - 1];
  const summary =
    chronological.length === 1
      ? `Eine Bewertung: ${formatPercent(last.overall.percent)} insgesamt am ${formatDate(last.submittedAt)}.`
      : `${chronological.length} Bewertungen. Insgesamt von ${formatPercent(first.overall.percent)} am ${formatDate(first.submittedAt)} auf ${formatPercent(last.overall.percent)} am ${formatDate(last.submittedAt)}. Die Tabelle zeigt die Werte je Qualitätsbereich.`;
  return (
    <LineChart
      title={`Gesamtergebnis von ${name} im Zeitverlauf (erfüllt in Prozent)`}
      summary={summary}
      labels={chronological.map((e) => shortDate.format(new Date(e.submittedAt)))}
      series={[{ name: 'Gesamt', values: chronological.map((e) => e.overall.percent) }]}
    >
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small history-table">
          <caption className="kern-title">Bisherige Bewertungen von {name}, neueste zuerst</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Eingereicht am
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Gesamt
              </th>
              {areas.map((a) => (
                <th scope="col" className="kern-table__header kern-table__header--numeric" key={a.key}>
                  {a.title}
                </th>
              ))}
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                Beantwortet
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {entries.map((e) => (
              <tr className="kern-table__row" key={e.id}>
                <th scope="row" className="kern-table__header">
                  <Link href={`/quick-check/ergebnis/${e.id}`}>{formatDate(e.submittedAt, true)}</Link>
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(e.overall.percent)}</td>
                {areas.map((a) => {
                  const value = areaPercent(e, a.key);
                  return (
                    <td className="kern-table__cell kern-table__cell--numeric" key={a.key}>
                      {value == null ? 'keine Angabe' : formatPercent(value)}
                    </td>
                  );
                })}
                <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(e.overall.answered)} Kriterien</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </LineChart>
  );
}
