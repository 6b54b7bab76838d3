import { ArrayType, type Platform, type TransformContext } from '@mikro-orm/core';

/** Quotes one element of a PostgreSQL array literal; quoting every element keeps "NULL", commas and braces literal text. */
function quoteElement(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Builds the PostgreSQL literal of a text[] value, e.g. `{"a","NULL"}`. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map(quoteElement).join(',')}}`;
}

/**
 * A `text[]` column whose every element is quoted on the way in. MikroORM's own array
 * type leaves plain words unquoted, so a user's tag or name spelled "NULL" would be
 * stored as SQL NULL. Use it as `p.array().type(TextArrayType)`.
 */
export class TextArrayType extends ArrayType<string> {
  override convertToDatabaseValue(
    value: string[] | null,
    platform: Platform,
    context?: TransformContext,
  ): string | null {
    if (Array.isArray(value)) return textArrayLiteral(value.map(String));
    return super.convertToDatabaseValue(value, platform, context) as string | null;
  }
}
