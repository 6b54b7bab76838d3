import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ModulePage as ModulePageQuery, SetModuleAdoption } from '../../generated/operations.js';
import type { AdoptionStatus, ModulePageQuery as ModuleData } from '../../generated/graphql.js';
import { clearCache, request, useQuery, type ApiError } from '../api/client.js';
import { signInUrl, useSession } from '../api/session.js';
import { formatDate, formatNumber } from '../format.js';
import { ADOPTION_STATUS, MODULE_KIND, label } from '../labels.js';
import { ErrorSummary, FieldError, OptionalMark, TextField, describedBy, fieldProblems, problemCountTitle, problemFor, type FieldProblem } from '../ui/form.js';
import { Licence } from '../ui/licence.js';
import { Page, Section } from '../ui/page.js';
import { Empty, Errors, isNotFound, Loading, Notice } from '../ui/states.js';
import { Prose } from '../ui/text.js';
import './modules.css';

type Module = NonNullable<ModuleData['module']>;
type Adoption = Module['adoptions'][number];

// ---------------------------------------------------------------------------------------
// Badges and links the module pages share.

/** The badge of an adoption status: the word says it, the colour only repeats it. */
export function AdoptionBadge({ status }: { status: AdoptionStatus }) {
  const tone = status === 'IN_USE' ? 'success' : status === 'PLANNED' ? 'info' : 'warning';
  return (
    <span className={`kern-badge kern-badge--small kern-badge--${tone}`}>
      <span className="kern-label kern-label--small">{label(ADOPTION_STATUS, status)}</span>
    </span>
  );
}

/** A module kind as a badge (its word, not its colour, says what it is). */
export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className="kern-badge kern-badge--small kern-badge--info">
      <span className="kern-label kern-label--small">{label(MODULE_KIND, kind)}</span>
    </span>
  );
}

/** A link to a download or web page outside the hub, with extra words for screen readers (e.g. which module). */
export function ExternalLink({ href, children, context }: { href: string; children: ReactNode; context?: string }) {
  return (
    <a href={href} className="kern-link" rel="noopener noreferrer">
      {children}
      {context ? <span className="visually-hidden"> ({context})</span> : null}
    </a>
  );
}

// ---------------------------------------------------------------------------------------

export function ModulePage({ slug }: { slug: string }) {
  const session = useSession();
  const query = useQuery(ModulePageQuery, { slug });
  const module = query.data?.module ?? null;

  if (query.loading && !module) {
    return (
      <Page title="Modul">
        <Loading what="Das Modul und seine Versionen" />
      </Page>
    );
  }
  if (!module) {
    const notFound = query.errors.length === 0 || isNotFound(query.errors);
    return (
      <Page title={notFound ? 'Modul nicht gefunden' : 'Modul'}>
        {notFound ? (
          <Notice tone="info" role="alert" title="Dieses Modul gibt es nicht (mehr).">
            <p className="kern-body">
              Unter der Adresse „{slug}“ ist kein Modul eingetragen. Vielleicht wurde es umbenannt. <Link href="/module">Zum Modulkatalog</Link>
            </p>
          </Notice>
        ) : (
          <>
            <Errors errors={query.errors} onRetry={query.refetch} />
            <p className="kern-body">
              <Link href="/module">Zum Modulkatalog</Link>
            </p>
          </>
        )}
      </Page>
    );
  }

  const ownAgs = session.ownAgs;
  const own = ownAgs ? (module.adoptions.find((a) => (a.place?.ags ?? a.municipality?.ags) === ownAgs) ?? null) : null;
  const ownName = session.viewer?.municipalities.find((m) => m.ags === ownAgs)?.name ?? 'Ihre Kommune';
  const refresh = () => {
    clearCache();
    query.refetch();
  };

  return (
    <Page title={module.title} lead={module.summary}>
      <Errors errors={query.errors} onRetry={query.refetch} />
      <dl className="facts">
        <dt>Art</dt>
        <dd>{label(MODULE_KIND, module.kind)}</dd>
        <dt>Herausgegeben von</dt>
        <dd>
          {module.municipality ? (
            <Link href={`/kommunen/${module.municipality.ags}`}>{module.municipality.name}</Link>
          ) : module.cooperation ? (
            module.cooperation.name
          ) : (
            'nicht angegeben'
          )}
        </dd>
        <dt>Lizenz</dt>
        <dd>
          <Licence code={module.licence} />
        </dd>
        <dt>Genutzt von</dt>
        <dd>{adoptionText(module.adoptionCount)}</dd>
        <dt>Zuletzt geändert</dt>
        <dd>{formatDate(module.updatedAt)}</dd>
        {module.source ? (
          <>
            <dt>Quelle</dt>
            <dd>{module.source}</dd>
          </>
        ) : null}
      </dl>

      <Section title="Beschreibung">
        {module.description ? <Prose text={module.description} /> : <p className="kern-body">{module.summary}</p>}
      </Section>

      <Section title="Versionen und Downloads" id="versionen">
        {module.versions.length === 0 ? (
          <Empty>Von diesem Modul ist noch keine Version mit Downloads veröffentlicht. Fragen Sie bei der Koordination nach dem aktuellen Stand.</Empty>
        ) : (
          <ol className="module-versions">
            {module.versions.map((v, i) => (
              <li key={v.version} className="kern-card module-versions__item">
                <div className="kern-card__container">
                  <h3 className="kern-heading-small">
                    Version {v.version}
                    {i === 0 ? <span className="visually-hidden"> (aktuell)</span> : null}
                  </h3>
                  <p className="kern-body kern-body--muted">
                    Veröffentlicht am {formatDate(v.releasedOn)}
                    {i === 0 ? ' · aktuelle Version' : ''}
                  </p>
                  {v.notes ? <Prose text={v.notes} headingLevel={4} /> : null}
                  {v.links.length ? (
                    <ul className="kern-list module-downloads">
                      {v.links.map((l) => (
                        <li key={l.url}>
                          <ExternalLink href={l.url} context={`Version ${v.version}`}>
                            {l.title}
                          </ExternalLink>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="kern-body">Zu dieser Version gibt es keine Downloads.</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Hilft im Quick-Check bei" id="kriterien">
        {module.criteria.length === 0 ? (
          <Empty>Das Modul ist noch keinem Kriterium des Quick-Checks zugeordnet.</Empty>
        ) : (
          <ul className="kern-list kern-list--bullet">
            {module.criteria.map((c) => (
              <li key={c.key}>
                {c.title}
                {c.area ? <span className="kern-body--muted"> ({c.area.title})</span> : null}
              </li>
            ))}
          </ul>
        )}
        <p className="kern-body">
          <Link href="/quick-check">Zum Quick-Check</Link>: Finden Sie heraus, wo Ihre Kommune steht.
        </p>
      </Section>

      <Section title="Kommunen, die das Modul nutzen" id="nutzung">
        <Adoptions module={module} />
      </Section>

      <Section title="Nutzung in Ihrer Kommune eintragen" id="eintragen">
        {session.loading ? (
          <Loading what="Ihre Anmeldedaten" />
        ) : !session.viewer ? (
          <p className="kern-body">
            Redakteurinnen und Redakteure einer Kommune tragen hier ein, ob und wie ihre Kommune das Modul nutzt.{' '}
            <a href={signInUrl(`/module/${slug}`)}>Anmelden, um die Nutzung einzutragen</a>
          </p>
        ) : !ownAgs ? (
          <p className="kern-body">Ihr Konto gehört zu keiner Kommune. Die Nutzung eines Moduls tragen die Redaktionen der Kommunen ein.</p>
        ) : (
          <AdoptionForm key={`${module.id}-${ownAgs}`} module={module} ags={ownAgs} municipalityName={ownName} existing={own} onSaved={refresh} />
        )}
      </Section>
    </Page>
  );
}

const adoptionText = (count: number) => (count === 0 ? 'noch keiner Kommune' : count === 1 ? 'einer Kommune' : `${formatNumber(count)} Kommunen`);

function Adoptions({ module }: { module: Module }) {
  if (module.adoptions.length === 0) {
    return <Empty>Noch keine Kommune hat eingetragen, dass sie dieses Modul nutzt oder plant.</Empty>;
  }
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-title">Kommunen, die „{module.title}“ nutzen oder planen</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              Kommune
            </th>
            <th scope="col" className="kern-table__header">
              Status
            </th>
            <th scope="col" className="kern-table__header">
              Lokale Anpassungen
            </th>
            <th scope="col" className="kern-table__header">
              Zuletzt geändert
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {module.adoptions.map((a) => (
            <AdoptionRow key={a.id} adoption={a} moduleTitle={module.title} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdoptionRow({ adoption: a, moduleTitle }: { adoption: Adoption; moduleTitle: string }) {
  const ags = a.municipality?.ags ?? a.place?.ags ?? null;
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__header">
        {a.municipality ? (
          <Link href={`/kommunen/${a.municipality.ags}`}>{a.municipality.name}</Link>
        ) : ags ? (
          <Link href={`/kommunen/${ags}`}>Kommune {ags} (Name gerade nicht abrufbar)</Link>
        ) : (
          'unbekannte Kommune'
        )}
      </th>
      <td className="kern-table__cell">
        <AdoptionBadge status={a.status} />
      </td>
      <td className="kern-table__cell">
        {a.localNotes ? <span className="modules-pre-line">{a.localNotes}</span> : <span className="kern-body--muted">keine Angaben</span>}
        {a.links.length ? (
          <ul className="kern-list adoption__links">
            {a.links.map((l) => (
              <li key={l.url}>
                <ExternalLink href={l.url} context={`${a.municipality?.name ?? 'Kommune'}, ${moduleTitle}`}>
                  {l.title}
                </ExternalLink>
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="kern-table__cell">{formatDate(a.updatedAt)}</td>
    </tr>
  );
}

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
function AdoptionForm(props: { module: Module; ags: string; municipalityName: string; existing: Adoption | null; onSaved: () => void }) {
  const { module, ags, municipalityName, existing } = props;
  const [status, setStatus] = useState<AdoptionStatus | ''>(existing?.status ?? '');
  const [notes, setNotes] = useState(existing?.localNotes ?? '');
  const [links, setLinks] = useState<LinkRow[]>(() => (existing?.links ?? []).map((l) => ({ id: nextLinkId++, title: l.title, url: l.url })));
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
    if (!status) found.push({ key: 'status', target: 'nutzung-status-PLANNED', label: 'Status der Nutzung', message: 'Bitte wählen Sie einen Status.' });
    if (notes.trim().length > MAX_NOTES)
      found.push({ key: 'notes', target: 'nutzung-notizen', label: 'Lokale Anpassungen und Notizen', message: `Bitte kürzen Sie den Text auf höchstens ${formatNumber(MAX_NOTES)} Zeichen.` });
    // Rows left completely empty are dropped; the others must be complete.
    const filled = links.map((l, index) => ({ ...l, index })).filter((l) => l.title.trim() || l.url.trim());
    for (const l of filled) {
      if (!l.title.trim()) found.push({ key: `link-${l.index}-title`, target: `nutzung-link-${l.id}-titel`, label: `Link ${l.index + 1}, Linktext`, message: 'Bitte geben Sie einen Linktext ein.' });
      if (!/^https?:\/\/\S+$/i.test(l.url.trim()))
        found.push({
          key: `link-${l.index}-url`,
          target: `nutzung-link-${l.id}-adresse`,
          label: `Link ${l.index + 1}, Adresse`,
          message: 'Bitte geben Sie eine vollständige Adresse mit http:// oder https:// an, zum Beispiel https://www.siegen.de/.',
        });
    }
    if (filled.length > MAX_LINKS) found.push({ key: 'links', target: 'nutzung-link-hinzufuegen', label: 'Eigene Links', message: `Höchstens ${MAX_LINKS} Links sind möglich.` });
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
            ? { key: `link-${row.index}-title`, target: `nutzung-link-${row.id}-titel`, label: `Link ${row.index + 1}, Linktext` }
            : { key: `link-${row.index}-url`, target: `nutzung-link-${row.id}-adresse`, label: `Link ${row.index + 1}, Adresse` };
        }
      }
      if (field === 'input.localNotes') return { key: 'notes', target: 'nutzung-notizen', label: 'Lokale Anpassungen und Notizen' };
      if (field === 'input.status') return { key: 'status', target: 'nutzung-status-PLANNED', label: 'Status der Nutzung' };
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
                aria-describedby={describedBy(`nutzung-status-${s}-hinweis`, problem('status') && 'nutzung-status-fehler')}
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
          <fieldset className={`kern-fieldset adoption-link${titleProblem || urlProblem ? ' kern-fieldset--error' : ''}`} key={row.id}>
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
        <button type="submit" id="nutzung-speichern" className="kern-btn kern-btn--primary" aria-disabled={saving || undefined}>
          <span className="kern-label">Nutzung speichern</span>
        </button>
        <span role="status" className="kern-body">
          {saving ? 'Wird gespeichert …' : ''}
        </span>
      </div>
    </form>
  );
}
