import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

// package.json's allowScripts decides which dependencies' install scripts `npm ci` runs: npm 12
// runs none without an entry; npm 11 (from 11.16) skips the refused ones and warns about the
// rest. The project's own Node 24 is such a script (the npm package `node` fetches its binary),
// so without its entry `npm start` and `npm test` would run on whatever Node the machine has.

const root = new URL('../../', import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, root), 'utf8'));

interface LockEntry {
  name?: string;
  version?: string;
  hasInstallScript?: boolean;
}

type Lock = { packages: Record<string, LockEntry> };

/** A lockfile path's package name: node_modules/a/node_modules/@b/c is @b/c. */
const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The names of the installed dependencies (not the root or a workspace) that have an install script; an alias by the package's own name. */
function withInstallScripts(lock: Lock): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.includes('node_modules/') && entry.hasInstallScript)
    .map(([path, entry]) => entry.name ?? packageName(path));
}

describe('install scripts', () => {
  const allowScripts: Record<string, boolean> = read('package.json').allowScripts ?? {};

  it("lets the npm package node fetch the project's Node", () => {
    expect(allowScripts.node).toBe(true);
    expect(read('package.json').devDependencies.node).toMatch(/^24\./);
  });

  it('decides on every dependency that has one, so a new one is reviewed before npm skips or runs it', () => {
    const scripts = withInstallScripts(read('package-lock.json'));
    expect(scripts).toContain('node');
    expect(scripts.filter((name) => !(name in allowScripts))).toEqual([]);
  });

  it('names only packages the lockfile has', () => {
    const lock: Lock = read('package-lock.json');
    const names = new Set(Object.keys(lock.packages).map(packageName));
    expect(Object.keys(allowScripts).filter((name) => !names.has(name))).toEqual([]);
  });
});
