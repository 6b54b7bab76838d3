import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { PACKAGED_MEILISEARCH_VERSION, startLocalMeilisearch } from '../src/local-meilisearch.js';

// The packaged Meilisearch, really started: the binary infra/ pins the version of, on a
// free port with a fresh folder and a key of its own.
describe('startLocalMeilisearch', () => {
  it('starts the packaged binary at the pinned version, keyed, and stops it leaving nothing behind', async () => {
    const meili = await startLocalMeilisearch();
    try {
      const auth = { authorization: `Bearer ${meili.masterKey}` };
      const version = (await (await fetch(`${meili.url}/version`, { headers: auth })).json()) as { pkgVersion: string };
      expect(version.pkgVersion).toBe(PACKAGED_MEILISEARCH_VERSION);
      // The key guards it, and is not on the command line, which every local user can read.
      expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
      expect((await fetch(`${meili.url}/indexes`, { headers: auth })).status).toBe(200);
      expect(readFileSync(`/proc/${meili.pid}/cmdline`, 'utf8')).not.toContain(meili.masterKey);
      expect(existsSync(meili.dataDir)).toBe(true);
    } finally {
      await meili.stop();
    }
    expect(existsSync(meili.dataDir)).toBe(false);
    await expect(fetch(`${meili.url}/health`)).rejects.toThrow();
  });

  it('reports a binary that cannot start instead of waiting for it', async () => {
    await expect(startLocalMeilisearch({ binary: '/nonexistent/meilisearch', readyTimeoutMs: 60_000 })).rejects.toThrow(
      /could not be started: .*ENOENT/,
    );
  });
});
