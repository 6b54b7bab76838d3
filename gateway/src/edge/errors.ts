import { GraphQLError } from 'graphql';

/** A refusal of the edge: a GraphQL error with its code and the HTTP status Yoga answers with. */
export function coded(
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}
