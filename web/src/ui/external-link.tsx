import type { ReactNode } from 'react';

/** A link to a download or web page outside the hub, with extra words for screen readers (e.g. which module). */
export function ExternalLink({ href, children, context }: { href: string; children: ReactNode; context?: string }) {
  return (
    <a href={href} className="kern-link" rel="noopener noreferrer">
      {children}
      {context ? <span className="visually-hidden"> ({context})</span> : null}
    </a>
  );
}
