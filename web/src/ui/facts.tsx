import type { ReactNode } from 'react';

/** A list of facts (terms and values) in KERN's description list; its rows are `Fact`s. */
export function Facts({
  className,
  describedBy,
  children,
}: {
  className?: string;
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <dl className={`kern-description-list${className ? ` ${className}` : ''}`} aria-describedby={describedBy}>
      {children}
    </dl>
  );
}

/** One row of `Facts`: a term and its value. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
