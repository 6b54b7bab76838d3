/**
 * A MikroORM query condition restricted to what `matchesCondition` can also evaluate in
 * memory: property equality (null included), `{ $in: [...] }`, `$and` and `$or`.
 */
export type Condition = { $and?: Condition[]; $or?: Condition[] } & { [property: string]: unknown };

/** True when the condition holds no restriction at all (matches every row). */
export function isUnrestricted(condition: Condition): boolean {
  return Object.keys(condition).length === 0;
}

/** The conjunction of the given conditions, leaving out unrestricted ones. */
export function allOf(...conditions: Condition[]): Condition {
  const restricting = conditions.filter((c) => !isUnrestricted(c));
  if (restricting.length <= 1) return restricting[0] ?? {};
  return { $and: restricting };
}

/**
 * Evaluates `condition` against one loaded row as PostgreSQL would evaluate the same
 * condition in a WHERE clause, so a rule written once as a condition filters lists in SQL
 * and checks single records alike. Throws on any operator outside the supported subset
 * rather than guess: a silent disagreement with SQL would be a visibility leak.
 */
export function matchesCondition(row: object, condition: Condition): boolean {
  return Object.entries(condition).every(([key, expected]) => {
    if (key === '$and') return (expected as Condition[]).every((c) => matchesCondition(row, c));
    if (key === '$or') return (expected as Condition[]).some((c) => matchesCondition(row, c));
    if (key.startsWith('$')) throw new TypeError(`matchesCondition does not support ${key}.`);
    const actual = (row as Record<string, unknown>)[key] ?? null;
    if (expected === null || typeof expected !== 'object') return actual === expected;
    if (Object.getPrototypeOf(expected) !== Object.prototype)
      throw new TypeError(`matchesCondition compares ${key} only with scalars, null or { $in }.`);
    return Object.entries(expected).every(([operator, operand]) => {
      if (operator !== '$in' || !Array.isArray(operand))
        throw new TypeError(`matchesCondition does not support ${operator} on ${key}.`);
      // SQL: NULL IN (...) is never true.
      return actual !== null && operand.includes(actual);
    });
  });
}
