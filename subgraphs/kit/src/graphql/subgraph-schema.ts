import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type AuthChecker, type NonEmptyArray } from 'type-graphql';

/** Federation v2 directives the subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible", "@override"])';

/** `__resolveReference` per entity type name; every one must batch through a DataLoader. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

export interface SubgraphSchemaInput {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers;
  /**
   * Decides the `@Authorized(action)` fields, usually `policyAuthChecker(policy)`; without
   * one every such field answers null.
   */
  authChecker?: AuthChecker;
}

// type-graphql keeps `@Authorized` marks in one process-wide store, so every schema needs a
// checker once any subgraph declares one; a schema without a policy grants nothing.
const grantNothing: AuthChecker = () => false;

export interface SubgraphSchema {
  schema: GraphQLSchema;
  /** The SDL as committed under schema/subgraphs, with the federation link. */
  sdl: string;
}

/**
 * Turns type-graphql resolvers into an executable Federation v2 subgraph schema:
 * type-graphql builds and prints the SDL (with `@key` and friends), then
 * @apollo/subgraph adds `_entities`/`_service` and the reference resolvers.
 */
export async function buildFederatedSchema(input: SubgraphSchemaInput): Promise<SubgraphSchema> {
  const local = await buildSchema({
    resolvers: input.resolvers,
    orphanedTypes: input.orphanedTypes,
    skipCheck: true,
    validate: false,
    // Refused fields answer null rather than fail the response: see auth/policy-auth-checker.ts.
    authChecker: input.authChecker ?? grantNothing,
    authMode: 'null',
    emitSchemaFile: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(local)}\n`;
  const resolvers = createResolversMap(local) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(input.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  return { schema, sdl };
}
