import { GraphQLError } from 'graphql';

/** The codes a client can rely on; anything else is an unexpected failure. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'SEARCH_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'GATEWAY_SIGNATURE_REQUIRED'
  | 'INTERNAL_SERVER_ERROR';

/** One rejected input field: `field` is the argument path, e.g. `input.contact.email`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Base class of every expected failure: a GraphQL error carrying `extensions.code`. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = new.target.name;
  }
}

/** Invalid arguments. `extensions.fields` lists every problem, so a form can mark them all at once. */
export class BadUserInputError extends HubError {
  readonly fields: FieldProblem[];
  constructor(fields: FieldProblem[]) {
    super('BAD_USER_INPUT', BadUserInputError.describe(fields), { fields });
    this.fields = fields;
  }

  /** The error message listing `fields`. */
  static describe(fields: FieldProblem[]): string {
    return `Invalid input. ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
  }
}

/** A record the caller named does not exist. */
export class NotFoundError extends HubError {
  constructor(what: string, key: string) {
    super('NOT_FOUND', `${what} "${key}" was not found.`, { entity: what, key });
  }
}

/** The operation needs a signed-in caller, or the presented token is not acceptable. */
export class UnauthenticatedError extends HubError {
  constructor(message = 'This operation requires a valid bearer token.') {
    super('UNAUTHENTICATED', message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends HubError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** The write would contradict existing data (duplicate, already withdrawn…). */
export class ConflictError extends HubError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions);
  }
}

/** The request body is larger than the server reads (HTTP 413); `limit` is in bytes. */
export class PayloadTooLargeError extends HubError {
  constructor(readonly limit: number) {
    super('PAYLOAD_TOO_LARGE', `The request body exceeds ${limit} bytes.`, { limit });
  }
}

/** A subgraph request without the gateway's valid signature (HTTP 403): only the gateway may call a subgraph. */
export class GatewaySignatureError extends HubError {
  constructor() {
    super('GATEWAY_SIGNATURE_REQUIRED', 'This subgraph answers only requests signed by the gateway.');
  }
}
