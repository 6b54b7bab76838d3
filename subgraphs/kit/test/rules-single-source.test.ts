import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Each input rule is declared once, in kit's rules module (geo/distance.ts for the
 * distance formula; the reference package's directory for "a municipality or a
 * cooperation the hub has"). A copy elsewhere would drift from it unnoticed, so this test reads
 * every source file of the hub and fails on one.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What a copy of a rule looks like in TypeScript source. */
const COPIES = {
  /** `\d{8}` or `[0-9]{8}` (also `{8,}`), in a regex literal or a string. */
  AGS: /(?:\\d|\[0-9\])\{8(?:,\d*)?\}/,
  /** The haversine's arcsine or the Earth radius in kilometres. */
  haversine: /Math\.asin\(|\b6371(?:\.\d+)?\b/,
  /** `[a-z0-9]+(-[a-z0-9]+)*`, with or without a non-capturing group or `\d`. */
  slug: /\[a-z(?:0-9|\\d)\]\+\((?:\?:)?-\[a-z(?:0-9|\\d)\]\+\)\*/,
  /** The message of the rule that an AGS must be one of the hub's municipalities. */
  knownMunicipality: /no municipality of the hub has the AGS/,
  /** The message of the rule that a slug must be one of the hub's cooperations. */
  knownCooperation: /no cooperation has the slug/,
  /** `\d{5}` or `[0-9]{5}`: a Kreisschlüssel. */
  district: /(?:\\d|\[0-9\])\{5\}/,
} as const;

type Rule = keyof typeof COPIES;

/** Where each rule may be spelled out: its declaration (paths relative to the repository root, '/'-separated). */
const HOMES: Record<Rule, readonly string[]> = {
  AGS: ['subgraphs/kit/src/rules/'],
  haversine: ['subgraphs/kit/src/rules/', 'subgraphs/kit/src/geo/distance.ts'],
  slug: ['subgraphs/kit/src/rules/'],
  knownMunicipality: ['subgraphs/reference/src/directory.ts'],
  knownCooperation: ['subgraphs/reference/src/directory.ts'],
  district: ['subgraphs/kit/src/rules/'],
};

/**
 * Directories never read: dependencies and build output, and migrations, whose SQL check
 * constraints are the database's own copy of the rules, frozen once released.
 */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'dist-node', 'migrations']);

interface RuleCopy {
  rule: Rule;
  line: number;
  text: string;
}

/** Every line of `source` that spells out one of the rules, with the rule it copies. */
function findRuleCopies(source: string): RuleCopy[] {
  return source
    .split('\n')
    .flatMap((text, i) =>
      (Object.keys(COPIES) as Rule[])
        .filter((rule) => COPIES[rule].test(text))
        .map((rule) => ({ rule, line: i + 1, text: text.trim() })),
    );
}

/** The TypeScript files under `directory`, recursively, minus the skipped directories. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : sourceFiles(path);
    return /\.(?:ts|tsx|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

/** subgraphs/<every package>/src, gateway/src and seed/src, as paths relative to the root. */
function hubSources(): string[] {
  const packages = readdirSync(join(ROOT, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, 'subgraphs', entry.name, 'src'));
  const roots = [...packages, join(ROOT, 'gateway', 'src'), join(ROOT, 'seed', 'src')];
  return roots
    .filter((root) => existsSync(root))
    .flatMap(sourceFiles)
    .map((path) => relative(ROOT, path).split(sep).join('/'));
}

/** True when `file` is where `rule` is declared. */
function isHome(rule: Rule, file: string): boolean {
  return HOMES[rule].some((home) => (home.endsWith('/') ? file.startsWith(home) : file === home));
}

/** Reads a source file by its path relative to the root. */
const readSource = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Copies of the rules outside their homes, as 'file:line (rule) text'. */
function copiesOutsideHomes(files: readonly string[], read = readSource): string[] {
  return files.flatMap((file) =>
    findRuleCopies(read(file))
      .filter((copy) => !isHome(copy.rule, file))
      .map((copy) => `${file}:${copy.line} (${copy.rule}) ${copy.text}`),
  );
}

describe('findRuleCopies', () => {
  it.each([
    ['AGS', 'const AGS = /^\\d{8}$/;'],
    ['AGS', "if (!/^[0-9]{8}$/.test(ags)) throw new Error('bad');"],
    ['AGS', 'const route = /^\\/calendar\\/municipalities\\/(\\d{8})\\.ics$/;'],
    ['AGS', "const AGS = new RegExp('^\\\\d{8}$');"],
    ['haversine', 'return 2 * R * Math.asin(Math.sqrt(h));'],
    ['haversine', 'const EARTH_RADIUS_KM = 6371.0088;'],
    ['haversine', 'const earthKm = 6371;'],
    ['slug', 'const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;'],
    ['slug', 'const KEY = /^[a-z\\d]+(?:-[a-z\\d]+)*$/;'],
    ['knownMunicipality', "v.check(m !== undefined, 'input.ags', 'no municipality of the hub has the AGS ' + ags);"],
    ['knownCooperation', "v.check(c !== null, 'input.cooperation', 'no cooperation has the slug ' + slug);"],
    ['district', 'const DISTRICT = /^\\d{5}$/;'],
  ])('finds a planted %s copy in %s', (rule, line) => {
    expect(findRuleCopies(`import x from 'y';\n\n${line}\n`)).toEqual([{ rule, line: 3, text: line }]);
  });

  it.each([
    ['a UUID', 'const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;'],
    ['a postcode range', 'const postcode = /^[0-9]{4,5}$/;'],
    ['the shared rule in use', "v.ags(input.ags, 'input.ags');"],
    ['the shared municipality rule in use', "const host = knownMunicipality(v, input.host, 'input.host');"],
    ['a slugify replacement', "name.replace(/[^a-z0-9]+/g, '-')"],
    ['a number that merely contains the digits', 'const population = 163710;'],
    ['a SQL arcsine', "raw('2 * ? * asin(sqrt(h)) <= ?', [EARTH_RADIUS_KM, radiusKm])"],
  ])('leaves %s alone', (_, line) => {
    expect(findRuleCopies(line)).toEqual([]);
  });
});

describe('copiesOutsideHomes', () => {
  const planted = (file: string, source: string) => copiesOutsideHomes([file], () => source);

  it('reports a copy in any package, naming file, line and rule', () => {
    expect(planted('subgraphs/events/src/x.ts', '\nconst AGS = /^\\d{8}$/;')).toEqual([
      'subgraphs/events/src/x.ts:2 (AGS) const AGS = /^\\d{8}$/;',
    ]);
    expect(planted('gateway/src/bin/x.ts', 'const R = 6371;')).toEqual([
      'gateway/src/bin/x.ts:1 (haversine) const R = 6371;',
    ]);
  });

  it('allows each rule only in its own home', () => {
    expect(planted('subgraphs/kit/src/rules/area-keys.ts', 'const AGS = /^[0-9]{8}$/;')).toEqual([]);
    expect(planted('subgraphs/kit/src/geo/distance.ts', 'return 2 * EARTH_RADIUS_KM * Math.asin(x);')).toEqual([]);
    expect(planted('subgraphs/kit/src/geo/distance.ts', 'const AGS = /^[0-9]{8}$/;')).toHaveLength(1);
  });
});

describe('the input rules', () => {
  const files = hubSources();

  it('reads the sources of every package', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of [
      'gateway/src/bin/token.ts',
      'subgraphs/reference/src/official.ts',
      'subgraphs/identity/src/account/account.service.ts',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('finds the rules in their homes, so the patterns match real code', () => {
    const declared = files.filter((file) => (Object.keys(HOMES) as Rule[]).some((rule) => isHome(rule, file)));
    const rules = new Set(declared.flatMap((file) => findRuleCopies(readSource(file)).map((copy) => copy.rule)));
    expect([...rules].sort()).toEqual([
      'AGS',
      'district',
      'haversine',
      'knownCooperation',
      'knownMunicipality',
      'slug',
    ]);
  });

  it('are spelled out nowhere else: use isAgs, agsSchema, isSlug, slugSchema, distanceKm from @welcome-hub/kit, knownMunicipality, knownCooperation, unknownCooperation from @welcome-hub/reference', () => {
    expect(copiesOutsideHomes(files)).toEqual([]);
  });
});
