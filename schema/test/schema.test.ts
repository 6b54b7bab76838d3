import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { PUBLIC_SCHEMA_PATH, SUBGRAPHS_DIR, SUPERGRAPH_PATH, composeSupergraph, printSubgraphs } from '../src/index.js';

describe('committed schema', () => {
  it('matches what the resolvers produce (run `npm run schema:print` when this fails)', async () => {
    const printed = await printSubgraphs();
    for (const subgraph of printed) {
      expect(readFileSync(`${SUBGRAPHS_DIR}/${subgraph.name}.graphql`, 'utf8')).toBe(subgraph.sdl);
    }
    const { supergraphSdl, publicSdl } = composeSupergraph(printed);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(supergraphSdl);
    expect(readFileSync(PUBLIC_SCHEMA_PATH, 'utf8')).toBe(publicSdl);
  });

  it('describes every type, field, argument and enum value of the public API', () => {
    const schema = buildSchema(readFileSync(PUBLIC_SCHEMA_PATH, 'utf8'));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      // Root operation types carry no description in type-graphql; their fields do.
      const isRoot = [schema.getQueryType(), schema.getMutationType()].includes(type as never);
      if (!type.description && !isRoot) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('keys Municipality by ags in every subgraph that contributes to it', () => {
    const declaration = /^type Municipality (.*) \{$/m.exec(readFileSync(SUPERGRAPH_PATH, 'utf8'))![1];
    for (const graph of ['MUNICIPALITIES', 'PRACTICES', 'MODULES'])
      expect(declaration).toContain(`@join__type(graph: ${graph}, key: "ags")`);
  });
});
