import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { GraphQLString, isListType } from 'graphql';

// A value that claims to be one of graphql's types without being one: what a second copy of
// graphql would hand over. In development mode graphql-js throws on it; as in production, it is
// just not a list.
const foreign = { [Symbol.toStringTag]: 'GraphQLList', ofType: GraphQLString };

describe('graphql-js as in production (kit/graphql-production.ts)', () => {
  it('is how the tests load graphql (Jest set-up file)', () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(isListType(foreign)).toBe(false);
  });

  it('is how a process entry loads it, and NODE_ENV is left as it was', () => {
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
        cwd: new URL('..', import.meta.url).pathname,
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

  it('has one copy of graphql to guard against: the lockfile holds one', () => {
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8'));
    const copies = Object.keys(lock.packages).filter((path) => /(^|\/)node_modules\/graphql$/.test(path));
    expect(copies).toEqual(['node_modules/graphql']);
  });
});
