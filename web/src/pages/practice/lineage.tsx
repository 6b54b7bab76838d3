import { useEffect, useMemo, useRef, useState } from 'react';
import { PracticeLineage } from '../../../generated/operations.js';
import type { LineageNodeFragment, PracticeLineageQuery } from '../../../generated/graphql.js';
import { request, useQuery, type ApiError } from '../../api/client.js';
import { Lineage, type LineageNode } from '../../ui/lineage.js';
import { Empty, Errors, Loading } from '../../ui/states.js';

// The lineage: where the practice comes from and who adapted it, loaded branch by branch.

/** How many deeper parts of the lineage one page view loads at most. */
const MAX_EXPANSIONS = 20;

type LineageAnswer = NonNullable<PracticeLineageQuery['practice']>;
type Adaptation = LineageAnswer['adaptations'][number];

/** The lineage as the page shows it, and the answer behind it (its draft flag and changes, for the page). */
export interface LineageState {
  loading: boolean;
  errors: ApiError[];
  refetch: () => void;
  practice: LineageAnswer | null;
  ancestors: LineageNode[];
  current: LineageNode | null;
}

/**
 * The practice's lineage: ancestors over every hop from `lineage`, descendants from
 * `adaptations` two levels per answer; where a branch goes deeper (a grandchild with a
 * reuse count), the same operation loads the next two levels, up to MAX_EXPANSIONS times.
 */
export function useLineage(slug: string): LineageState {
  const base = useQuery(PracticeLineage, { slug });
  const [deeper, setDeeper] = useState<Record<string, Adaptation[]>>({});
  const requested = useRef(new Set<string>());
  const practice = base.data?.practice ?? null;

  const childrenBySlug = useMemo(() => {
    const known = new Map<string, LineageNodeFragment[]>();
    const add = (parent: string, children: Adaptation[]) => {
      known.set(parent, children);
      for (const child of children) known.set(child.slug, child.adaptations);
    };
    if (practice) add(practice.slug, practice.adaptations);
    for (const [parent, children] of Object.entries(deeper)) add(parent, children);
    return known;
  }, [practice, deeper]);

  useEffect(() => {
    for (const children of [...childrenBySlug.values()]) {
      for (const child of children) {
        if (child.reuseCount === 0 || childrenBySlug.has(child.slug) || requested.current.has(child.slug)) continue;
        if (requested.current.size >= MAX_EXPANSIONS) return;
        requested.current.add(child.slug);
        const branch = child.slug;
        request(PracticeLineage, { slug: branch }).then(
          (answer) => {
            const next = answer.data?.practice?.adaptations;
            if (next) setDeeper((previous) => ({ ...previous, [branch]: next }));
          },
          () => undefined,
        );
      }
    }
  }, [childrenBySlug]);

  return useMemo(() => {
    const toNode = (f: LineageNodeFragment, depth: number): LineageNode => {
      const children = depth < 50 ? childrenBySlug.get(f.slug) : [];
      return {
        slug: f.slug,
        title: f.title,
        owner: f.municipality?.name ?? null,
        draft: f.draft,
        changes: f.adaptationChanges,
        adaptedAt: f.adaptedAt,
        more: children ? 0 : f.reuseCount,
        children: (children ?? []).map((c) => toNode(c, depth + 1)),
      };
    };
    const ancestors = practice
      ? [...practice.lineage].reverse().map((a) => ({
          ...toNode(a, 50),
          owner: a.municipality?.name ?? a.cooperation?.name ?? null,
          more: 0,
          children: [],
        }))
      : [];
    const current = practice
      ? { ...toNode(practice, 0), owner: practice.municipality?.name ?? practice.cooperation?.name ?? null }
      : null;
    return {
      loading: base.loading && !practice,
      errors: base.errors,
      refetch: base.refetch,
      practice,
      ancestors,
      current,
    };
  }, [base.loading, base.errors, base.refetch, practice, childrenBySlug]);
}

/** The lineage graph, or why there is none (an original nobody adapted yet; no answer). */
export function LineageSection({ state }: { state: LineageState }) {
  if (state.loading) return <Loading what="Herkunft und Übernahmen" />;
  return (
    <>
      <Errors errors={state.errors} onRetry={state.refetch} />
      {state.current ? (
        state.ancestors.length === 0 && state.current.children.length === 0 && state.current.more === 0 ? (
          <Empty>Dieses Praxisbeispiel ist ein Original und wurde bisher von keiner Kommune übernommen.</Empty>
        ) : (
          <Lineage ancestors={state.ancestors} current={state.current} />
        )
      ) : state.errors.length === 0 ? (
        <Empty>Zur Herkunft dieses Praxisbeispiels liegen keine Angaben vor.</Empty>
      ) : null}
    </>
  );
}
