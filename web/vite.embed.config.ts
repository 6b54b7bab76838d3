import { readFileSync } from 'node:fs';
import { parse, type OperationDefinitionNode } from 'graphql';
import { defineConfig, type Plugin } from 'vite';
import { PRESETS } from './embed/spec.ts';

// The embeddable charts (<welcome-hub-chart>): one classic script of a few KB at
// dist/embed/welcome-hub.js, with its demo page and the catalogue of trusted queries
// (operations.json). Runs after the app's build (which empties dist/) and before
// scripts/compress.mjs, so the embed is precompressed too.

const manifestPath =
  process.env.WELCOME_HUB_TRUSTED_DOCUMENTS ?? new URL('../schema/trusted-documents.json', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;

/** Every committed query by operation name (mutations never run by GET). */
const queries: Record<string, string> = {};
for (const [id, document] of Object.entries(manifest)) {
  const operation = parse(document).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (operation?.name && operation.operation === 'query') queries[operation.name.value] = id;
}

// A preset whose document is not committed would fail only in a visitor's browser: fail here.
const presetOperations = [...new Set(Object.values(PRESETS).map((p) => p.operation!))];
const missing = presetOperations.filter((name) => !queries[name]);
if (missing.length) {
  throw new Error(
    `The embed's chart presets need trusted documents that ${manifestPath} does not hold: ${missing.join(', ')}. ` +
      'Add schema/operations/<Name>.graphql for each and run `npm run documents:print`.',
  );
}

/** The demo page, its stylesheet and the query catalogue, copied beside the script. */
function embedFiles(): Plugin {
  return {
    name: 'welcome-hub-embed-files',
    generateBundle() {
      for (const file of ['demo.html', 'demo.css'])
        this.emitFile({
          type: 'asset',
          fileName: file,
          source: readFileSync(new URL(`./embed/${file}`, import.meta.url)),
        });
      this.emitFile({ type: 'asset', fileName: 'operations.json', source: `${JSON.stringify(queries, null, 1)}\n` });
    },
  };
}

export default defineConfig({
  publicDir: false,
  define: {
    __WELCOME_HUB_DOCUMENTS__: JSON.stringify(
      Object.fromEntries(presetOperations.map((name) => [name, queries[name]])),
    ),
  },
  plugins: [embedFiles()],
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    lib: { entry: 'embed/welcome-hub.ts', formats: ['iife'], name: 'WelcomeHub', fileName: () => 'welcome-hub.js' },
  },
});
