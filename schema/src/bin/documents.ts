// `npm run documents:print` writes schema/trusted-documents.json from schema/operations/*.graphql;
// `npm run documents:check` fails when it is stale or an operation does not belong in it.
import '@welcome-hub/kit/require-node';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PUBLIC_SCHEMA_PATH } from '../compose.js';
import {
  OPERATIONS_DIR,
  TRUSTED_DOCUMENTS_PATH,
  buildTrustedDocuments,
  readOperationFiles,
  serializeManifest,
  staleManifestProblems,
} from '../trusted-documents.js';

const check = process.argv.includes('--check');
const show = (path: string) => relative(process.cwd(), path);
const { manifest, problems } = buildTrustedDocuments(readOperationFiles(), readFileSync(PUBLIC_SCHEMA_PATH, 'utf8'));
const count = Object.keys(manifest).length;

if (problems.length > 0) {
  console.error(
    `Operations in ${show(OPERATIONS_DIR)} that cannot be trusted documents (checked against ${show(PUBLIC_SCHEMA_PATH)}):`,
  );
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}

if (check) {
  const committed = existsSync(TRUSTED_DOCUMENTS_PATH) ? readFileSync(TRUSTED_DOCUMENTS_PATH, 'utf8') : null;
  const stale = staleManifestProblems(committed, manifest);
  if (stale.length === 0) {
    console.log(`Trusted documents up to date: ${count} operation(s) in ${show(TRUSTED_DOCUMENTS_PATH)}.`);
    process.exit(0);
  }
  console.error(`${show(TRUSTED_DOCUMENTS_PATH)} is stale. Run \`npm run documents:print\` and commit the result.`);
  for (const problem of stale) console.error(`  ${problem}`);
  process.exit(1);
}

writeFileSync(TRUSTED_DOCUMENTS_PATH, serializeManifest(manifest));
console.log(`Wrote ${count} operation(s) to ${show(TRUSTED_DOCUMENTS_PATH)}.`);
