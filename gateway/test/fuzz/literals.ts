/** An enum value: printed bare in a literal, as its name in variables. */
export class EnumLiteral {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** JSON texts waiting to be spliced in by `stringifyBody`, by the index their placeholder names. */
const spliced: string[] = [];

/** A value whose JSON text is written as is: JSON.stringify cannot write it (1e400, 2^53+1, 20 000 levels deep). */
abstract class RawJson {
  abstract json(): string;
  toJSON(): string {
    spliced.push(this.json());
    return `__raw_json_${spliced.length - 1}__`;
  }
}

/** A number written exactly as given: 1e400 parses to Infinity, 9007199254740993 loses a digit. */
export class RawNumber extends RawJson {
  constructor(readonly text: string) {
    super();
  }
  json(): string {
    return this.text;
  }
}

/** `{ nested: { nested: … "leaf" } }`, written without recursion however deep. */
export class DeepObject extends RawJson {
  constructor(readonly depth: number) {
    super();
  }
  json(): string {
    return `${'{"nested":'.repeat(this.depth)}"leaf"${'}'.repeat(this.depth)}`;
  }
  toLiteral(): string {
    return `${'{nested: '.repeat(this.depth)}"leaf"${'}'.repeat(this.depth)}`;
  }
}

/** An argument or input field left out. */
export const OMIT = Symbol('omit');

/** Serializes a request body, splicing in the JSON texts of RawNumbers and DeepObjects. */
export function stringifyBody(body: unknown): string {
  const text = JSON.stringify(body).replace(/"__raw_json_(\d+)__"/g, (_, i: string) => spliced[Number(i)]);
  spliced.length = 0;
  return text;
}

/** Prints `value` as a GraphQL value literal, whatever its type (wrong ones included). */
export function printLiteral(value: unknown): string {
  if (value instanceof EnumLiteral) return value.name;
  if (value instanceof RawNumber) return value.text;
  if (value instanceof DeepObject) return value.toLiteral();
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== OMIT);
  return `{${fields.map(([k, v]) => `${k}: ${printLiteral(v)}`).join(', ')}}`;
}
