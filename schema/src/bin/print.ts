// `npm run schema:print` writes schema/subgraphs/*.graphql and schema/supergraph.graphql;
// `npm run schema:check` fails when they are stale or do not compose.
import '@welcome-hub/kit/require-node';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  PUBLIC_SCHEMA_PATH,
  SUBGRAPHS_DIR,
  SUPERGRAPH_PATH,
  breakingChanges,
  composeSupergraph,
  printSubgraphs,
} from '../compose.js';

const check = process.argv.includes('--check');
const printed = await printSubgraphs();
let supergraph: { supergraphSdl: string; publicSdl: string };
try {
  supergraph = composeSupergraph(printed);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const expected = new Map<string, string>([
  ...printed.map((s) => [join(SUBGRAPHS_DIR, `${s.name}.graphql`), s.sdl] as [string, string]),
  [SUPERGRAPH_PATH, supergraph.supergraphSdl],
  [PUBLIC_SCHEMA_PATH, supergraph.publicSdl],
]);
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);
const stale = [...expected].filter(([path, text]) => read(path) !== text).map(([path]) => path);
const orphans = existsSync(SUBGRAPHS_DIR)
  ? readdirSync(SUBGRAPHS_DIR)
      .map((f) => join(SUBGRAPHS_DIR, f))
      .filter((p) => p.endsWith('.graphql') && !expected.has(p))
  : [];
const show = (path: string) => relative(process.cwd(), path);

if (check) {
  if (stale.length + orphans.length === 0) {
    console.log(`Schema up to date: ${printed.length} subgraph(s) compose into ${show(SUPERGRAPH_PATH)}.`);
    process.exit(0);
  }
  console.error('The committed schema is stale. Run `npm run schema:print` and commit the result.');
  for (const path of stale) console.error(`  changed: ${show(path)}`);
  for (const path of orphans) console.error(`  no longer produced: ${show(path)}`);
  process.exit(1);
}

// Say so when a change can break existing clients; the committed public schema is the baseline.
const previous = read(PUBLIC_SCHEMA_PATH);
if (previous !== null) {
  for (const change of breakingChanges(previous, supergraph.publicSdl)) {
    console.warn(`Breaking change for existing clients: ${change.description}`);
  }
}
mkdirSync(SUBGRAPHS_DIR, { recursive: true });
for (const [path, text] of expected) writeFileSync(path, text);
console.log(`Wrote ${[...expected.keys()].map(show).join(', ')}`);
