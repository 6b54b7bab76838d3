import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLString, isListType } from 'graphql';

// A value that claims to be one of graphql's types without being one: what a second copy of
// graphql would hand over. In development mode graphql-js throws on it; as in production, it is
// just not a list.
const foreign = { [Symbol.toStringTag]: 'GraphQLList', ofType: GraphQLString };
const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('graphql-js as in production (kit/graphql-production.ts)', () => {
  it('is how the tests load graphql (Jest set-up file), NODE_ENV left as Jest set it', () => {
    expect(process.env.NODE_ENV).not.toBe('production');
    expect(isListType(foreign)).toBe(false);
  });

  it('is how a process loads it after importing the module, and NODE_ENV is left as it was', () => {
    const preambleImport = `await import(${JSON.stringify(new URL('../dist/graphql-production.js', import.meta.url).href)});`;
    const script = `
      const { isListType } = await import('graphql');
      const foreign = { [Symbol.toStringTag]: 'GraphQLList' };
      let answer;
      try { answer = String(isListType(foreign)); } catch (error) { answer = 'threw: ' + error.message.split('\\n')[0]; }
      console.log(JSON.stringify({ answer, nodeEnv: process.env.NODE_ENV ?? null }));`;
    const run = (env: Record<string, string | undefined>, preamble: boolean) => {
      const { NODE_ENV: _, ...rest } = process.env;
      const code = preamble ? preambleImport + script : script;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        env: { ...rest, ...env },
        cwd: root('subgraphs/kit'),
      });
      return JSON.parse(out.toString());
    };
    expect(run({}, false)).toEqual({
      answer: 'threw: Cannot use GraphQLList "{}" from another module or realm.',
      nodeEnv: null,
    });
    expect(run({}, true)).toEqual({ answer: 'false', nodeEnv: null });
    expect(run({ NODE_ENV: 'development' }, true)).toEqual({ answer: 'false', nodeEnv: 'development' });
  });

  it('is imported by every server process entry before anything else but the Node version check', () => {
    const entries = [
      'gateway/src/bin/embedded.ts',
      'gateway/src/bin/gateway.ts',
      'gateway/src/bin/seed.ts',
      'gateway/src/bin/reindex.ts',
      ...['municipalities', 'practices', 'modules', 'events', 'search', 'identity'].map(
        (name) => `subgraphs/${name}/src/index.ts`,
      ),
    ];
    const firstImports = (path: string) =>
      [...readFileSync(root(path), 'utf8').matchAll(/^import (?:[^'"]* from )?'([^']+)';?$/gms)]
        .slice(0, 2)
        .map((m) => m[1]);
    for (const entry of entries)
      expect({ entry, imports: firstImports(entry) }).toEqual({
        entry,
        imports: ['@welcome-hub/kit/require-node', '@welcome-hub/kit/graphql-production'],
      });
  });

  it('has one copy of graphql to guard against: the lockfile holds one', () => {
    const lock = JSON.parse(readFileSync(root('package-lock.json'), 'utf8'));
    const copies = Object.keys(lock.packages).filter((path) => /(^|\/)node_modules\/graphql$/.test(path));
    expect(copies).toEqual(['node_modules/graphql']);
  });
});
