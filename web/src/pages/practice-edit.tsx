import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { PracticeEdit, SetAdaptedFrom, UpdatePractice } from '../../generated/operations.js';
import type { PracticeEditQuery } from '../../generated/graphql.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession, type Viewer } from '../api/session.js';
import { formatDate } from '../format.js';
import { ErrorSummary, TextField, fieldProblems, problemFor } from '../ui/form.js';
import { LicenceSelect } from '../ui/licence.js';
import { Page } from '../ui/page.js';
import { Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import './practice.css';

// ---------------------------------------------------------------------------------------
// Helpers shared by the practice pages
// ---------------------------------------------------------------------------------------

/** Whether the viewer may change a practice of this owner: its municipality's editors and coordinators. */
export function mayEdit(viewer: Viewer | null, ownerAgs: string | null | undefined): boolean {
  if (!viewer) return false;
  if (viewer.role === 'COORDINATOR') return true;
  return Boolean(ownerAgs && viewer.municipalities.some((m) => m.ags === ownerAgs));
}

/** What a navigation to a practice page may carry in history.state. */
export interface PracticeNavigationState {
  published?: boolean;
  adapted?: boolean;
}

export const navigationState = (): PracticeNavigationState => {
  const state = typeof window === 'undefined' ? null : (window.history.state as unknown);
  return state && typeof state === 'object' ? (state as PracticeNavigationState) : {};
};

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

type Editable = NonNullable<PracticeEditQuery['practice']>;

const FIELDS = {
  'input.title': { id: 'praxis-titel', label: 'Titel' },
  'input.summary': { id: 'praxis-kurzbeschreibung', label: 'Kurzbeschreibung' },
  'input.description': { id: 'praxis-beschreibung', label: 'Beschreibung' },
  'input.changes': { id: 'praxis-aenderungen', label: 'Was gegenüber dem Original geändert wurde' },
};

export function PracticeEditPage({ slug }: { slug: string }) {
  const session = useSession();
  const [location] = useLocation();
  const edit = useQuery(PracticeEdit, { slug });
  const practice = edit.data?.practice ?? null;

  if (session.loading) {
    return (
      <Page title="Praxisbeispiel bearbeiten">
        <Loading what="Angaben zur Anmeldung" />
      </Page>
    );
  }
  if (!session.viewer) {
    return (
      <Page title="Praxisbeispiel bearbeiten">
        <p className="kern-body">
          Praxisbeispiele bearbeiten kann die Redaktion der Kommune, der es gehört. Bitte melden Sie sich dafür an.
        </p>
        <p className="kern-body">
          <a className="kern-btn kern-btn--primary" href={signInUrl(location)}>
            <span className="kern-label">Anmelden</span>
          </a>
        </p>
        <p className="kern-body">
          <Link href={`/praxis/${slug}`}>Zurück zum Praxisbeispiel</Link>
        </p>
      </Page>
    );
  }
  if (!practice) {
    if (edit.loading) {
      return (
        <Page title="Praxisbeispiel bearbeiten">
          <Loading what="Praxisbeispiel" />
        </Page>
      );
    }
    const notFound = edit.errors.length === 0 || isNotFound(edit.errors);
    return (
      <Page title={notFound ? 'Praxisbeispiel nicht gefunden' : 'Praxisbeispiel bearbeiten'}>
        {notFound ? (
          <p className="kern-body">
            Das Praxisbeispiel „{slug}“ wurde nicht gefunden. Entwürfe sehen nur die Redaktion ihrer Kommune und die
            Koordination. <Link href="/">Zur Suche</Link>
          </p>
        ) : (
          <Errors errors={edit.errors} onRetry={edit.refetch} />
        )}
      </Page>
    );
  }

  const owner = practice.municipality?.name ?? practice.cooperation?.name ?? 'unbekannt';
  if (!mayEdit(session.viewer, practice.municipality?.ags)) {
    return (
      <Page title="Praxisbeispiel bearbeiten" lead={`„${practice.title}“ von ${owner}`}>
        <p className="kern-body">
          Dieses Praxisbeispiel kann nur die Redaktion von {owner} oder die Koordination bearbeiten.
        </p>
        <p className="kern-body">
          <Link href={`/praxis/${practice.slug}`}>Zurück zum Praxisbeispiel</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Praxisbeispiel bearbeiten" lead={`„${practice.title}“ von ${owner}`}>
      <Errors errors={edit.errors} onRetry={edit.refetch} />
      <EditForm key={practice.id} practice={practice} owner={owner} refetch={edit.refetch} />
    </Page>
  );
}

function EditForm({ practice, owner, refetch }: { practice: Editable; owner: string; refetch: () => void }) {
  const [, navigate] = useLocation();
  const [title, setTitle] = useState(practice.title);
  const [summary, setSummary] = useState(practice.summary);
  const [description, setDescription] = useState(practice.description ?? '');
  const [changes, setChanges] = useState(practice.adaptationChanges ?? '');
  const [licence, setLicence] = useState(practice.licence);
  const [busy, setBusy] = useState<null | 'save' | 'publish'>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState(practice.draft);
  const [adapted] = useState(() => navigationState().adapted === true);
  const { problems, rest } = useMemo(() => fieldProblems(errors, FIELDS), [errors]);

  const save = async (publish: boolean) => {
    if (busy !== null) return;
    setBusy(publish ? 'publish' : 'save');
    setErrors([]);
    setSaved(null);
    try {
      // 1. The texts (a draft stays a draft until the last step).
      const updated = await request(UpdatePractice, {
        input: {
          id: practice.id,
          title,
          summary,
          description: description.trim() === '' ? null : description,
          licence,
        },
      });
      if (updated.errors.length > 0 || !updated.data) return setErrors(updated.errors);
      // 2. What was changed compared with the original, for an adaptation.
      if (practice.adaptedFrom && changes.trim() !== (practice.adaptationChanges ?? '').trim()) {
        const recorded = await request(SetAdaptedFrom, {
          input: { practiceId: practice.id, sourceId: practice.adaptedFrom.id, changes },
        });
        if (recorded.errors.length > 0 || !recorded.data) return setErrors(recorded.errors);
      }
      // 3. Publishing: everyone sees it from now on.
      if (publish && draft) {
        const published = await request(UpdatePractice, { input: { id: practice.id, draft: false } });
        if (published.errors.length > 0 || !published.data) return setErrors(published.errors);
      }
      clearCache();
      if (publish) {
        navigate(`/praxis/${practice.slug}`, { state: { published: true } satisfies PracticeNavigationState });
        return;
      }
      setDraft(updated.data.updatePractice.draft);
      setSaved(
        updated.data.updatePractice.draft
          ? 'Gespeichert. Der Entwurf ist weiterhin nur für Ihre Kommune und die Koordination sichtbar.'
          : 'Gespeichert.',
      );
      refetch();
    } catch {
      // Aborted: the page was left.
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {adapted && draft ? (
        <Notice title="Entwurf angelegt. Passen Sie Ihre Fassung an, speichern Sie sie und veröffentlichen Sie sie, wenn sie fertig ist." />
      ) : null}
      <div className="practice-edit__status">
        {draft ? (
          <p className="kern-body">
            <span className="kern-badge kern-badge--warning">
              <span className="kern-label kern-label--small">Entwurf</span>
            </span>{' '}
            Nur für {owner} und die Koordination sichtbar. Mit „Veröffentlichen“ sehen es alle.
          </p>
        ) : (
          <p className="kern-body">
            <span className="kern-badge kern-badge--success">
              <span className="kern-label kern-label--small">Veröffentlicht</span>
            </span>{' '}
            Für alle sichtbar. Zuletzt geändert am {formatDate(practice.updatedAt, true)}.
          </p>
        )}
        {practice.adaptedFrom ? (
          <p className="kern-body">
            Vorlage: <Link href={`/praxis/${practice.adaptedFrom.slug}`}>„{practice.adaptedFrom.title}“</Link>
            {practice.adaptedFrom.municipality ? ` (${practice.adaptedFrom.municipality.name})` : ''}
            {practice.adaptedAt ? `, übernommen am ${formatDate(practice.adaptedAt)}` : ''}.
          </p>
        ) : null}
      </div>
      {practice.archivedAt ? (
        <p className="kern-body">
          Dieses Praxisbeispiel ist seit {formatDate(practice.archivedAt)} archiviert und kann nicht mehr geändert
          werden.
        </p>
      ) : (
        <form
          className="practice-form"
          noValidate
          aria-busy={busy !== null}
          onSubmit={(event) => {
            event.preventDefault();
            void save(false);
          }}
        >
          <ErrorSummary problems={problems} />
          <Errors errors={rest} />
          {saved ? <Notice title={saved} /> : null}
          <TextField
            id={FIELDS['input.title'].id}
            label="Titel"
            hint="3 bis 200 Zeichen."
            value={title}
            onChange={setTitle}
            autoComplete="off"
            error={problemFor(problems, 'input.title')}
          />
          <TextField
            id={FIELDS['input.summary'].id}
            label="Kurzbeschreibung"
            hint="10 bis 2.000 Zeichen. Erscheint in Suchergebnissen und oben auf der Seite."
            value={summary}
            onChange={setSummary}
            multiline
            rows={4}
            error={problemFor(problems, 'input.summary')}
          />
          <TextField
            id={FIELDS['input.description'].id}
            label="Beschreibung"
            optional
            hint="Bis 20.000 Zeichen. Absätze trennen Sie durch eine Leerzeile, Aufzählungen beginnen mit „- “."
            value={description}
            onChange={setDescription}
            multiline
            rows={12}
            error={problemFor(problems, 'input.description')}
          />
          <LicenceSelect id="lizenz" value={licence} onChange={setLicence} />
          {practice.adaptedFrom ? (
            <TextField
              id={FIELDS['input.changes'].id}
              label="Was haben Sie gegenüber dem Original geändert?"
              hint={`3 bis 5.000 Zeichen. Andere Kommunen sehen daran, wie Sie „${practice.adaptedFrom.title}“ angepasst haben.`}
              value={changes}
              onChange={setChanges}
              multiline
              rows={4}
              error={problemFor(problems, 'input.changes')}
            />
          ) : null}
          <div className="kern-btn-wrapper practice-form__actions">
            <button
              type="submit"
              className={`kern-btn ${draft ? 'kern-btn--secondary' : 'kern-btn--primary'}`}
              aria-disabled={busy !== null || undefined}
            >
              <span className="kern-label">{busy === 'save' ? 'Wird gespeichert …' : 'Speichern'}</span>
            </button>
            {draft ? (
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                aria-disabled={busy !== null || undefined}
                onClick={() => void save(true)}
              >
                <span className="kern-label">{busy === 'publish' ? 'Wird veröffentlicht …' : 'Veröffentlichen'}</span>
              </button>
            ) : null}
            <Link href={`/praxis/${practice.slug}`} className="kern-btn kern-btn--tertiary">
              <span className="kern-label">Zur Ansicht</span>
            </Link>
          </div>
          {draft ? (
            <p className="kern-body kern-body--small">
              „Veröffentlichen“ speichert Ihre Änderungen und macht das Praxisbeispiel für alle sichtbar.
            </p>
          ) : null}
        </form>
      )}
    </>
  );
}
