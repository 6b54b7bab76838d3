import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GraphQLError, buildSchema, parse, type ExecutionResult } from 'graphql';
import { PUBLIC_SCHEMA_PATH, readSupergraph } from '@welcome-hub/schema';
import { unavailablePathsPlugin } from '../src/edge/unavailable-paths.js';

// The Rust planner's executor reports a failed fetch once, at the fetch's path or none;
// the plugin moves the error onto every field the subgraph left null, as the JavaScript
// planner reports it (partial-answers.db.test.ts checks both planners end to end with
// TEST_QUERY_PLANNER=rust). Here its rules on answers written out, against the committed
// supergraph and public schema.

const schema = buildSchema(readFileSync(PUBLIC_SCHEMA_PATH, 'utf8'));
const plugin = unavailablePathsPlugin(parse(readSupergraph())) as {
  onExecute: (payload: unknown) => { onExecuteDone: (payload: unknown) => void };
};

function place(query: string, result: ExecutionResult): ExecutionResult {
  let placed = result;
  plugin
    .onExecute({ args: { schema, document: parse(query), operationName: undefined } })
    .onExecuteDone({ result, setResult: (next: ExecutionResult) => (placed = next) });
  return placed;
}

const down = (subgraph: string, path?: string[]) =>
  new GraphQLError(`The ${subgraph} subgraph is unavailable right now; the fields it serves are null.`, {
    path,
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph },
  });

const paths = (result: ExecutionResult) => result.errors?.map((e) => [e.extensions?.serviceName, e.path]);

describe('unavailablePathsPlugin', () => {
  it("puts a subgraph's failure on each field it adds to another subgraph's records, in lists too", () => {
    const placed = place(
      `{ municipalities(first: 2) { edges { node { name practices { title } } } }
         cooperation(slug: "integration-interkommunal") { name practices { title } } }`,
      {
        data: {
          municipalities: {
            edges: [{ node: { name: 'Siegen', practices: null } }, { node: { name: 'Olpe', practices: null } }],
          },
          cooperation: { name: 'Integration.Interkommunal', practices: null },
        },
        errors: [down('practices')],
      },
    );
    expect(paths(placed)).toEqual([
      ['practices', ['municipalities', 'edges', 0, 'node', 'practices']],
      ['practices', ['municipalities', 'edges', 1, 'node', 'practices']],
      ['practices', ['cooperation', 'practices']],
    ]);
    expect(placed.errors?.[0]?.message).toMatch(/^The practices subgraph is unavailable/);
  });

  it('names the first field the subgraph was asked for inside a record its failure nulled', () => {
    const placed = place('{ practice(slug: "willkommen-in-siegen") { title municipality { ags name } } }', {
      data: { practice: { title: 'Willkommen in Siegen', municipality: null } },
      errors: [down('municipalities', ['practice'])],
    });
    // ags is the key the practices subgraph holds itself; name is the first field from municipalities.
    expect(paths(placed)).toEqual([['municipalities', ['practice', 'municipality', 'name']]]);
  });

  it('reports each root field of a failed fetch, through aliases and fragments, and keeps other errors as they are', () => {
    const notFound = new GraphQLError('No such municipality.', {
      path: ['nowhere'],
      extensions: { code: 'NOT_FOUND' },
    });
    const placed = place(
      `{ nowhere: municipality(ags: "00000000") { name } quickCheck: module(slug: "quick-check") { title } ...F }
       fragment F on Query { folder: module(slug: "willkommensmappe") { title } events { totalCount } }`,
      {
        data: { nowhere: null, quickCheck: null, folder: null, events: { totalCount: 3 } },
        errors: [notFound, down('modules', ['quickCheck'])],
      },
    );
    expect(paths(placed)).toEqual([
      [undefined, ['nowhere']],
      ['modules', ['quickCheck']],
      ['modules', ['folder']],
    ]);
    expect(placed.errors?.[0]).toBe(notFound);
  });

  it("does not mistake another subgraph's nulls, or its own data, for the failure", () => {
    const placed = place(
      `{ events(first: 1) { pageInfo { startCursor } } practices(first: 1) { totalCount }
         practice(slug: "willkommen-in-siegen") { endedYear } municipality(ags: "05970040") { practices { title } } }`,
      {
        data: {
          events: { pageInfo: { startCursor: null } },
          practices: null,
          practice: { endedYear: null },
          municipality: { practices: null },
        },
        errors: [down('practices')],
      },
    );
    // PageInfo is every subgraph's value type; endedYear is a null the practices subgraph did answer.
    expect(paths(placed)).toEqual([
      ['practices', ['practices']],
      ['practices', ['municipality', 'practices']],
    ]);
  });

  it('leaves an answer alone when there is nothing to place: no data, or no field of the subgraph is null', () => {
    const whole = { data: null, errors: [down('events')] };
    expect(place('{ events { totalCount } }', whole)).toBe(whole);
    const answered = { data: { events: { totalCount: 3 } }, errors: [down('events', ['events'])] };
    expect(place('{ events { totalCount } }', answered)).toBe(answered);
  });
});
