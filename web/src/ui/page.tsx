import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A page: its title in the browser tab and as the one h1, which takes the focus after a
 * navigation inside the app (so screen readers announce the new page, as after a page load).
 */
export function Page({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Welcome Hub`;
    // Back and forward keep the reader's place; a new page puts the focus on its heading.
    if (navigated && !cameBack()) heading.current?.focus({ preventScroll: true });
    navigated = true;
  }, [title]);
  return (
    <>
      <h1 className="kern-heading-large" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="kern-body kern-body--large lead">{lead}</p> : null}
      {children}
    </>
  );
}
/** False on the first page of a visit: the browser's own focus handling applies there. */
let navigated = false;

/**
 * Whether the page on screen was reached by going back or forward in the app's history: set by
 * a `popstate` that changed the path or query (a jump to a fragment, such as the skip link's,
 * fires `popstate` too and does not count), cleared by the next navigation inside the app
 * (wouter announces `history.pushState` as a `pushState` event).
 */
let returned = false;
let shown = typeof window === 'undefined' ? '' : window.location.pathname + window.location.search;
if (typeof window !== 'undefined') {
  const where = () => window.location.pathname + window.location.search;
  window.addEventListener('popstate', () => {
    if (where() !== shown) returned = true;
    shown = where();
  });
  window.addEventListener('pushState', () => {
    returned = false;
    shown = where();
  });
  window.addEventListener('replaceState', () => (shown = where()));
}

/** True while the page on screen was reached by back or forward (until the next navigation in the app). */
export const cameBack = (): boolean => returned;

/** A section with its heading; `id` makes it linkable. */
export function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  const headingId = `${id ?? slugify(title)}-titel`;
  return (
    <section aria-labelledby={headingId} id={id} className="section">
      <h2 className="kern-heading-medium" id={headingId}>
        {title}
      </h2>
      {children}
    </section>
  );
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
