import { describe, expect, it } from '@jest/globals';
import { requestedDocumentId, trustedDocuments, trustedDocumentsMode } from '../src/edge/trusted-documents.js';

const hex = 'ab'.repeat(32);
const documents = new Map([[`sha256:${hex}`, 'query Vocabularies { targetGroups { code } }']]);
const request = (authorization?: string) =>
  new Request('http://hub/graphql', { headers: authorization ? { authorization } : {} });

describe('trusted documents modes', () => {
  it("defaults to 'allow', and to 'anonymous' in production", () => {
    expect(trustedDocumentsMode({ TRUSTED_DOCUMENTS: undefined, NODE_ENV: 'development' })).toBe('allow');
    expect(trustedDocumentsMode({ TRUSTED_DOCUMENTS: undefined, NODE_ENV: 'production' })).toBe('anonymous');
    expect(trustedDocumentsMode({ TRUSTED_DOCUMENTS: 'strict', NODE_ENV: 'production' })).toBe('strict');
  });

  it('decides who may send documents', async () => {
    expect(trustedDocuments({ mode: 'off', documents })).toBeUndefined();
    expect(trustedDocuments({ mode: 'allow', documents })!.allowArbitraryDocuments).toBe(true);
    expect(trustedDocuments({ mode: 'strict', documents })!.allowArbitraryDocuments).toBe(false);
    const anonymous = trustedDocuments({ mode: 'anonymous', documents })!.allowArbitraryDocuments as (
      r: Request,
    ) => boolean;
    expect(anonymous(request())).toBe(false);
    expect(anonymous(request('  '))).toBe(false);
    expect(anonymous(request('Bearer eyJ.x.y'))).toBe(true);
  });

  it('finds documents by id only', async () => {
    const option = trustedDocuments({ mode: 'strict', documents })!;
    expect(await option.getPersistedOperation(`sha256:${hex}`, request(), {} as never)).toContain('Vocabularies');
    expect(await option.getPersistedOperation(hex, request(), {} as never)).toBeNull();
  });
});

describe('requestedDocumentId', () => {
  it('reads documentId from the body or the query string, and Apollo hashes with the prefix added', () => {
    expect(requestedDocumentId({ documentId: `sha256:${hex.toUpperCase()}` } as never, request())).toBe(
      `sha256:${hex}`,
    );
    expect(requestedDocumentId({}, new Request(`http://hub/graphql?documentId=sha256:${hex}`))).toBe(`sha256:${hex}`);
    expect(requestedDocumentId({ extensions: { persistedQuery: { version: 1, sha256Hash: hex } } }, request())).toBe(
      `sha256:${hex}`,
    );
    expect(
      requestedDocumentId({ extensions: { persistedQuery: { version: 2, sha256Hash: hex } } }, request()),
    ).toBeNull();
    expect(requestedDocumentId({ documentId: 'my-query' } as never, request())).toBe('my-query');
    expect(requestedDocumentId({}, request())).toBeNull();
  });
});
