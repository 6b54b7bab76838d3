import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { listen, type RunningServer } from '@welcome-hub/kit';
import { isWebAppRequest, webAppHandler } from '../src/web-app.js';

// The web app's files on their own: index.html for every path (deep links), assets cached
// for a year, a missing asset a 404, the Content-Security-Policy on every answer.

let server: RunningServer;
let base: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="de"><title>Welcome Hub</title></html>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  // As the build leaves them: a precompressed copy beside the file.
  writeFileSync(join(root, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log(1)'));
  const handler = webAppHandler({ root, formActionOrigins: ['https://id.example.org'] })!;
  server = await listen(handler, '127.0.0.1', 0);
  base = server.url;
});
afterAll(() => server?.close());

describe('the web app handler', () => {
  it('answers a deep link with index.html, revalidated each time, under a strict policy', async () => {
    const response = await fetch(`${base}/praxis/willkommen-in-siegen`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="de">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self' https://id.example.org");
    expect(policy).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('caches fingerprinted assets for a year, and answers a missing one 404, not the page', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${base}/assets/index-gone.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-cache');
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await missing.text()).not.toContain('<html');
  });

  it("sends the build's precompressed copy to a browser that accepts it", async () => {
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        request(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      },
    );
    expect(headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(body).toString()).toBe('console.log(1)');
  });

  it('leaves the API, the sign-in, probes and feeds to the hub, and answers only GET and HEAD', () => {
    for (const path of [
      '/graphql',
      '/oidc/auth',
      '/auth/login',
      '/healthz',
      '/readyz',
      '/calendar/events.ics',
      '/open-data/x.csv',
    ]) {
      expect({ path, app: isWebAppRequest('GET', path) }).toEqual({ path, app: false });
    }
    for (const path of ['/', '/praxis/x', '/kommunen/05970040', '/graphqlx'])
      expect({ path, app: isWebAppRequest('GET', path) }).toEqual({ path, app: true });
    expect(isWebAppRequest('HEAD', '/')).toBe(true);
    expect(isWebAppRequest('POST', '/')).toBe(false);
  });

  it('is absent when the app has not been built', () => {
    expect(webAppHandler({ root: mkdtempSync(join(tmpdir(), 'no-web-app-')) })).toBeNull();
  });
});
