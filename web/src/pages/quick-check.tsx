import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { QuickCheckQuestions, SubmitAssessment } from '../../generated/operations.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatNumber } from '../format.js';
import { ErrorSummary, fieldProblems, problemCountTitle, problemFor, type FieldProblem } from '../ui/form.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, Loading } from '../ui/states.js';
import { type Answer, type Answers, DRAFT_KEY, loadDraft, saveDraft } from './quick-check/draft.js';
import { History } from './quick-check/history.js';
import { Intro } from './quick-check/intro.js';
import { noteId, Question, radioId } from './quick-check/question.js';
import './modules.css';

// The Quick-Check: the questionnaire (answerable signed out, kept in the tab until saved),
// saving for the own municipality, and its results so far. The parts live in ./quick-check/.

/** The longest note, in characters; checked before sending. */
const MAX_NOTE = 2000;

export function QuickCheckPage() {
  const session = useSession();
  const [, navigate] = useLocation();
  const questions = useQuery(QuickCheckQuestions, {});
  const areas = useMemo(
    () => (questions.data?.qualityAreas ?? []).filter((a) => a.criteria.length > 0),
    [questions.data],
  );
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
  const setAnswer = (key: string, change: Partial<Answer>) =>
    setAnswers((all) => ({ ...all, [key]: { ...(all[key] ?? { score: null, note: '' }), ...change } }));
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
      if (c.required && a.score === null)
        found.push({
          key: c.key,
          target: radioId(c.key, c.scaleMin),
          label: c.title,
          message: 'Bitte wählen Sie eine Antwort.',
        });
      if (a.note.trim().length > MAX_NOTE)
        found.push({
          key: `${c.key}:note`,
          target: noteId(c.key),
          label: `Anmerkung zu ${c.title}`,
          message: `Bitte kürzen Sie die Anmerkung auf höchstens ${formatNumber(MAX_NOTE)} Zeichen.`,
        });
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
      if (criterion && at?.[2] === 'note')
        return {
          key: `${criterion.key}:note`,
          target: noteId(criterion.key),
          label: `Anmerkung zu ${criterion.title}`,
        };
      if (criterion)
        return { key: criterion.key, target: radioId(criterion.key, criterion.scaleMin), label: criterion.title };
      return {
        key: field || 'form',
        target: 'quick-check-speichern',
        label: field === 'input.ags' ? 'Kommune' : 'Eingabe',
      };
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
      <Intro
        signedIn={Boolean(session.viewer)}
        loading={session.loading}
        ags={ags}
        municipalityName={municipalityName}
      />
      {example ? (
        <p className="kern-body kern-body--muted">
          Hinweis: Dies ist ein Beispiel-Katalog. Er zeigt, wie der Quick-Check im Welcome Hub funktioniert; die
          Koordination ersetzt ihn durch die Kriterien des echten Quick-Checks.
        </p>
      ) : null}

      <Errors errors={questions.errors} onRetry={questions.refetch} />
      {questions.loading && areas.length === 0 ? <Loading what="Die Fragen des Quick-Checks" /> : null}
      {!questions.loading && questions.data && areas.length === 0 ? (
        <Empty>Der Katalog des Quick-Checks enthält noch keine Kriterien.</Empty>
      ) : null}

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
                <button
                  type="submit"
                  id="quick-check-speichern"
                  className="kern-btn kern-btn--primary"
                  aria-disabled={saving || undefined}
                >
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
          <p className="kern-body">
            Ihr Konto gehört zu keiner Kommune. Ergebnisse einer Kommune öffnen Sie über deren Ergebnisseite.
          </p>
        ) : (
          <History ags={ags} />
        )}
      </Section>
    </Page>
  );
}
