import { raw } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** Orders of a practice list. */
export enum PracticeOrder {
  TITLE = 'TITLE',
  UPDATED = 'UPDATED',
  REUSE = 'REUSE',
  INTEREST = 'INTEREST',
}

registerEnumType(PracticeOrder, {
  name: 'PracticeOrder',
  description: 'How a list of practices is ordered; ties are broken by title.',
  valuesConfig: {
    TITLE: { description: 'By title (the default).' },
    UPDATED: { description: 'Most recently changed first.' },
    REUSE: {
      description:
        'Most reused first: practices adapted from it, directly or through further adaptations (as `reuseCount`).',
    },
    INTEREST: { description: 'Most municipalities interested first (as `interestCount`).' },
  },
});

// Adaptation chains are short; the depth cap only guards against corrupt data (as in reuse.repository.ts).
const MAX_DEPTH = 100;

/** `reuseCount` of the row under `alias`, as a correlated subquery (one statement for the whole page). */
const reuseCount = (alias: string) =>
  `(with recursive tree (id, depth) as (
      select c.id, 1 from "practices"."practice" c where c.adapted_from_id = ${alias}."id"
      union all
      select c.id, t.depth + 1 from tree t join "practices"."practice" c on c.adapted_from_id = t.id where t.depth < ${MAX_DEPTH})
    select count(*) from tree)`;

const interestCount = (alias: string) =>
  `(select count(*) from "practices"."practice_interest" i where i.practice_id = ${alias}."id")`;

type OrderBy = Record<string, 'asc' | 'desc'>[];
const BY_TITLE: OrderBy = [{ title: 'asc' }, { id: 'asc' }];

/** The ORM `orderBy` for an order; every order ends in title and id, so pages are stable. */
export function practiceOrderBy(order: PracticeOrder | null | undefined): OrderBy {
  // One object per key: the ORM refuses raw fragments and field names in the same object.
  switch (order ?? PracticeOrder.TITLE) {
    case PracticeOrder.UPDATED:
      return [{ updatedAt: 'desc' }, ...BY_TITLE];
    case PracticeOrder.REUSE:
      return [{ [raw(reuseCount)]: 'desc' }, ...BY_TITLE];
    case PracticeOrder.INTEREST:
      return [{ [raw(interestCount)]: 'desc' }, ...BY_TITLE];
    default:
      return BY_TITLE;
  }
}
