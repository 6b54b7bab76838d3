import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GraphQLError,
  Kind,
  buildSchema,
  parse,
  print,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** The committed operations (one named operation per file), relative to the schema package. */
export const OPERATIONS_DIR = fileURLToPath(new URL('../operations/', import.meta.url));
/** The manifest the gateway serves: `{ "sha256:<hex>": "<document>" }`, GraphQL Codegen's persisted-documents format. */
export const TRUSTED_DOCUMENTS_PATH = fileURLToPath(new URL('../trusted-documents.json', import.meta.url));

/** A trusted document's id: "sha256:" and the hex SHA-256 of the exact document text. */
export function trustedDocumentId(document: string): string {
  return `sha256:${createHash('sha256').update(document, 'utf8').digest('hex')}`;
}

/** The stored form of a document: printed from its syntax tree, so layout and comments never change its id. */
export function normalizeDocument(source: string | DocumentNode): string {
  return print(typeof source === 'string' ? parse(source) : source);
}

export interface OperationFile {
  /** The file name, e.g. "MunicipalityProfile.graphql"; it names the operation. */
  name: string;
  source: string;
}

/** The *.graphql files of a folder, by name. */
export function readOperationFiles(dir = OPERATIONS_DIR): OperationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(dir, name), 'utf8') }));
}

export interface TrustedDocumentsBuild {
  /** id → document, in file order. */
  manifest: Record<string, string>;
  /** Everything that keeps a file out of the manifest: syntax, naming, validation. */
  problems: string[];
}

/**
 * Builds the manifest from operation files. A file must hold exactly one named query or
 * mutation (fragments it uses may sit beside it) named like the file, unique across files
 * and valid against the public schema: an id is a promise that the document runs.
 */
export function buildTrustedDocuments(files: OperationFile[], schema: GraphQLSchema | string): TrustedDocumentsBuild {
  const publicSchema = typeof schema === 'string' ? buildSchema(schema) : schema;
  const manifest: Record<string, string> = {};
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(file.source);
    } catch (error) {
      problems.push(`${file.name}: ${(error as GraphQLError).message}`);
      continue;
    }
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const named = operations.flatMap((o) => (o.name ? [o.name.value] : []));
    const fileProblems: string[] = [];
    if (named.length < operations.length)
      fileProblems.push('has an anonymous operation; name it (e.g. "query MunicipalityProfile(…)")');
    if (operations.length !== 1) fileProblems.push(`must hold exactly one operation, holds ${operations.length}`);
    for (const name of named) {
      if (seen.has(name)) fileProblems.push(`operation ${name} is also defined in ${seen.get(name)}`);
      else seen.set(name, file.name);
    }
    if (named.length === 1 && `${named[0]}.graphql` !== file.name)
      fileProblems.push(`holds operation ${named[0]}; name the file ${named[0]}.graphql`);
    for (const error of validate(publicSchema, document)) fileProblems.push(error.message);
    if (fileProblems.length > 0) {
      problems.push(...fileProblems.map((p) => `${file.name}: ${p}`));
      continue;
    }
    const text = normalizeDocument(document);
    manifest[trustedDocumentId(text)] = text;
  }
  return { manifest, problems };
}

/** The manifest as committed: stable key order, one trailing newline. */
export function serializeManifest(manifest: Record<string, string>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** How a committed manifest differs from the one the operation files produce; empty when current. */
export function staleManifestProblems(committed: string | null, manifest: Record<string, string>): string[] {
  if (committed === serializeManifest(manifest)) return [];
  if (committed === null) return ['the manifest is missing'];
  let old: Record<string, string>;
  try {
    old = JSON.parse(committed) as Record<string, string>;
  } catch {
    return ['the manifest is not valid JSON'];
  }
  const label = (document: string) => /(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? 'a document';
  const problems = [
    ...Object.keys(manifest)
      .filter((id) => !(id in old))
      .map((id) => `missing: ${label(manifest[id])} (${id})`),
    ...Object.keys(old)
      .filter((id) => !(id in manifest))
      .map((id) => `no longer produced: ${label(String(old[id]))} (${id})`),
  ];
  return problems.length > 0 ? problems : ['the manifest is formatted or ordered differently'];
}

/**
 * Reads a manifest (default: the committed one) as id → document. Keys may also be bare
 * hex, as GraphQL Codegen's client preset writes them; they get the "sha256:" prefix.
 * Throws when an id is not the SHA-256 of its document: a hand-edited or partner manifest
 * must not let an id run something else than what its owner hashed.
 */
export function readTrustedDocuments(path = TRUSTED_DOCUMENTS_PATH): Map<string, string> {
  const documents = new Map<string, string>();
  const wrong: string[] = [];
  for (const [key, document] of Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)) {
    const id = typeof document === 'string' ? trustedDocumentId(document) : null;
    if (id !== null && (key === id || `sha256:${key}` === id)) documents.set(id, document as string);
    else wrong.push(key);
  }
  if (wrong.length > 0) {
    throw new Error(`${basename(path)}: these ids are not the sha256 of their document: ${wrong.join(', ')}`);
  }
  return documents;
}
