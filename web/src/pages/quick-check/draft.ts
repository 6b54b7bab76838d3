// The unsaved answers, kept in the tab's sessionStorage.

/** One criterion's answer: a score (null: none yet, or "keine Angabe") and a note. */
export interface Answer {
  score: number | null;
  note: string;
}
export type Answers = Record<string, Answer>;

/** Answers survive the sign-in (a full page load) and reloads in this tab until they are saved. */
export const DRAFT_KEY = 'welcome-hub:quick-check-entwurf';

/** The answers kept from before (a sign-in or a reload); nothing where storage is unavailable or holds nonsense. */
export function loadDraft(): Answers {
  try {
    const raw = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const answers: Answers = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const v = value as Partial<Answer> | null;
      if (!v || typeof v !== 'object') continue;
      answers[key] = {
        score: typeof v.score === 'number' ? v.score : null,
        note: typeof v.note === 'string' ? v.note : '',
      };
    }
    return answers;
  } catch {
    return {};
  }
}

/** Keeps the answers; with none given, removes the draft. */
export function saveDraft(answers: Answers) {
  try {
    if (Object.values(answers).some((a) => a.score !== null || a.note))
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(answers));
    else sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage may be unavailable (private mode): answers then live as long as the page.
  }
}
