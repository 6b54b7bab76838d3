import 'reflect-metadata';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InputValidator } from '../errors/validation.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a Relay connection sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'True when items follow the last edge of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede the first edge of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` of an earlier page).',
  })
  after?: string | null;
}

/** A validated page request: skip `offset` rows, return up to `limit`. */
export interface PageWindow {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'offset:';
/** No list comes near this length; a larger offset is a forged cursor, refused before it reaches SQL. */
const MAX_OFFSET = 10_000_000;

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Validates `first`/`after`; bad values are `BAD_USER_INPUT` naming the argument. */
export function pageWindow(args: PageArgs): PageWindow {
  const v = new InputValidator();
  const limit = pageSize(v, args.first);
  let offset = 0;
  if (args.after != null) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const position = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : NaN;
    const known = Number.isSafeInteger(position) && position >= 0 && position < MAX_OFFSET;
    v.check(known, 'after', NOT_A_CURSOR);
    if (known) offset = position + 1;
  }
  v.throwIfInvalid();
  return { offset, limit };
}

/** The page size a client asked for (`first`, else the default), checked into `v`. */
export function pageSize(v: InputValidator, first: number | null | undefined): number {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  v.between(limit, 'first', 1, MAX_PAGE_SIZE);
  return limit;
}

/** What a page's `after` that no answer of the API gave is told. */
export const NOT_A_CURSOR = 'is not a cursor returned by this API';

/** The shape every connection resolver returns; `Connection()` gives it a GraphQL type. */
export interface ConnectionResult<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Builds a connection from one page of rows and the total count of the filtered list. */
export function toConnection<T>(rows: T[], totalCount: number, window: PageWindow): ConnectionResult<T> {
  const edges = rows.map((node, i) => ({ cursor: encodeCursor(window.offset + i), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: window.offset + rows.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type, following the Relay
 * connection specification with an added `totalCount`. `shareable` for a connection the kit
 * declares once and several subgraphs return (e.g. the audit trail's).
 */
export function Connection<T extends object>(
  nodeType: ClassType<T>,
  name: string,
  what: string,
  options: { shareable?: boolean } = {},
): ClassType<ConnectionResult<T>> {
  const shareable: ClassDecorator = options.shareable ? Directive('@shareable') : () => undefined;

  @shareable
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque position of this edge; pass it as `after` to continue from here.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @shareable
  @ObjectType(`${name}Connection`, { description: `A page of ${what} entries (Relay connection).` })
  class ConnectionType {
    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;

    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
