import { raw } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** Orders of a module list. */
export enum ModuleOrder {
  TITLE = 'TITLE',
  UPDATED = 'UPDATED',
  ADOPTIONS = 'ADOPTIONS',
}

registerEnumType(ModuleOrder, {
  name: 'ModuleOrder',
  description: 'How a list of modules is ordered; ties are broken by title.',
  valuesConfig: {
    TITLE: { description: 'By title (the default).' },
    UPDATED: { description: 'Most recently changed first.' },
    ADOPTIONS: { description: 'Most adopted first: adoptions of any status (as `adoptionCount`).' },
  },
});

/** `adoptionCount` of the row under `alias`, as a correlated subquery (one statement for the whole page). */
const adoptionCount = (alias: string) =>
  `(select count(*) from "modules"."module_adoption" a where a."module_id" = ${alias}."id")`;

type OrderBy = Record<string, 'asc' | 'desc'>[];
const BY_TITLE: OrderBy = [{ title: 'asc' }, { id: 'asc' }];

/**
 * The ORM `orderBy` for an order; every order ends in title and id, so pages are stable. A
 * list of single-key objects: MikroORM refuses raw SQL and fields mixed in one object.
 */
export function moduleOrderBy(order: ModuleOrder | null | undefined): OrderBy {
  switch (order ?? ModuleOrder.TITLE) {
    case ModuleOrder.UPDATED:
      return [{ updatedAt: 'desc' }, ...BY_TITLE];
    case ModuleOrder.ADOPTIONS:
      return [{ [raw(adoptionCount)]: 'desc' }, ...BY_TITLE];
    default:
      return BY_TITLE;
  }
}
