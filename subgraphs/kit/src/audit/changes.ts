/**
 * What an audit entry says changed: per field, its old and new value. Personal data is
 * masked before it is stored, because the log is append-only and could not be erased later.
 */
export interface FieldChange {
  old: unknown;
  new: unknown;
  /** Present when personal data in the values was replaced by `MASK`; equal masked values mean only personal data changed. */
  masked?: true;
}
export type Changes = Record<string, FieldChange>;

/** What a masked value reads as; null stays null, so setting and clearing remain visible. */
export const MASK = '***';

/** Properties that stamp who and when: the entry records both itself, so they are left out. */
export const STAMPS: ReadonlySet<string> = new Set([
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'submittedAt',
  'submittedBy',
]);

/** Where personal data sits in a property: `[]` the whole value, `['[]']` each element, `['[]', 'email']` a key of each element. */
export type Path = readonly string[];

/**
 * Parses declarations such as `contactEmail`, `names[]` and `contacts[].email` into the
 * paths below each property.
 */
export function personalPaths(personal: readonly string[]): Map<string, Path[]> {
  const paths = new Map<string, Path[]>();
  for (const declaration of personal) {
    const [, property, rest] = /^([A-Za-z_]\w*)(.*)$/.exec(declaration) ?? [];
    const segments = rest ? [...rest.matchAll(/\[\]|\.(\w+)/g)].map((m) => m[1] ?? '[]') : [];
    if (!property || segments.join('') !== rest!.replaceAll('.', ''))
      throw new TypeError(`Cannot read the personal-data path "${declaration}".`);
    paths.set(property, [...(paths.get(property) ?? []), segments]);
  }
  return paths;
}

function maskAt(value: unknown, path: Path): unknown {
  if (value === null || value === undefined) return null;
  if (path.length === 0) return MASK;
  const [head, ...rest] = path;
  if (head === '[]') return Array.isArray(value) ? value.map((element) => maskAt(element, rest)) : MASK;
  if (typeof value !== 'object' || Array.isArray(value)) return MASK;
  return head! in value ? { ...value, [head!]: maskAt((value as Record<string, unknown>)[head!], rest) } : value;
}

/** The value with every personal part along `paths` replaced by `MASK`. */
export function maskValue(value: unknown, paths: readonly Path[]): unknown {
  return paths.reduce(maskAt, value);
}

/** A value as JSON keeps it: dates as ISO text, big integers as text. */
export function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value;
}

/** No content: null, or an empty list (a created record's empty lists are not news). */
function isBlank(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * The change of one field, or null when old and new are equal or both blank (null or an
 * empty list). `paths` are the field's personal-data paths.
 */
export function fieldChange(
  oldValue: unknown,
  newValue: unknown,
  paths: readonly Path[] | undefined,
): FieldChange | null {
  const before = jsonValue(oldValue);
  const after = jsonValue(newValue);
  if (JSON.stringify(before) === JSON.stringify(after) || (isBlank(before) && isBlank(after))) return null;
  if (!paths?.length) return { old: before, new: after };
  const change: FieldChange = { old: maskValue(before, paths), new: maskValue(after, paths) };
  if (JSON.stringify(change.old) !== JSON.stringify(before) || JSON.stringify(change.new) !== JSON.stringify(after))
    change.masked = true;
  return change;
}

/** A property as MikroORM's metadata describes it, as far as the audit reads it. */
export interface AuditedProperty {
  name: string;
  primary?: boolean;
  persist?: boolean;
}

/** How to read one written record: its values before and after, and which properties the write touched. */
export interface RecordWrite {
  before(prop: AuditedProperty): unknown;
  after(prop: AuditedProperty): unknown;
  /** Absent: every property (a create, a delete, a row compared whole). */
  touched?(prop: AuditedProperty): boolean;
}

/**
 * What an audit entry says of one written record: the old and new value of each touched
 * property that holds data (neither key nor stamp), personal data along `paths` masked.
 */
export function recordChanges(
  props: readonly AuditedProperty[],
  paths: ReadonlyMap<string, Path[]>,
  write: RecordWrite,
): Changes {
  const changes: Changes = {};
  for (const prop of props) {
    if (prop.primary || prop.persist === false || STAMPS.has(prop.name)) continue;
    if (write.touched && !write.touched(prop)) continue;
    const change = fieldChange(write.before(prop), write.after(prop), paths.get(prop.name));
    if (change) changes[prop.name] = change;
  }
  return changes;
}
