import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PUBLIC_SCHEMA_PATH,
  TRUSTED_DOCUMENTS_PATH,
  buildTrustedDocuments,
  trustedDocumentId,
  readOperationFiles,
  readTrustedDocuments,
  serializeManifest,
  staleManifestProblems,
} from '../src/index.js';

const publicSdl = readFileSync(PUBLIC_SCHEMA_PATH, 'utf8');
const profile = { name: 'Profile.graphql', source: 'query Profile($ags: ID!) { municipality(ags: $ags) { name } }' };

describe('trusted documents manifest', () => {
  it('is current: every committed operation is valid and hashed (run `npm run documents:print` when this fails)', () => {
    const { manifest, problems } = buildTrustedDocuments(readOperationFiles(), publicSdl);
    expect(problems).toEqual([]);
    expect(staleManifestProblems(readFileSync(TRUSTED_DOCUMENTS_PATH, 'utf8'), manifest)).toEqual([]);
  });

  it('knows every id the README shows', () => {
    const ids = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').match(/sha256:[0-9a-f]{64}/g) ?? [];
    const committed = readTrustedDocuments();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !committed.has(id))).toEqual([]);
  });

  it('ids the printed document, so formatting and comments do not change the id', () => {
    const reformatted = {
      ...profile,
      source: `# the profile page\nquery Profile($ags: ID!) {\n  municipality(ags: $ags) {\n    name\n  }\n}\n`,
    };
    const a = buildTrustedDocuments([profile], publicSdl).manifest;
    const b = buildTrustedDocuments([reformatted], publicSdl).manifest;
    expect(a).toEqual(b);
    const [[id, text]] = Object.entries(a);
    expect(id).toBe(trustedDocumentId(text));
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('detects a stale manifest, naming what is missing and what is no longer produced', () => {
    const { manifest } = buildTrustedDocuments([profile], publicSdl);
    const old = { [trustedDocumentId('query Gone { cooperations { name } }')]: 'query Gone { cooperations { name } }' };
    const problems = staleManifestProblems(serializeManifest(old), manifest);
    expect(problems).toEqual([
      expect.stringMatching(/^missing: Profile \(sha256:/),
      expect.stringMatching(/^no longer produced: Gone \(sha256:/),
    ]);
    expect(staleManifestProblems(null, manifest)).toEqual(['the manifest is missing']);
    expect(staleManifestProblems(serializeManifest(manifest), manifest)).toEqual([]);
  });

  it('refuses invalid, anonymous, duplicate and misnamed operations', () => {
    const { manifest, problems } = buildTrustedDocuments(
      [
        profile,
        { name: 'Invalid.graphql', source: 'query Invalid { municipality(ags: "05970040") { mayor } }' },
        { name: 'Anonymous.graphql', source: '{ cooperations { name } }' },
        { name: 'Copy.graphql', source: 'query Profile { cooperations { name } }' },
        { name: 'Broken.graphql', source: 'query Broken {' },
      ],
      publicSdl,
    );
    expect(Object.keys(manifest)).toHaveLength(1);
    expect(problems).toEqual([
      expect.stringMatching(/^Invalid\.graphql: Cannot query field "mayor" on type "Municipality"/),
      expect.stringMatching(/^Anonymous\.graphql: has an anonymous operation/),
      'Copy.graphql: operation Profile is also defined in Profile.graphql',
      'Copy.graphql: holds operation Profile; name the file Profile.graphql',
      expect.stringMatching(/^Broken\.graphql: Syntax Error/),
    ]);
  });

  it('reads a manifest (bare hex keys too) as id → document and refuses ids that are not the hash of their document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welcome-hub-documents-'));
    try {
      const text = 'query Gone {\n  cooperations {\n    name\n  }\n}';
      const good = join(dir, 'good.json');
      writeFileSync(good, serializeManifest({ [trustedDocumentId(text)]: text }));
      expect(readTrustedDocuments(good)).toEqual(new Map([[trustedDocumentId(text), text]]));
      const codegen = join(dir, 'codegen.json');
      writeFileSync(codegen, serializeManifest({ [trustedDocumentId(text).slice('sha256:'.length)]: text }));
      expect(readTrustedDocuments(codegen)).toEqual(new Map([[trustedDocumentId(text), text]]));
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, serializeManifest({ [trustedDocumentId(text)]: `${text} ` }));
      expect(() => readTrustedDocuments(bad)).toThrow(/not the sha256 of their document/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
