import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client.js';
import { formatNumber } from '../format.js';
import { Errors, Loading } from './states.js';

interface Connection<N> {
  totalCount: number;
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The pages after the first, loaded by "Weitere laden"; focus moves to the first new event. */
export function usePaging<N>(
  first: Connection<N> | null,
  loadPage: (after: string) => Promise<{ connection: Connection<N> | null; errors: ApiError[] }>,
) {
  const [more, setMore] = useState<{ nodes: N[]; pageInfo: Connection<N>['pageInfo'] | null }>({
    nodes: [],
    pageInfo: null,
  });
  const [loading, setLoading] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const nodes = [...(first?.edges.map((e) => e.node) ?? []), ...more.nodes];
  const pageInfo = more.pageInfo ?? first?.pageInfo ?? null;

  // setMore and setFocusIndex land in the same render, so the new links exist when focusIndex changes.
  useEffect(() => {
    if (focusIndex === null) return;
    const links = listRef.current?.querySelectorAll<HTMLAnchorElement>(':scope > li .event-card__title a');
    links?.[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  const loadMore = async () => {
    if (loading || !pageInfo?.endCursor) return;
    setLoading(true);
    setErrors([]);
    const before = nodes.length;
    try {
      const answer = await loadPage(pageInfo.endCursor);
      if (answer.connection) {
        const connection = answer.connection;
        setMore((m) => ({
          nodes: [...m.nodes, ...connection.edges.map((e) => e.node)],
          pageInfo: connection.pageInfo,
        }));
        if (connection.edges.length > 0) setFocusIndex(before);
      }
      setErrors(answer.errors);
    } finally {
      setLoading(false);
    }
  };

  return { nodes, pageInfo, loading, errors, loadMore, listRef };
}

/** "12 von 30 Veranstaltungen", announced after each page, and the button for the next. */
export function LoadMore(props: {
  shown: number;
  total: number;
  hasNext: boolean;
  loading: boolean;
  errors: ApiError[];
  onMore: () => void;
  noun?: [string, string];
}) {
  const [one, many] = props.noun ?? ['Veranstaltung', 'Veranstaltungen'];
  return (
    <div className="load-more">
      <p className="kern-body" role="status" aria-live="polite">
        {props.total === 0
          ? ''
          : props.shown >= props.total
            ? `${formatNumber(props.total)} ${props.total === 1 ? one : many}`
            : `${formatNumber(props.shown)} von ${formatNumber(props.total)} ${many} angezeigt`}
      </p>
      <Errors errors={props.errors} onRetry={props.onMore} />
      {props.loading ? <Loading what={`Weitere ${many}`} /> : null}
      {props.hasNext && !props.loading ? (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={props.onMore}>
          <span className="kern-label">Weitere laden</span>
        </button>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// The page
