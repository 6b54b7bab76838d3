import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, findBreakingChanges, parse, type BreakingChange } from 'graphql';
import { subgraphSchema } from '@welcome-hub/kit';
import { defaultSubgraphUrl, subgraphs } from './subgraphs.js';

/** The committed artifacts, relative to the schema package. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
export const SUBGRAPHS_DIR = fileURLToPath(new URL('../subgraphs/', import.meta.url));
/** The client-facing schema (what partner-city developers query), without federation internals. */
export const PUBLIC_SCHEMA_PATH = fileURLToPath(new URL('../public.graphql', import.meta.url));

export interface PrintedSubgraph {
  name: string;
  url: string;
  sdl: string;
}

/** Prints every subgraph's SDL from its resolvers; needs no database. */
export async function printSubgraphs(): Promise<PrintedSubgraph[]> {
  return Promise.all(
    subgraphs.map(async (definition) => ({
      name: definition.name,
      url: defaultSubgraphUrl(definition),
      sdl: (await subgraphSchema(definition)).sdl,
    })),
  );
}

/** Composes the supergraph; throws listing every composition error. */
export function composeSupergraph(printed: PrintedSubgraph[]): { supergraphSdl: string; publicSdl: string } {
  const result = composeServices(printed.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n`, publicSdl: `${result.publicSdl.trim()}\n` };
}

/** The committed supergraph, as the gateway loads it. */
export function readSupergraph(path = SUPERGRAPH_PATH): string {
  return readFileSync(path, 'utf8');
}

/** Changes between two public schemas that can break existing client operations. */
export function breakingChanges(oldPublicSdl: string, newPublicSdl: string): BreakingChange[] {
  return findBreakingChanges(buildSchema(oldPublicSdl), buildSchema(newPublicSdl));
}
